/**
 * Login with the My Number Card: while the viewer types the 4-digit PIN, the auth certificate and
 * the PIN status are read (no PIN needed) and a login challenge is fetched; then the card's
 * signature over the challenge, and the platform's check. The prefetched challenge is used only
 * within CHALLENGE_FRESH_MS of the PIN entry opening (the platform's live 60 s); after that, or if
 * the prefetch failed or is still running, OK fetches a fresh one as before (OK → logged
 * in without a platform round trip of its own for the challenge). The PIN's typing, its hold while
 * the card signs, the wrong-PIN count and the last-try warning are the secret entry's
 * (features/secret-entry/machine/secret-entry.ts), with its rules that protect the viewer's tries:
 * every try is one the viewer asked for with OK, the last only on the warning's CONFIRM, and the
 * PIN is in context as text only while typed, wrapped from the step that hands it to the card.
 */
import { and, assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import type { FlowError } from '../../../machines/errors';
import type { Secret } from '../../../machines/secret';
import {
  notProvided,
  type FlowInput,
  type LoginInput,
  type PinStatus,
  type SignedIn,
} from '../../../machines/ports';
import type { SecretEntryEvent, SecretSlot } from '../../secret-entry/machine/secret-entry';
import * as secretEntry from '../../secret-entry/machine/secret-entry';
import * as cardFlow from '../../secret-entry/machine/card-flow';

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

/** The PIN's entry (number keys only), and RETRY after a failure. */
export type LoginEvent = Exclude<SecretEntryEvent, { type: 'CHAR' }> | { type: 'RETRY' };

export type LoginOutput =
  | { outcome: 'signedIn'; signedIn: SignedIn }
  | { outcome: 'registrationRequired' }
  /** Another card is in the reader now: the session starts again from the beginning. */
  | { outcome: 'cardChanged' }
  | { outcome: 'cancelled' };

const PIN: SecretSlot<LoginContext> = {
  kind: 'pin',
  typed: 'pin',
  held: 'heldPin',
  confirmation: 'confirmation',
  status: 'pinStatus',
  wrongMessage: 'pinIncorrect',
};
const SLOTS = { pin: PIN };

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
  types: cardFlow.signInFlowTypes<LoginContext, LoginEvent, LoginOutput>(),
  actors: {
    ...cardFlow.SIGNING_ACTORS,
    loginWithSignature: fromPromise<SignedIn, LoginInput>(notProvided('loginWithSignature')),
  },
  actions: {
    ...cardFlow.signingActions<LoginContext, LoginEvent>(SLOTS),
    /** Secrets and the per-try state go; what was read from the card (no secret) stays. */
    clearSecrets: assign({
      pin: '',
      heldPin: undefined,
      confirmation: undefined,
      challenge: undefined,
      signature: undefined,
    }),
    dropChallenge: assign({ challenge: undefined }),
    keepSignature: assign({ signature: ({ event }) => (event as unknown as DoneActorEvent<string>).output }),
    /** The prefetched challenge becomes this try's (single use: it is not kept for another). */
    usePrefetchedChallenge: assign({
      challenge: ({ context }) => context.prefetchedChallenge,
      prefetchedChallenge: undefined,
    }),
    /** The count may have changed without the app knowing: read it again before another try. */
    forgetPinStatus: assign({ pinStatus: undefined }),
    showLocked: assign({ error: { kind: 'pinLocked', messageKey: 'pinLocked' } satisfies FlowError }),
  },
  delays: { challengeFresh: CHALLENGE_FRESH_MS },
  guards: {
    ...secretEntry.secretEntryGuards<LoginContext, LoginEvent>(SLOTS),
    prefetched: ({ context }) => context.certificate !== undefined && context.pinStatus !== undefined,
    hasFreshChallenge: ({ context }) => context.prefetchedChallenge !== undefined && !context.prefetchStale,
    /** OK can go to the card at once: PIN typed, card read, a fresh challenge. */
    readyWithChallenge: and([secretEntry.secretComplete('pin'), 'prefetched', 'hasFreshChallenge']),
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
            ...secretEntry.typingKeys(SLOTS, 'pin', { target: '#login.cancelled' }),
            OK: [
              // Everything is at hand (the usual case at a viewer's pace): straight to the card.
              { guard: 'readyWithChallenge', target: '#login.signing', actions: 'usePrefetchedChallenge' },
              { guard: secretEntry.secretComplete('pin'), target: 'submitted' },
            ],
          },
        },
        /** Waits for the card's prefetch if the viewer was quicker than the card; then a fresh challenge. */
        submitted: {
          always: { guard: 'prefetched', target: '#login.challenging' },
          on: { BACK: 'typing' },
        },
        /** The warning: only CONFIRM sends the PIN again, with the bridge's value. */
        confirmingLastAttempt: {
          on: secretEntry.lastTryKeys('pin', {
            confirm: [
              { guard: 'hasFreshChallenge', target: '#login.signing', actions: 'usePrefetchedChallenge' },
              { target: '#login.challenging' },
            ],
            back: 'typing',
          }),
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
    signing: secretEntry.signingState(SLOTS, 'pin', cardFlow.SIGN_WITH_PIN, {
      signed: { target: 'verifying', actions: 'keepSignature' },
      // A wrong PIN: typed again with the card's count, the card read afresh; nothing re-sent.
      locked: 'locked',
      wrong: { target: 'active' },
      lastTry: { target: '#login.active.confirmingLastAttempt', actions: 'dropChallenge' },
      // RETRY re-reads the count (pinStatus unknown holds OK until then).
      maySpend: { target: 'cardError', actions: ['setError', 'forgetPinStatus'] },
      otherwise: cardFailure(),
    }),
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
    locked: cardFlow.deadEnd('login', ['clearSecrets', 'showLocked']),
    // The card flow's dead ends and ways back (RETRY starts again from the PIN: nothing was spent
    // that the viewer did not ask for), another card and cancelled.
    ...cardFlow.routedStates('login', 'clearSecrets', ['clearSecrets'], '#login.active'),
    signedIn: cardFlow.signedInEnd('clearSecrets'),
    registrationRequired: {
      type: 'final',
      entry: 'clearSecrets',
      output: { outcome: 'registrationRequired' as const },
    },
  },
});

function cardFailure() {
  return cardFlow.cardFailures('login', { pinLocked: 'locked' });
}

function platformFailure() {
  return [
    { guard: cardFlow.failWith('registrationRequired'), target: '#login.registrationRequired' },
    ...cardFlow.platformFailures('login', { target: '#login.active', actions: 'clearSecrets' }),
  ];
}
