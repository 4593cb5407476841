/**
 * First-time registration (利用者登録): the customer number, the signature password (6–16 A–Z/0–9
 * on the on-screen keypad) and the 4-digit auth PIN; then one registration challenge signed by
 * both keys (the card reads the signature certificate and signs with the password, then signs with
 * the PIN), and the platform links the card to the customer and logs the viewer in.
 * The password goes first: it is the less familiar secret with the more tries (5), and a wrong one
 * costs no PIN try. Each secret leaves context in the step that hands it to the card (held wrapped
 * until the card answers), and every last try is spent only on the viewer's CONFIRM, as in login:
 * the call goes without a confirmation, the bridge refuses it at one try left with a one-time
 * value, the warning shows, and CONFIRM sends the secret again with that value.
 */
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import {
  canAddCustomerDigit,
  canAddPasswordChar,
  canAddPinDigit,
  dropLast,
  isCustomerNumberComplete,
  isPasswordComplete,
  isPinComplete,
} from '../../../machines/entry';
import { confirmationOf, toFlowError, type FlowError } from '../../../machines/errors';
import type {
  FlowInput,
  PinStatus,
  ReadAuthCertificateInput,
  ReadAuthCertificateOutput,
  ReadPinStatusInput,
  RegisterInput,
  RequestChallengeInput,
  SignChallengeInput,
  SignChallengeOutput,
  SignedIn,
  SignWithPasswordInput,
  SignWithPasswordOutput,
} from '../../../machines/ports';
import { secret, type Secret } from '../../../machines/secret';
import {
  cardFailure,
  deadEnd,
  errorWithKey,
  failWith,
  initialContext,
  lastTryStatus,
  NO_SECRETS,
  notProvided,
  platformFailure,
  retryable,
  signFailure,
  statusAfter,
  wrongWithNoTriesLeft,
} from './registration.helpers';

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

export type RegistrationEvent =
  | { type: 'DIGIT'; digit: string }
  | { type: 'CHAR'; char: string }
  | { type: 'BACK' }
  | { type: 'OK' }
  | { type: 'CONFIRM' }
  | { type: 'CANCEL' }
  | { type: 'RETRY' };

/** `cardChanged`: another card is in the reader now; the session starts again from the beginning. */
export type RegistrationOutput =
  { outcome: 'signedIn'; signedIn: SignedIn } | { outcome: 'cardChanged' } | { outcome: 'cancelled' };

export const registrationMachine = setup({
  types: {
    context: {} as RegistrationContext,
    input: {} as FlowInput | undefined,
    events: {} as RegistrationEvent,
    output: {} as RegistrationOutput,
  },
  actors: {
    readAuthCertificate: fromPromise<ReadAuthCertificateOutput, ReadAuthCertificateInput>(
      notProvided('readAuthCertificate'),
    ),
    readPinStatus: fromPromise<PinStatus, ReadPinStatusInput>(notProvided('readPinStatus')),
    requestChallenge: fromPromise<string, RequestChallengeInput>(notProvided('requestChallenge')),
    signWithPassword: fromPromise<SignWithPasswordOutput, SignWithPasswordInput>(
      notProvided('signWithPassword'),
    ),
    signChallenge: fromPromise<SignChallengeOutput, SignChallengeInput>(notProvided('signChallenge')),
    register: fromPromise<SignedIn, RegisterInput>(notProvided('register')),
  },
  actions: {
    setError: assign({ error: ({ event }) => toFlowError((event as { error?: unknown }).error) }),
    clearError: assign({ error: undefined }),
    /** Both counts may have changed without the app knowing: read again before another try. */
    forgetCounts: assign({ pinStatus: undefined, passwordStatus: undefined }),
    showPinLocked: assign({ error: { kind: 'pinLocked', messageKey: 'pinLocked' } satisfies FlowError }),
    showPasswordLocked: assign({
      error: { kind: 'pinLocked', messageKey: 'signPasswordLocked' } satisfies FlowError,
    }),
    /** What was signed belongs to one challenge: a new attempt starts without it. */
    dropSignatures: assign({ challenge: undefined, signed: undefined, authSignature: undefined }),
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
          onError: cardFailure(),
        },
        {
          id: 'readPinStatus',
          src: 'readPinStatus',
          input: ({ context }) => ({ pin: 'auth' as const, cardId: context.cardId }),
          onDone: [
            { guard: ({ event }) => event.output.locked, target: '#registration.pinLocked' },
            { actions: assign({ pinStatus: ({ event }) => event.output }) },
          ],
          onError: cardFailure(),
        },
        {
          id: 'readPasswordStatus',
          src: 'readPinStatus',
          input: ({ context }) => ({ pin: 'sign' as const, cardId: context.cardId }),
          onDone: [
            { guard: ({ event }) => event.output.locked, target: '#registration.passwordLocked' },
            { actions: assign({ passwordStatus: ({ event }) => event.output }) },
          ],
          onError: cardFailure(),
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
            CHAR: {
              guard: ({ context, event }) => canAddPasswordChar(context.password, event.char),
              actions: [
                assign({ password: ({ context, event }) => context.password + event.char }),
                'clearError',
              ],
            },
            BACK: [
              { guard: ({ context }) => context.password === '', target: 'customerNumber' },
              { actions: assign({ password: ({ context }) => dropLast(context.password) }) },
            ],
            OK: { guard: ({ context }) => isPasswordComplete(context.password), target: 'pin' },
          },
        },
        pin: {
          // A value is only good for the call right after its warning's CONFIRM.
          entry: assign({ passwordConfirmation: undefined, pinConfirmation: undefined }),
          on: {
            DIGIT: {
              guard: ({ context, event }) => canAddPinDigit(context.pin, event.digit),
              actions: [assign({ pin: ({ context, event }) => context.pin + event.digit }), 'clearError'],
            },
            BACK: [
              // Back to the password means a new attempt with both secrets.
              { guard: ({ context }) => context.pin === '', target: 'password', actions: 'dropSignatures' },
              { actions: assign({ pin: ({ context }) => dropLast(context.pin) }) },
            ],
            OK: { guard: ({ context }) => isPinComplete(context.pin), target: 'submitted' },
          },
        },
        submitted: {
          always: [
            { guard: 'passwordAlreadyUsed', target: '#registration.signingWithPin' },
            { guard: 'prefetched', target: '#registration.challenging' },
          ],
          on: { BACK: 'pin' },
        },
        // The warnings: the bridge's value is in context; only CONFIRM sends it, with the secret.
        confirmingPassword: {
          on: {
            CONFIRM: 'submitted',
            BACK: { target: 'password', actions: assign({ password: '' }) },
          },
        },
        confirmingPin: {
          on: {
            CONFIRM: 'submitted',
            BACK: { target: 'pin', actions: assign({ pin: '' }) },
          },
        },
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
    signingWithPassword: {
      invoke: {
        id: 'signWithPassword',
        src: 'signWithPassword',
        input: ({ context }): SignWithPasswordInput => ({
          password: secret(context.password),
          challenge: context.challenge ?? '',
          cardId: context.cardId,
          ...(context.passwordConfirmation === undefined
            ? {}
            : { confirmLastAttempt: context.passwordConfirmation }),
        }),
        onDone: {
          target: 'signingWithPin',
          actions: assign({
            signed: ({ event }) => event.output,
            heldPassword: undefined,
            passwordConfirmation: undefined,
          }),
        },
        onError: [
          { guard: wrongWithNoTriesLeft, target: 'passwordLocked' },
          { guard: failWith('pinLocked'), target: 'passwordLocked' },
          {
            guard: failWith('pinIncorrect'),
            target: '#registration.entering.password',
            actions: assign({
              error: ({ event }) => errorWithKey(event, 'signPasswordIncorrect'),
              passwordStatus: ({ context, event }) => statusAfter(context.passwordStatus, event),
              heldPassword: undefined,
              challenge: undefined,
            }),
          },
          // One try left (known, stale or a value that ran out): the warning, with the bridge's value.
          {
            guard: failWith('lastAttempt'),
            target: '#registration.entering.confirmingPassword',
            actions: assign({
              password: ({ context }) => context.heldPassword?.reveal() ?? '',
              heldPassword: undefined,
              passwordConfirmation: ({ event }) => confirmationOf(event.error),
              passwordStatus: ({ context }) => lastTryStatus(context.passwordStatus),
              challenge: undefined,
              error: undefined,
            }),
          },
          ...signFailure(),
        ],
      },
      always: {
        guard: ({ context }) => context.password !== '',
        actions: assign({ heldPassword: ({ context }) => secret(context.password), password: '' }),
      },
    },
    signingWithPin: {
      invoke: {
        id: 'signChallenge',
        src: 'signChallenge',
        input: ({ context }): SignChallengeInput => ({
          pin: secret(context.pin),
          challenge: context.challenge ?? '',
          cardId: context.cardId,
          ...(context.pinConfirmation === undefined ? {} : { confirmLastAttempt: context.pinConfirmation }),
        }),
        onDone: {
          target: 'registering',
          actions: assign({
            authSignature: ({ event }) => event.output,
            heldPin: undefined,
            pinConfirmation: undefined,
          }),
        },
        onError: [
          { guard: wrongWithNoTriesLeft, target: 'pinLocked' },
          { guard: failWith('pinLocked'), target: 'pinLocked' },
          // Only the PIN again: the password's signature over this challenge is kept.
          {
            guard: failWith('pinIncorrect'),
            target: '#registration.entering.pin',
            actions: assign({
              error: ({ event }) => errorWithKey(event, 'pinIncorrect'),
              pinStatus: ({ context, event }) => statusAfter(context.pinStatus, event),
              heldPin: undefined,
            }),
          },
          {
            guard: failWith('lastAttempt'),
            target: '#registration.entering.confirmingPin',
            actions: assign({
              pin: ({ context }) => context.heldPin?.reveal() ?? '',
              heldPin: undefined,
              pinConfirmation: ({ event }) => confirmationOf(event.error),
              pinStatus: ({ context }) => lastTryStatus(context.pinStatus),
              error: undefined,
            }),
          },
          ...signFailure(),
        ],
      },
      always: {
        guard: ({ context }) => context.pin !== '',
        actions: assign({ heldPin: ({ context }) => secret(context.pin), pin: '' }),
      },
    },
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
    pinLocked: deadEnd('showPinLocked'),
    passwordLocked: deadEnd('showPasswordLocked'),
    notMyNumberCard: deadEnd(),
    certificateExpired: deadEnd(),
    certificateRevoked: deadEnd(),
    mismatch: deadEnd(),
    alreadyLinked: deadEnd(),
    // RETRY starts again from the entry (the customer number is kept).
    bridgeDown: retryable(),
    platformDown: retryable(),
    cardError: retryable(),
    rejected: retryable(),
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
