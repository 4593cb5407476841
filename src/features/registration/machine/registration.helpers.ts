/**
 * The registration machine's error routing and the rules its guards share (kept apart so the
 * machine reads as its states). Targets are by id: `#registration.<state>`.
 */
import {
  errorIs,
  toFlowError,
  tryMayBeSpent,
  type FlowError,
  type FlowErrorKind,
} from '../../../machines/errors';
import type { MessageKey } from '../../../machines/messages';
import type { PinStatus } from '../../../machines/ports';
import type { RegistrationContext } from './registration.machine';

/** Both secrets, typed or on their way to the card, and the last-try values that go with them. */
export const NO_SECRETS = {
  password: '',
  pin: '',
  heldPassword: undefined,
  heldPin: undefined,
  passwordConfirmation: undefined,
  pinConfirmation: undefined,
};

export const initialContext = (cardId: string | undefined): RegistrationContext => ({
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

export const notProvided = (name: string) => () => Promise.reject(new Error(`actor '${name}' not provided`));

export type ErrorEvent = { event: { error?: unknown } };
export const failWith =
  (...kinds: FlowErrorKind[]) =>
  ({ event }: ErrorEvent) =>
    errorIs(event, ...kinds);
export const wrongWithNoTriesLeft = ({ event }: ErrorEvent) =>
  errorIs(event, 'pinIncorrect') && toFlowError(event.error).triesLeft === 0;
/** "One left", as the bridge says when it asks for the viewer's confirmation. */
export const lastTryStatus = (status: PinStatus | undefined): PinStatus => ({
  maxTries: status?.maxTries ?? 3,
  triesLeft: 1,
  locked: false,
});
/** The card's count after a wrong entry. */
export const statusAfter = (status: PinStatus | undefined, event: unknown): PinStatus => ({
  maxTries: status?.maxTries ?? 3,
  triesLeft: toFlowError((event as { error?: unknown }).error).triesLeft ?? 1,
  locked: false,
});
export const errorWithKey = (event: unknown, messageKey: MessageKey): FlowError => ({
  ...toFlowError((event as { error?: unknown }).error),
  messageKey,
});

export function cardFailure() {
  return [
    // Nothing went to the other card; what was typed for this one is dropped, never sent to it.
    { guard: failWith('cardChanged'), target: '#registration.cardChanged' },
    {
      guard: failWith('notMyNumberCard'),
      target: '#registration.notMyNumberCard',
      actions: 'setError' as const,
    },
    { guard: failWith('bridgeDown'), target: '#registration.bridgeDown', actions: 'setError' as const },
    { target: '#registration.cardError', actions: 'setError' as const },
  ];
}

/** A secret's call that failed otherwise than for the secret itself. */
export function signFailure() {
  return [
    // Cut off during a VERIFY: RETRY re-reads both counts (unknown counts hold OK until then).
    {
      guard: ({ event }: ErrorEvent) => tryMayBeSpent(event.error),
      target: '#registration.cardError',
      actions: ['setError' as const, 'forgetCounts' as const],
    },
    ...cardFailure(),
  ];
}

export function platformFailure() {
  return [
    {
      guard: failWith('certificateExpired'),
      target: '#registration.certificateExpired',
      actions: 'setError' as const,
    },
    {
      guard: failWith('certificateRevoked'),
      target: '#registration.certificateRevoked',
      actions: 'setError' as const,
    },
    {
      guard: failWith('unknownIssuer'),
      target: '#registration.notMyNumberCard',
      actions: 'setError' as const,
    },
    { guard: failWith('platformDown'), target: '#registration.platformDown', actions: 'setError' as const },
    // Too slow for the challenge: both secrets again, from the password.
    {
      guard: failWith('challengeExpired'),
      target: '#registration.entering.password',
      actions: ['setError' as const, 'dropSignatures' as const, 'clearSecrets' as const],
    },
    { target: '#registration.rejected', actions: 'setError' as const },
  ];
}

export function deadEnd(show?: 'showPinLocked' | 'showPasswordLocked') {
  return {
    entry: show ? (['clearAll', show] as const) : (['clearAll'] as const),
    on: { OK: '#registration.cancelled', CANCEL: '#registration.cancelled' },
  };
}

export function retryable() {
  return {
    entry: ['clearSecrets', 'dropSignatures'] as const,
    on: { RETRY: '#registration.entering', CANCEL: '#registration.cancelled' },
  };
}
