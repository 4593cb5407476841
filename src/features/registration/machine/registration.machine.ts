/**
 * First-time registration (利用者登録): the customer number, the signature password (6–16 A–Z/0–9
 * on the on-screen keypad) and the 4-digit auth PIN; then one registration challenge signed by
 * both keys (the card reads the signature certificate and signs with the password, then signs with
 * the PIN), and the platform links the card to the customer and logs the viewer in.
 * The password goes first: it is the less familiar secret with the more tries (5), and a wrong one
 * costs no PIN try. Each secret leaves context in the step that hands it to the card (held wrapped
 * until the card answers), and every last try is spent only on the viewer's CONFIRM, as in login:
 * the call goes without a confirmation, the bridge refuses it at one try left with a one-time
 * value, the warning shows, and CONFIRM sends the secret again with that value. Both secrets' typing,
 * hold, counts and warnings are the secret entry's (features/secret-entry/machine/secret-entry.ts).
 */
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import { canAddCustomerDigit, dropLast, isCustomerNumberComplete } from '../../../machines/entry';
import type { FlowError } from '../../../machines/errors';
import {
  notProvided,
  type PinStatus,
  type RegisterInput,
  type SignChallengeOutput,
  type SignedIn,
  type SignWithPasswordInput,
  type SignWithPasswordOutput,
} from '../../../machines/ports';
import type { Secret } from '../../../machines/secret';
import * as cardFlow from '../../secret-entry/machine/card-flow';
import type { SecretEntryEvent, SecretSlot } from '../../secret-entry/machine/secret-entry';
import * as secretEntry from '../../secret-entry/machine/secret-entry';

export interface RegistrationContext {
  /** The card this registration is for: every card call names it, and another card ends it. */
  cardId: string | undefined;
  customerNumber: string;
  password: string;
  pin: string;
  /** A secret on its way to the card, until the card answers (wrapped: it never serialises). */
  heldPassword: Secret | undefined;
  heldPin: Secret | undefined;
  authCertificate: string | undefined;
  pinStatus: PinStatus | undefined;
  passwordStatus: PinStatus | undefined;
  /** The bridge's one-time values for a last try, from its refusal until the confirmed call answers. */
  passwordConfirmation: string | undefined;
  pinConfirmation: string | undefined;
  challenge: string | undefined;
  signed: SignWithPasswordOutput | undefined;
  authSignature: string | undefined;
  error: FlowError | undefined;
}

export type RegistrationEvent = SecretEntryEvent | { type: 'RETRY' };

/** `cardChanged`: another card is in the reader now; the session starts again from the beginning. */
export type RegistrationOutput =
  { outcome: 'signedIn'; signedIn: SignedIn } | { outcome: 'cardChanged' } | { outcome: 'cancelled' };

/** Both secrets, typed or on their way to the card, and the last-try values that go with them. */
const NO_SECRETS = {
  password: '',
  pin: '',
  heldPassword: undefined,
  heldPin: undefined,
  passwordConfirmation: undefined,
  pinConfirmation: undefined,
};

const initialContext = (cardId: string | undefined): RegistrationContext => ({
  cardId,
  ...NO_SECRETS,
  customerNumber: '',
  authCertificate: undefined,
  pinStatus: undefined,
  passwordStatus: undefined,
  challenge: undefined,
  signed: undefined,
  authSignature: undefined,
  error: undefined,
});

const SLOTS: Record<'pin' | 'password', SecretSlot<RegistrationContext>> = {
  password: {
    kind: 'password',
    typed: 'password',
    held: 'heldPassword',
    confirmation: 'passwordConfirmation',
    status: 'passwordStatus',
    wrongMessage: 'signPasswordIncorrect',
  },
  pin: {
    kind: 'pin',
    typed: 'pin',
    held: 'heldPin',
    confirmation: 'pinConfirmation',
    status: 'pinStatus',
    wrongMessage: 'pinIncorrect',
  },
};

/** Retrying drops what was signed: the challenge is spent. */
const RETRY_ENTRY = ['clearSecrets', 'dropSignatures'] as const;
/** A call cut off during a VERIFY: RETRY re-reads both counts (unknown counts hold OK until then). */
const MAY_SPEND = { target: 'cardError', actions: ['setError', 'forgetCounts'] } as const;

/**
 * Reads one secret's count while the viewer types (no secret needed): a locked one ends the
 * registration at once, before anything is typed for it.
 */
const readCount = <const Id extends string, const Locked extends string, const Keep extends string>(
  id: Id,
  pin: 'auth' | 'sign',
  locked: Locked,
  keep: Keep,
) => ({
  id,
  src: 'readPinStatus' as const,
  input: ({ context }: { context: RegistrationContext }) => ({ pin, cardId: context.cardId }),
  onDone: [
    { guard: ({ event }: { event: DoneActorEvent<PinStatus> }) => event.output.locked, target: locked },
    { actions: keep },
  ],
  onError: cardFlow.cardFailures('registration'),
});

export const registrationMachine = setup({
  types: cardFlow.signInFlowTypes<RegistrationContext, RegistrationEvent, RegistrationOutput>(),
  actors: {
    ...cardFlow.SIGNING_ACTORS,
    signWithPassword: fromPromise<SignWithPasswordOutput, SignWithPasswordInput>(
      notProvided('signWithPassword'),
    ),
    register: fromPromise<SignedIn, RegisterInput>(notProvided('register')),
  },
  actions: {
    ...cardFlow.signingActions<RegistrationContext, RegistrationEvent>(SLOTS),
    clearError: assign({ error: undefined }),
    /** Both counts may have changed without the app knowing: read again before another try. */
    forgetCounts: assign({ pinStatus: undefined, passwordStatus: undefined }),
    showPinLocked: assign({ error: { kind: 'pinLocked', messageKey: 'pinLocked' } satisfies FlowError }),
    showPasswordLocked: assign({
      error: { kind: 'pinLocked', messageKey: 'signPasswordLocked' } satisfies FlowError,
    }),
    /** What was signed belongs to one challenge: a new attempt starts without it. */
    dropSignatures: assign({ challenge: undefined, signed: undefined, authSignature: undefined }),
    dropChallenge: assign({ challenge: undefined }),
    keepPinStatus: assign({
      pinStatus: ({ event }) => (event as unknown as DoneActorEvent<PinStatus>).output,
    }),
    keepPasswordStatus: assign({
      passwordStatus: ({ event }) => (event as unknown as DoneActorEvent<PinStatus>).output,
    }),
    keepPasswordSignature: assign({
      signed: ({ event }) => (event as unknown as DoneActorEvent<SignWithPasswordOutput>).output,
    }),
    keepPinSignature: assign({
      authSignature: ({ event }) => (event as unknown as DoneActorEvent<SignChallengeOutput>).output,
    }),
    clearSecrets: assign(NO_SECRETS),
    clearAll: assign({
      ...NO_SECRETS,
      customerNumber: '',
      challenge: undefined,
      signed: undefined,
      authSignature: undefined,
    }),
  },
  guards: {
    ...secretEntry.secretEntryGuards<RegistrationContext, RegistrationEvent>(SLOTS),
    prefetched: ({ context }) =>
      context.authCertificate !== undefined &&
      context.pinStatus !== undefined &&
      context.passwordStatus !== undefined,
    passwordAlreadyUsed: ({ context }) => context.signed !== undefined,
  },
}).createMachine({
  id: 'registration',
  context: ({ input }) => initialContext(input?.cardId),
  initial: 'entering',
  output: ({ event }) => (event as unknown as DoneActorEvent<RegistrationOutput>).output,
  states: {
    entering: {
      invoke: [
        {
          id: 'readAuthCertificate',
          src: 'readAuthCertificate',
          input: ({ context }) => ({ cardId: context.cardId }),
          onDone: { actions: assign({ authCertificate: ({ event }) => event.output }) },
          onError: cardFlow.cardFailures('registration'),
        },
        readCount('readPinStatus', 'auth', '#registration.pinLocked', 'keepPinStatus'),
        readCount('readPasswordStatus', 'sign', '#registration.passwordLocked', 'keepPasswordStatus'),
      ],
      on: { CANCEL: '#registration.cancelled' },
      initial: 'customerNumber',
      states: {
        // Stepping back to an earlier screen drops what was typed after it.
        customerNumber: {
          entry: 'clearSecrets',
          on: {
            DIGIT: {
              guard: ({ context, event }) => canAddCustomerDigit(context.customerNumber, event.digit),
              actions: [
                assign({ customerNumber: ({ context, event }) => context.customerNumber + event.digit }),
                'clearError',
              ],
            },
            BACK: [
              { guard: ({ context }) => context.customerNumber === '', target: '#registration.cancelled' },
              { actions: assign({ customerNumber: ({ context }) => dropLast(context.customerNumber) }) },
            ],
            OK: {
              guard: ({ context }) => isCustomerNumberComplete(context.customerNumber),
              target: 'password',
            },
          },
        },
        password: {
          entry: assign({ pin: '', passwordConfirmation: undefined, pinConfirmation: undefined }),
          on: {
            ...secretEntry.typingKeys(SLOTS, 'password', { target: 'customerNumber' }),
            OK: { guard: secretEntry.secretComplete('password'), target: 'pin' },
          },
        },
        pin: {
          // A value is only good for the call right after its warning's CONFIRM.
          entry: assign({ passwordConfirmation: undefined, pinConfirmation: undefined }),
          on: {
            // Back to the password means a new attempt with both secrets.
            ...secretEntry.typingKeys(SLOTS, 'pin', { target: 'password', actions: 'dropSignatures' }),
            OK: { guard: secretEntry.secretComplete('pin'), target: 'submitted' },
          },
        },
        submitted: {
          always: [
            { guard: 'passwordAlreadyUsed', target: '#registration.signingWithPin' },
            { guard: 'prefetched', target: '#registration.challenging' },
          ],
          on: { BACK: 'pin' },
        },
        // The warnings: only CONFIRM sends the secret again, with the bridge's value.
        confirmingPassword: {
          on: secretEntry.lastTryKeys('password', { confirm: 'submitted', back: 'password' }),
        },
        confirmingPin: { on: secretEntry.lastTryKeys('pin', { confirm: 'submitted', back: 'pin' }) },
      },
    },
    challenging: {
      invoke: {
        id: 'requestChallenge',
        src: 'requestChallenge',
        input: { purpose: 'registration' },
        onDone: {
          target: 'signingWithPassword',
          actions: assign({ challenge: ({ event }) => event.output }),
        },
        onError: platformFailure(),
      },
    },
    signingWithPassword: secretEntry.signingState(SLOTS, 'password', cardFlow.SIGN_WITH_PASSWORD, {
      signed: { target: 'signingWithPin', actions: 'keepPasswordSignature' },
      // A wrong password or its warning: a new challenge for the next try.
      locked: 'passwordLocked',
      wrong: { target: '#registration.entering.password', actions: 'dropChallenge' },
      lastTry: { target: '#registration.entering.confirmingPassword', actions: 'dropChallenge' },
      maySpend: MAY_SPEND,
      otherwise: cardFlow.cardFailures('registration', { pinLocked: 'passwordLocked' }),
    }),
    signingWithPin: secretEntry.signingState(SLOTS, 'pin', cardFlow.SIGN_WITH_PIN, {
      signed: { target: 'registering', actions: 'keepPinSignature' },
      // Only the PIN again: the password's signature over this challenge is kept.
      locked: 'pinLocked',
      wrong: { target: '#registration.entering.pin' },
      lastTry: { target: '#registration.entering.confirmingPin' },
      maySpend: MAY_SPEND,
      otherwise: cardFlow.cardFailures('registration', { pinLocked: 'pinLocked' }),
    }),
    registering: {
      invoke: {
        id: 'register',
        src: 'register',
        input: ({ context }) => ({
          challenge: context.challenge ?? '',
          customerNumber: context.customerNumber,
          authCertificate: context.authCertificate ?? '',
          authSignature: context.authSignature ?? '',
          signCertificate: context.signed?.signCertificate ?? '',
          signSignature: context.signed?.signature ?? '',
        }),
        onDone: 'registered',
        onError: [
          // A wrong number: fix it, then sign again (the challenge is spent).
          {
            guard: cardFlow.failWith('customerNotFound'),
            target: '#registration.entering.customerNumber',
            actions: ['setError', 'dropSignatures', 'clearSecrets'],
          },
          { guard: cardFlow.failWith('registrationMismatch'), target: 'mismatch', actions: 'setError' },
          { guard: cardFlow.failWith('alreadyLinked'), target: 'alreadyLinked', actions: 'setError' },
          ...platformFailure(),
        ],
      },
    },
    // Dead ends: the viewer reads what to do; OK or CANCEL ends the registration.
    pinLocked: cardFlow.deadEnd('registration', ['clearAll', 'showPinLocked']),
    passwordLocked: cardFlow.deadEnd('registration', ['clearAll', 'showPasswordLocked']),
    mismatch: cardFlow.deadEnd('registration', ['clearAll']),
    alreadyLinked: cardFlow.deadEnd('registration', ['clearAll']),
    // The card flow's dead ends and ways back (RETRY starts again from the entry, the customer
    // number kept), another card and cancelled.
    ...cardFlow.routedStates('registration', 'clearAll', RETRY_ENTRY, '#registration.entering'),
    registered: cardFlow.signedInEnd('clearAll'),
  },
});

/** Too slow for the challenge: both secrets again, from the password. */
function platformFailure() {
  return cardFlow.platformFailures('registration', {
    target: '#registration.entering.password',
    actions: ['dropSignatures', 'clearSecrets'],
  });
}
