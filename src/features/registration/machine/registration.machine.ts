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
import type {
  FlowInput,
  PinStatus,
  RegisterInput,
  SignChallengeOutput,
  SignedIn,
  SignWithPasswordInput,
  SignWithPasswordOutput,
} from '../../../machines/ports';
import type { Secret } from '../../../machines/secret';
import {
  cardFailures,
  deadEnd,
  failWith,
  flowActions,
  notProvided,
  platformFailures,
  retryable,
  SIGN_WITH_PASSWORD,
  SIGN_WITH_PIN,
  SIGNING_ACTORS,
} from '../../secret-entry/machine/card-flow';
import {
  lastTryKeys,
  secretComplete,
  secretEntryActions,
  secretEntryGuards,
  signingState,
  typingKeys,
  type SecretEntryEvent,
  type SecretSlot,
} from '../../secret-entry/machine/secret-entry';

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

export const registrationMachine = setup({
  types: {
    context: {} as RegistrationContext,
    input: {} as FlowInput | undefined,
    events: {} as RegistrationEvent,
    output: {} as RegistrationOutput,
  },
  actors: {
    ...SIGNING_ACTORS,
    signWithPassword: fromPromise<SignWithPasswordOutput, SignWithPasswordInput>(
      notProvided('signWithPassword'),
    ),
    register: fromPromise<SignedIn, RegisterInput>(notProvided('register')),
  },
  actions: {
    ...secretEntryActions<RegistrationContext, RegistrationEvent>(SLOTS),
    ...flowActions<RegistrationContext, RegistrationEvent>(),
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
    ...secretEntryGuards<RegistrationContext, RegistrationEvent>(SLOTS),
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
          onError: cardFailures('registration'),
        },
        {
          id: 'readPinStatus',
          src: 'readPinStatus',
          input: ({ context }) => ({ pin: 'auth' as const, cardId: context.cardId }),
          onDone: [
            { guard: ({ event }) => event.output.locked, target: '#registration.pinLocked' },
            { actions: assign({ pinStatus: ({ event }) => event.output }) },
          ],
          onError: cardFailures('registration'),
        },
        {
          id: 'readPasswordStatus',
          src: 'readPinStatus',
          input: ({ context }) => ({ pin: 'sign' as const, cardId: context.cardId }),
          onDone: [
            { guard: ({ event }) => event.output.locked, target: '#registration.passwordLocked' },
            { actions: assign({ passwordStatus: ({ event }) => event.output }) },
          ],
          onError: cardFailures('registration'),
        },
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
            ...typingKeys(SLOTS, 'password', { target: 'customerNumber' }),
            OK: { guard: secretComplete('password'), target: 'pin' },
          },
        },
        pin: {
          // A value is only good for the call right after its warning's CONFIRM.
          entry: assign({ passwordConfirmation: undefined, pinConfirmation: undefined }),
          on: {
            // Back to the password means a new attempt with both secrets.
            ...typingKeys(SLOTS, 'pin', { target: 'password', actions: 'dropSignatures' }),
            OK: { guard: secretComplete('pin'), target: 'submitted' },
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
        confirmingPassword: { on: lastTryKeys('password', { confirm: 'submitted', back: 'password' }) },
        confirmingPin: { on: lastTryKeys('pin', { confirm: 'submitted', back: 'pin' }) },
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
    signingWithPassword: signingState(SLOTS, 'password', SIGN_WITH_PASSWORD, {
      signed: { target: 'signingWithPin', actions: 'keepPasswordSignature' },
      // A wrong password or its warning: a new challenge for the next try.
      locked: 'passwordLocked',
      wrong: { target: '#registration.entering.password', actions: 'dropChallenge' },
      lastTry: { target: '#registration.entering.confirmingPassword', actions: 'dropChallenge' },
      maySpend: MAY_SPEND,
      otherwise: cardFailures('registration', { pinLocked: 'passwordLocked' }),
    }),
    signingWithPin: signingState(SLOTS, 'pin', SIGN_WITH_PIN, {
      signed: { target: 'registering', actions: 'keepPinSignature' },
      // Only the PIN again: the password's signature over this challenge is kept.
      locked: 'pinLocked',
      wrong: { target: '#registration.entering.pin' },
      lastTry: { target: '#registration.entering.confirmingPin' },
      maySpend: MAY_SPEND,
      otherwise: cardFailures('registration', { pinLocked: 'pinLocked' }),
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
            guard: failWith('customerNotFound'),
            target: '#registration.entering.customerNumber',
            actions: ['setError', 'dropSignatures', 'clearSecrets'],
          },
          { guard: failWith('registrationMismatch'), target: 'mismatch', actions: 'setError' },
          { guard: failWith('alreadyLinked'), target: 'alreadyLinked', actions: 'setError' },
          ...platformFailure(),
        ],
      },
    },
    // Dead ends: the viewer reads what to do; OK or CANCEL ends the registration.
    pinLocked: deadEnd('registration', ['clearAll', 'showPinLocked']),
    passwordLocked: deadEnd('registration', ['clearAll', 'showPasswordLocked']),
    notMyNumberCard: deadEnd('registration', ['clearAll']),
    certificateExpired: deadEnd('registration', ['clearAll']),
    certificateRevoked: deadEnd('registration', ['clearAll']),
    mismatch: deadEnd('registration', ['clearAll']),
    alreadyLinked: deadEnd('registration', ['clearAll']),
    // RETRY starts again from the entry (the customer number is kept).
    bridgeDown: retryable('registration', RETRY_ENTRY, '#registration.entering'),
    platformDown: retryable('registration', RETRY_ENTRY, '#registration.entering'),
    cardError: retryable('registration', RETRY_ENTRY, '#registration.entering'),
    rejected: retryable('registration', RETRY_ENTRY, '#registration.entering'),
    registered: {
      type: 'final',
      entry: 'clearAll',
      output: ({ event }) => ({
        outcome: 'signedIn' as const,
        signedIn: (event as unknown as DoneActorEvent<SignedIn>).output,
      }),
    },
    cardChanged: { type: 'final', entry: 'clearAll', output: { outcome: 'cardChanged' as const } },
    cancelled: { type: 'final', entry: 'clearAll', output: { outcome: 'cancelled' as const } },
  },
});

/** Too slow for the challenge: both secrets again, from the password. */
function platformFailure() {
  return platformFailures('registration', {
    target: '#registration.entering.password',
    actions: ['dropSignatures', 'clearSecrets'],
  });
}
