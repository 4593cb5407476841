/**
 * Pairing a phone in the session: opened from home, back home when it ends; a phone that paired is
 * kept in the session's context for the phone features that use it later (forgotten at logout with
 * everything else of the viewer's, or when the viewer unpairs it).
 */
import type { PairingOutput } from '../../companion/machine/pairing.machine';
import type { PhonePairing } from '../../../machines/ports';

/** The pairing the flow (or the touch remote) ended with, or the one the session had. */
export const pairingAfter = ({
  context,
  event,
}: {
  context: { pairing: PhonePairing | undefined };
  event: unknown;
}): PhonePairing | undefined => {
  const output = (event as { output?: PairingOutput }).output;
  if (output?.outcome === 'unpaired') return undefined;
  return output?.outcome === 'paired' ? output.pairing : context.pairing;
};

const outcomeIs =
  (outcome: PairingOutput['outcome']) =>
  ({ event }: { event: unknown }): boolean =>
    (event as { output?: PairingOutput }).output?.outcome === outcome;
/** The touch remote's region (phoneRemoteRegion): polling from a pairing, none after unpairing. */
const REMOTE = '#session.loggedIn.phone.remote';
const NO_REMOTE = '#session.loggedIn.phone.unpaired';

export const companionState = {
  invoke: {
    id: 'companion',
    src: 'companion',
    // The phone paired already: the flow opens at it, with つながりを解除.
    input: ({ context }: { context: { pairing: PhonePairing | undefined } }) => ({
      scope: 'pairing' as const,
      pairing: context.pairing,
    }),
    onDone: [
      { guard: outcomeIs('paired'), target: ['home', REMOTE], actions: 'keepPairing' },
      { guard: outcomeIs('unpaired'), target: ['home', NO_REMOTE], actions: 'keepPairing' },
      { target: 'home', actions: 'keepPairing' },
    ],
  },
} as const;

/**
 * The phone's touch remote, beside the screens while logged in: polling from the pairing on (the
 * companion flow's end moves it, companionState), stopped when the viewer unpairs or at logout
 * (with the region). A pairing the platform says ended (unpaired on the phone, run out) is
 * forgotten: the companion item offers to pair again instead of saying the phone is connected.
 */
export const phoneRemoteRegion = {
  initial: 'unpaired',
  states: {
    unpaired: {},
    remote: {
      invoke: {
        id: 'phoneRemote',
        src: 'phoneRemote',
        // Its end says the pairing ended (output `unpaired`): keepPairing forgets it.
        onDone: { target: 'unpaired', actions: 'keepPairing' },
      },
    },
  },
} as const;
