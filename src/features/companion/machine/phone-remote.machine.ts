/**
 * The paired phone's touch remote, the TV's side: a short poll of the platform, each answer's
 * presses and text handed to the app (`deliverRemoteInputs`: the app feeds them into the key path
 * and refuses them on a PIN or password screen). It runs in the background while the session has a
 * paired phone; nothing shows of it, so a failure never spins: it waits longer after each failure
 * (up to a minute) and tries again. A pairing that ended (unpaired on the phone, expired) or a
 * session that ended stops it.
 */
import { assign, fromPromise, setup } from 'xstate';
import { errorIs } from '../../../machines/errors';
import { notProvided, type RemoteInput } from '../../../machines/ports';

/** Between polls: a press shows on the TV within about this. */
export const REMOTE_POLL_MS = 700;
/** The longest wait after failures in a row (doubling from the poll interval). */
export const REMOTE_BACKOFF_MAX_MS = 60_000;

export const phoneRemoteMachine = setup({
  types: {
    context: {} as { failures: number },
  },
  actors: {
    takeRemoteInputs: fromPromise<RemoteInput[]>(notProvided('takeRemoteInputs')),
  },
  actions: {
    /** The app's: every input through the key path, or dropped on a secret-entry screen. */
    deliverRemoteInputs: (_, _params: { inputs: RemoteInput[] }) => {},
  },
  delays: {
    backoff: ({ context }) => Math.min(REMOTE_POLL_MS * 2 ** context.failures, REMOTE_BACKOFF_MAX_MS),
  },
}).createMachine({
  id: 'phoneRemote',
  context: { failures: 0 },
  // It ends only when the pairing or the session did: the session forgets the pairing.
  output: { outcome: 'unpaired' as const },
  initial: 'polling',
  states: {
    polling: {
      invoke: {
        src: 'takeRemoteInputs',
        onDone: {
          target: 'waiting',
          actions: [
            { type: 'deliverRemoteInputs', params: ({ event }) => ({ inputs: event.output }) },
            assign({ failures: 0 }),
          ],
        },
        onError: [
          {
            guard: ({ event }) => errorIs(event, 'notPaired') || errorIs(event, 'sessionExpired'),
            target: 'stopped',
          },
          { target: 'backingOff', actions: assign({ failures: ({ context }) => context.failures + 1 }) },
        ],
      },
    },
    waiting: { after: { [REMOTE_POLL_MS]: 'polling' } },
    backingOff: { after: { backoff: 'polling' } },
    /** The pairing or the session ended: no more polls for it. */
    stopped: { type: 'final' },
  },
});
