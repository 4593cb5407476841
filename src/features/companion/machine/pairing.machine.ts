/**
 * Pairing the TV with a phone (RFC 8628 device flow), the TV's side: ask for codes, show them (the
 * QR code and the user code) while polling every `intervalSeconds` (a slow_down makes it longer),
 * and count the time left down. The viewer approves on the phone (paired: the pairing is the flow's
 * output, for the session to keep), declines there (denied), or lets the code run out (expired);
 * each offers a new code. A platform that cannot be reached while polling is tried again a few
 * times with the code still shown, then said plainly with RETRY: never an endless wait. BACK leaves
 * at any time. No secret is typed here and the phone sees nothing of the viewer.
 *
 * With scope `login` the same codes log the viewer in without a reader: the phone reads the card
 * (デジタル認証アプリ), the poll finds the session open, and the profile is fetched as after a card
 * login (signedIn: the session's output). The platform may refuse the card read on the phone
 * (denied, with its reason). The answers are the same data whatever the scope.
 */
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import { errorIs, type FlowError } from '../../../machines/errors';
import { failureActions, loaded } from '../../../machines/feature-flow';
import {
  notProvided,
  type PairingAnswer,
  type PairingPollInput,
  type PairingScope,
  type PairingStart,
  type PhonePairing,
  type ProblemCode,
  type SignedIn,
} from '../../../machines/ports';

/** Polls that failed for the network in a row before the flow says so (the code stays shown until then). */
export const POLL_FAILURES_SAID = 3;
const TICK_MS = 1000;

export type PairingOutput =
  | { outcome: 'closed' }
  | { outcome: 'paired'; pairing: PhonePairing }
  | { outcome: 'signedIn'; signedIn: SignedIn }
  /** つながりを解除: the session forgets the pairing. */
  | { outcome: 'unpaired' }
  /** Left after the phone's login opened a session at the platform: the session must end it there. */
  | { outcome: 'abandoned' };

/** What the flow is for, and the phone the session has paired already, if any (then it opens at it). */
export interface PairingInput {
  /** `login`: the viewer logs in by the phone (default `pairing`). */
  scope?: PairingScope;
  pairing?: PhonePairing | undefined;
  /** The box's clock (ms), to tell a pairing that ran out. */
  now?: number;
}

export interface PairingContext {
  scope: PairingScope;
  /** The codes on screen (none while asking for them). */
  codes: PairingStart | undefined;
  /** The wait between polls now (grown by slow_down). */
  intervalSeconds: number;
  /** Until the codes run out, counted down each second. */
  secondsLeft: number;
  /** Polls that failed for the network in a row. */
  pollFailures: number;
  pairing: PhonePairing | undefined;
  /** Why the platform refused the card read on the phone (a login's denied). */
  refusal: ProblemCode | undefined;
  signedIn: SignedIn | undefined;
  error: FlowError | undefined;
  /** Unused: the pairing needs no login (failureActions' shape). */
  sessionEnd: undefined;
}

export type PairingEvent = { type: 'BACK' } | { type: 'RETRY' } | { type: 'OK' } | { type: 'UNPAIR' };

type Answer = { event: DoneActorEvent<PairingAnswer> };
const answered =
  (status: PairingAnswer['status']) =>
  ({ event }: Answer) =>
    event.output.status === status;

const FRESH = { codes: undefined, pollFailures: 0, error: undefined, refusal: undefined } as const;

export const pairingMachine = setup({
  types: {
    context: {} as PairingContext,
    events: {} as PairingEvent,
    output: {} as PairingOutput,
    input: {} as PairingInput | undefined,
  },
  actors: {
    unpairPhone: fromPromise<void, PhonePairing>(notProvided('unpairPhone')),
    startPairing: fromPromise<PairingStart, { scope: PairingScope }>(notProvided('startPairing')),
    pollPairing: fromPromise<PairingAnswer, PairingPollInput>(notProvided('pollPairing')),
    /** A login's session is open (the client holds its tokens): the profile, as after a card login. */
    loadSignedIn: fromPromise<SignedIn>(notProvided('loadSignedIn')),
  },
  actions: {
    ...failureActions<PairingContext, PairingEvent>(),
    forget: assign({ ...FRESH, pairing: undefined, signedIn: undefined }),
    showCodes: assign(({ event }) => {
      const codes = loaded<PairingStart>(event);
      return {
        codes,
        intervalSeconds: codes.intervalSeconds,
        secondsLeft: codes.expiresInSeconds,
        pollFailures: 0,
      };
    }),
    keepInterval: assign(({ context, event }) => {
      const answer = loaded<PairingAnswer>(event);
      return {
        pollFailures: 0,
        intervalSeconds: answer.status === 'pending' ? answer.intervalSeconds : context.intervalSeconds,
      };
    }),
    keepPairing: assign({
      pairing: ({ event }) => {
        const answer = loaded<PairingAnswer>(event);
        return answer.status === 'paired' ? answer.pairing : undefined;
      },
      codes: undefined,
    }),
    keepRefusal: assign({
      refusal: ({ event }) => {
        const answer = loaded<PairingAnswer>(event);
        return answer.status === 'denied' ? answer.reason : undefined;
      },
    }),
    countFailure: assign({ pollFailures: ({ context }) => context.pollFailures + 1 }),
    tick: assign({ secondsLeft: ({ context }) => Math.max(0, context.secondsLeft - TICK_MS / 1000) }),
  },
  guards: {
    /** A network failure with tries to spare: poll again after the usual wait. */
    pollAgain: ({ context, event }) =>
      errorIs(event as { error?: unknown }, 'platformDown') && context.pollFailures + 1 < POLL_FAILURES_SAID,
    timeUp: ({ context }) => context.secondsLeft <= TICK_MS / 1000,
  },
  delays: {
    pollInterval: ({ context }) => context.intervalSeconds * 1000,
  },
}).createMachine({
  id: 'pairing',
  context: ({ input }) => ({
    ...FRESH,
    scope: input?.scope ?? 'pairing',
    intervalSeconds: 5,
    secondsLeft: 0,
    // Only a pairing still in its time: one that ran out is as none (a new code is shown).
    pairing:
      input?.pairing && input.pairing.expiresAt > (input.now ?? Date.now()) ? input.pairing : undefined,
    signedIn: undefined,
    sessionEnd: undefined,
  }),
  initial: 'opening',
  output: ({ event }) => (event as unknown as DoneActorEvent<PairingOutput>).output,
  on: { BACK: '.closed' },
  states: {
    opening: {
      always: [
        {
          guard: ({ context }) => context.scope === 'pairing' && context.pairing !== undefined,
          target: 'connected',
        },
        'starting',
      ],
    },
    /** A phone is paired already: said, with つながりを解除 (UNPAIR) and 戻る. */
    connected: { on: { UNPAIR: 'unpairing' } },
    unpairing: {
      invoke: {
        id: 'unpairPhone',
        src: 'unpairPhone',
        input: ({ context }) => context.pairing!,
        onDone: 'unpaired',
        onError: { target: 'unpairFailed', actions: 'setError' },
      },
    },
    unpairFailed: { on: { RETRY: 'unpairing' } },
    /** Said until OK (or BACK); then the session forgets the pairing. */
    unpaired: { on: { OK: 'forgotten', BACK: 'forgotten' } },
    forgotten: { type: 'final', entry: 'forget', output: { outcome: 'unpaired' as const } },
    starting: {
      entry: assign(FRESH),
      invoke: {
        id: 'startPairing',
        src: 'startPairing',
        input: ({ context }) => ({ scope: context.scope }),
        onDone: { target: 'showing', actions: 'showCodes' },
        onError: { target: 'error', actions: 'setError' },
      },
    },
    showing: {
      type: 'parallel',
      states: {
        poll: {
          initial: 'waiting',
          states: {
            waiting: { after: { pollInterval: 'polling' } },
            polling: {
              invoke: {
                id: 'pollPairing',
                src: 'pollPairing',
                input: ({ context }) => ({
                  clientId: context.codes!.clientId,
                  deviceCode: context.codes!.deviceCode,
                  intervalSeconds: context.intervalSeconds,
                }),
                onDone: [
                  { guard: answered('paired'), target: '#pairing.paired', actions: 'keepPairing' },
                  { guard: answered('loggedIn'), target: '#pairing.signingIn' },
                  { guard: answered('denied'), target: '#pairing.denied', actions: 'keepRefusal' },
                  { guard: answered('expired'), target: '#pairing.expired' },
                  { target: 'waiting', actions: 'keepInterval' },
                ],
                onError: [
                  { guard: 'pollAgain', target: 'waiting', actions: 'countFailure' },
                  { target: '#pairing.error', actions: 'setError' },
                ],
              },
            },
          },
        },
        clock: {
          initial: 'ticking',
          states: {
            ticking: {
              after: {
                [TICK_MS]: [
                  { guard: 'timeUp', target: '#pairing.expired' },
                  { target: 'ticking', reenter: true, actions: 'tick' },
                ],
              },
            },
          },
        },
      },
    },
    /** The phone approved: said on screen until OK (or BACK), then the session keeps the pairing. */
    paired: { on: { OK: 'finished', BACK: 'finished' } },
    /** The phone's card login opened the session: who is logged in, then the session's home. */
    signingIn: {
      entry: assign({ codes: undefined }),
      on: { BACK: 'abandoned' },
      invoke: {
        id: 'loadSignedIn',
        src: 'loadSignedIn',
        onDone: { target: 'signedIn', actions: assign({ signedIn: ({ event }) => event.output }) },
        onError: { target: 'signInFailed', actions: 'setError' },
      },
    },
    /** The session is open but its profile did not come: RETRY asks again (no new code needed). */
    signInFailed: { on: { RETRY: 'signingIn', BACK: 'abandoned' } },
    denied: { entry: assign({ codes: undefined }), on: { RETRY: 'starting' } },
    expired: { entry: assign({ codes: undefined }), on: { RETRY: 'starting' } },
    error: { entry: assign({ codes: undefined }), on: { RETRY: 'starting' } },
    finished: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'paired' as const, pairing: context.pairing! }),
    },
    signedIn: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'signedIn' as const, signedIn: context.signedIn! }),
    },
    closed: { type: 'final', entry: 'forget', output: { outcome: 'closed' as const } },
    abandoned: { type: 'final', entry: 'forget', output: { outcome: 'abandoned' as const } },
  },
});
