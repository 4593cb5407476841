/**
 * Login with the My Number Card: while the viewer types the 4-digit PIN, the auth certificate and
 * the PIN status are read (no PIN needed) and a login challenge is fetched; then the card's
 * signature over the challenge, and the platform's check. The prefetched challenge is used only
 * within CHALLENGE_FRESH_MS of the PIN entry opening (the platform's live 60 s); after that, or if
 * the prefetch failed or is still running, OK fetches a fresh one as before (OK → logged
 * in without a platform round trip of its own for the challenge). Rules that protect the viewer's tries:
 * - the sign call is never repeated on its own: every try is one the viewer asked for with OK;
 * - the last try is spent only on the viewer's word: OK sends the PIN without a confirmation, and a
 *   bridge at one try left refuses it (LAST_ATTEMPT_NEEDS_CONFIRMATION) without touching the card,
 *   answering a one-time value. The warning then shows, and only its CONFIRM sends the PIN again
 *   with that value (`confirmLastAttempt`). A value that ran out brings the warning back with the
 *   fresh one; nothing is resent on its own. BACK or CANCEL drops the value and the PIN;
 * - the PIN is in context as text only while typed (and while the warning shows): it leaves `pin`
 *   in the same macrostep that hands it to the card actor, wrapped (it never serialises) until the
 *   card answers, so a last-try refusal can give it back for the CONFIRM; every way out clears it.
 */
import { and, assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import {
  confirmationOf,
  errorIs,
  toFlowError,
  tryMayBeSpent,
  type FlowError,
  type FlowErrorKind,
} from '../../../machines/errors';
import { canAddPinDigit, dropLast, isPinComplete } from '../../../machines/entry';
import { secret, type Secret } from '../../../machines/secret';
import type {
  FlowInput,
  LoginInput,
  PinStatus,
  ReadAuthCertificateInput,
  ReadAuthCertificateOutput,
  ReadPinStatusInput,
  RequestChallengeInput,
  SignChallengeInput,
  SignChallengeOutput,
  SignedIn,
} from '../../../machines/ports';

/** How long a challenge fetched while the PIN entry opened is used (the platform's live 60 s). */
export const CHALLENGE_FRESH_MS = 30_000;

export interface LoginContext {
  /** The card this login is for: every card call names it, and another card ends the login. */
  cardId: string | undefined;
  pin: string;
  /** The PIN on its way to the card, until the card answers (wrapped: it never serialises). */
  heldPin: Secret | undefined;
  certificate: string | undefined;
  pinStatus: PinStatus | undefined;
  /** The bridge's one-time value for the last try: from its refusal until the call CONFIRM sends answers. */
  confirmation: string | undefined;
  challenge: string | undefined;
  /** Fetched while the viewer types; undefined until it arrives, once used, or when too old. */
  prefetchedChallenge: string | undefined;
  /** CHALLENGE_FRESH_MS passed since the PIN entry opened: a prefetch arriving now is not kept. */
  prefetchStale: boolean;
  signature: string | undefined;
  error: FlowError | undefined;
}

export type LoginEvent =
  | { type: 'DIGIT'; digit: string }
  | { type: 'BACK' }
  | { type: 'OK' }
  | { type: 'CONFIRM' }
  | { type: 'CANCEL' }
  | { type: 'RETRY' };

export type LoginOutput =
  | { outcome: 'signedIn'; signedIn: SignedIn }
  | { outcome: 'registrationRequired' }
  /** Another card is in the reader now: the session starts again from the beginning. */
  | { outcome: 'cardChanged' }
  | { outcome: 'cancelled' };

const notProvided = (name: string) => () => Promise.reject(new Error(`actor '${name}' not provided`));

const failWith = (...kinds: FlowErrorKind[]) => {
  return ({ event }: { event: { error?: unknown } }) => errorIs(event, ...kinds);
};

const initialContext = ({ input }: { input: FlowInput | undefined }): LoginContext => ({
  cardId: input?.cardId,
  pin: '',
  heldPin: undefined,
  certificate: undefined,
  pinStatus: undefined,
  confirmation: undefined,
  challenge: undefined,
  prefetchedChallenge: undefined,
  prefetchStale: false,
  signature: undefined,
  error: undefined,
});

export const loginMachine = setup({
  types: {
    context: {} as LoginContext,
    input: {} as FlowInput | undefined,
    events: {} as LoginEvent,
    output: {} as LoginOutput,
  },
  actors: {
    readAuthCertificate: fromPromise<ReadAuthCertificateOutput, ReadAuthCertificateInput>(
      notProvided('readAuthCertificate'),
    ),
    readPinStatus: fromPromise<PinStatus, ReadPinStatusInput>(notProvided('readPinStatus')),
    requestChallenge: fromPromise<string, RequestChallengeInput>(notProvided('requestChallenge')),
    signChallenge: fromPromise<SignChallengeOutput, SignChallengeInput>(notProvided('signChallenge')),
    loginWithSignature: fromPromise<SignedIn, LoginInput>(notProvided('loginWithSignature')),
  },
  actions: {
    addDigit: assign({
      pin: ({ context, event }) => (event.type === 'DIGIT' ? context.pin + event.digit : context.pin),
      error: undefined,
    }),
    dropDigit: assign({ pin: ({ context }) => dropLast(context.pin) }),
    /** Secrets and the per-try state go; what was read from the card (no secret) stays. */
    clearSecrets: assign({
      pin: '',
      heldPin: undefined,
      confirmation: undefined,
      challenge: undefined,
      signature: undefined,
    }),
    /** The card answered: the PIN it was given and the value it spent are no longer needed. */
    dropHeld: assign({ heldPin: undefined, confirmation: undefined }),
    /**
     * The bridge refused the last try until the viewer confirms: the PIN comes back for the CONFIRM,
     * with the bridge's fresh value; the warning says it all, so no error line under it.
     */
    askToConfirm: assign({
      pin: ({ context }) => context.heldPin?.reveal() ?? '',
      heldPin: undefined,
      confirmation: ({ event }) => confirmationOf((event as { error?: unknown }).error),
      pinStatus: ({ context }) => ({
        maxTries: context.pinStatus?.maxTries ?? 3,
        triesLeft: 1,
        locked: false,
      }),
      challenge: undefined,
      error: undefined,
    }),
    /** The prefetched challenge becomes this try's (single use: it is not kept for another). */
    usePrefetchedChallenge: assign({
      challenge: ({ context }) => context.prefetchedChallenge,
      prefetchedChallenge: undefined,
    }),
    /** The count may have changed without the app knowing: read it again before another try. */
    forgetPinStatus: assign({ pinStatus: undefined }),
    showLocked: assign({ error: { kind: 'pinLocked', messageKey: 'pinLocked' } satisfies FlowError }),
    setError: assign({ error: ({ event }) => toFlowError((event as { error?: unknown }).error) }),
    /** A wrong PIN: the card's own count is the truth from now on. */
    setTriesLeft: assign({
      pinStatus: ({ context, event }) => {
        const triesLeft = toFlowError((event as { error?: unknown }).error).triesLeft ?? 1;
        return { maxTries: context.pinStatus?.maxTries ?? 3, ...context.pinStatus, triesLeft, locked: false };
      },
    }),
  },
  delays: { challengeFresh: CHALLENGE_FRESH_MS },
  guards: {
    canAddDigit: ({ context, event }) => event.type === 'DIGIT' && canAddPinDigit(context.pin, event.digit),
    pinComplete: ({ context }) => isPinComplete(context.pin),
    pinEmpty: ({ context }) => context.pin === '',
    hasPin: ({ context }) => context.pin !== '',
    prefetched: ({ context }) => context.certificate !== undefined && context.pinStatus !== undefined,
    hasFreshChallenge: ({ context }) => context.prefetchedChallenge !== undefined && !context.prefetchStale,
    /** OK can go to the card at once: PIN typed, card read, a fresh challenge. */
    readyWithChallenge: and(['pinComplete', 'prefetched', 'hasFreshChallenge']),
  },
}).createMachine({
  id: 'login',
  context: initialContext,
  initial: 'active',
  output: ({ event }) => (event as unknown as DoneActorEvent<LoginOutput>).output,
  states: {
    active: {
      entry: assign({ prefetchedChallenge: undefined, prefetchStale: false }),
      invoke: [
        {
          id: 'readAuthCertificate',
          src: 'readAuthCertificate',
          input: ({ context }) => ({ cardId: context.cardId }),
          onDone: { actions: assign({ certificate: ({ event }) => event.output }) },
          onError: cardFailure(),
        },
        {
          id: 'readPinStatus',
          src: 'readPinStatus',
          input: ({ context }) => ({ pin: 'auth' as const, cardId: context.cardId }),
          onDone: [
            { guard: ({ event }) => event.output.locked, target: '#login.locked' },
            { actions: assign({ pinStatus: ({ event }) => event.output }) },
          ],
          onError: cardFailure(),
        },
        {
          // A failure here is not shown: OK then asks for a challenge itself and reports that.
          id: 'prefetchChallenge',
          src: 'requestChallenge',
          input: { purpose: 'login' },
          onDone: {
            guard: ({ context }) => !context.prefetchStale,
            actions: assign({ prefetchedChallenge: ({ event }) => event.output }),
          },
          onError: { actions: assign({ prefetchedChallenge: undefined }) },
        },
      ],
      after: {
        challengeFresh: { actions: assign({ prefetchedChallenge: undefined, prefetchStale: true }) },
      },
      on: { CANCEL: '#login.cancelled' },
      initial: 'typing',
      states: {
        typing: {
          on: {
            DIGIT: { guard: 'canAddDigit', actions: 'addDigit' },
            BACK: [{ guard: 'pinEmpty', target: '#login.cancelled' }, { actions: 'dropDigit' }],
            OK: [
              // Everything is at hand (the usual case at a viewer's pace): straight to the card.
              { guard: 'readyWithChallenge', target: '#login.signing', actions: 'usePrefetchedChallenge' },
              { guard: 'pinComplete', target: 'submitted' },
            ],
          },
        },
        /** Waits for the card's prefetch if the viewer was quicker than the card; then a fresh challenge. */
        submitted: {
          always: { guard: 'prefetched', target: '#login.challenging' },
          on: { BACK: 'typing' },
        },
        /** The warning: the bridge's value is in context; only CONFIRM sends it, with the PIN. */
        confirmingLastAttempt: {
          on: {
            CONFIRM: [
              { guard: 'hasFreshChallenge', target: '#login.signing', actions: 'usePrefetchedChallenge' },
              { target: '#login.challenging' },
            ],
            BACK: { target: 'typing', actions: 'clearSecrets' },
          },
        },
      },
    },
    challenging: {
      invoke: {
        id: 'requestChallenge',
        src: 'requestChallenge',
        input: { purpose: 'login' },
        onDone: { target: 'signing', actions: assign({ challenge: ({ event }) => event.output }) },
        onError: platformFailure(),
      },
    },
    signing: {
      invoke: {
        id: 'signChallenge',
        src: 'signChallenge',
        input: ({ context }): SignChallengeInput => ({
          pin: secret(context.pin),
          challenge: context.challenge ?? '',
          cardId: context.cardId,
          ...(context.confirmation === undefined ? {} : { confirmLastAttempt: context.confirmation }),
        }),
        onDone: {
          target: 'verifying',
          actions: ['dropHeld', assign({ signature: ({ event }) => event.output })],
        },
        onError: [
          {
            guard: ({ event }) => errorIs(event, 'pinIncorrect') && toFlowError(event.error).triesLeft === 0,
            target: 'locked',
          },
          // Back to typing with the card's count; nothing is re-sent on its own.
          {
            guard: failWith('pinIncorrect'),
            target: 'active',
            actions: ['dropHeld', 'setError', 'setTriesLeft'],
          },
          // One try left (known, stale or a value that ran out): the warning, with the bridge's value.
          {
            guard: failWith('lastAttempt'),
            target: '#login.active.confirmingLastAttempt',
            actions: 'askToConfirm',
          },
          // Cut off during VERIFY: RETRY re-reads the count (pinStatus unknown holds OK until then).
          {
            guard: ({ event }) => tryMayBeSpent(event.error),
            target: 'cardError',
            actions: ['setError', 'forgetPinStatus'],
          },
          ...cardFailure(),
        ],
      },
      // The input above already holds the PIN: it leaves `pin` in this same macrostep, wrapped.
      always: {
        guard: 'hasPin',
        actions: assign({ heldPin: ({ context }) => secret(context.pin), pin: '' }),
      },
    },
    verifying: {
      invoke: {
        id: 'loginWithSignature',
        src: 'loginWithSignature',
        input: ({ context }) => ({
          challenge: context.challenge ?? '',
          authCertificate: context.certificate ?? '',
          signature: context.signature ?? '',
        }),
        onDone: {
          target: 'signedIn',
          actions: assign({ challenge: undefined, signature: undefined }),
        },
        onError: platformFailure(),
      },
    },
    // Dead ends: the card cannot log in here. The viewer reads why, then OK / CANCEL ends the flow.
    locked: deadEnd(true),
    notMyNumberCard: deadEnd(),
    certificateExpired: deadEnd(),
    certificateRevoked: deadEnd(),
    // Ways back: RETRY starts again from the PIN (nothing was spent that the viewer did not ask for).
    bridgeDown: retryable(),
    platformDown: retryable(),
    cardError: retryable(),
    rejected: retryable(),
    signedIn: {
      type: 'final',
      entry: 'clearSecrets',
      output: ({ event }) => ({
        outcome: 'signedIn' as const,
        signedIn: (event as unknown as DoneActorEvent<SignedIn>).output,
      }),
    },
    registrationRequired: {
      type: 'final',
      entry: 'clearSecrets',
      output: { outcome: 'registrationRequired' as const },
    },
    cardChanged: { type: 'final', entry: 'clearSecrets', output: { outcome: 'cardChanged' as const } },
    cancelled: { type: 'final', entry: 'clearSecrets', output: { outcome: 'cancelled' as const } },
  },
});

/** Card failures that leave the PIN entry, by what the viewer can do about them. */
function cardFailure() {
  return [
    // Nothing went to the other card; the PIN typed for this one is dropped, never sent to it.
    { guard: failWith('cardChanged'), target: '#login.cardChanged' },
    { guard: failWith('pinLocked'), target: '#login.locked' },
    { guard: failWith('notMyNumberCard'), target: '#login.notMyNumberCard', actions: 'setError' as const },
    { guard: failWith('bridgeDown'), target: '#login.bridgeDown', actions: 'setError' as const },
    // Card removed, reader gone, busy, unexpected status word: reinsert or wait, then RETRY.
    { target: '#login.cardError', actions: 'setError' as const },
  ];
}

function platformFailure() {
  return [
    { guard: failWith('registrationRequired'), target: '#login.registrationRequired' },
    {
      guard: failWith('certificateExpired'),
      target: '#login.certificateExpired',
      actions: 'setError' as const,
    },
    {
      guard: failWith('certificateRevoked'),
      target: '#login.certificateRevoked',
      actions: 'setError' as const,
    },
    { guard: failWith('unknownIssuer'), target: '#login.notMyNumberCard', actions: 'setError' as const },
    { guard: failWith('platformDown'), target: '#login.platformDown', actions: 'setError' as const },
    // The challenge ran out (the viewer took long): type the PIN again for a fresh one.
    {
      guard: failWith('challengeExpired'),
      target: '#login.active',
      actions: ['setError' as const, 'clearSecrets' as const],
    },
    { target: '#login.rejected', actions: 'setError' as const },
  ];
}

function deadEnd(locked = false) {
  return {
    entry: locked ? (['clearSecrets', 'showLocked'] as const) : (['clearSecrets'] as const),
    on: { OK: '#login.cancelled', CANCEL: '#login.cancelled' },
  };
}

function retryable() {
  return {
    entry: 'clearSecrets' as const,
    on: { RETRY: '#login.active', CANCEL: '#login.cancelled' },
  };
}
