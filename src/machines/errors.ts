/**
 * Every failure an actor can report, reduced to what a flow decides on (`kind`) and what the viewer
 * reads (`messageKey`). Card errors are recognised by shape (`kind` + `details`, as the bridge
 * client's BridgeError has them) so the machines do not depend on the client's classes; platform
 * errors by the SDK's `code`. Only plain data goes into context: never the original error (it may
 * hold request details) and never a secret.
 */
import { PlatformError } from '../platform/errors';
import type { MessageKey } from './messages';

export type FlowErrorKind =
  | 'noReader'
  | 'cardRemoved'
  | 'cardChanged'
  | 'notMyNumberCard'
  | 'pinIncorrect'
  | 'pinLocked'
  | 'lastAttempt'
  | 'pinFormat'
  | 'cardBusy'
  | 'cardError'
  | 'bridgeDown'
  | 'certificateExpired'
  | 'certificateRevoked'
  | 'unknownIssuer'
  | 'cardRejected'
  | 'challengeExpired'
  | 'registrationRequired'
  | 'customerNotFound'
  | 'registrationMismatch'
  | 'alreadyLinked'
  | 'sessionExpired'
  | 'platformDown'
  | 'notFound'
  | 'slotTaken'
  | 'slotUnavailable'
  | 'cancellationDeadlinePassed'
  | 'pairingRefused'
  | 'notPaired'
  | 'unexpected';

export interface FlowError {
  kind: FlowErrorKind;
  messageKey: MessageKey;
  /** PIN_INCORRECT: tries left after this wrong entry. */
  triesLeft?: number;
  /** CANCELLATION_DEADLINE_PASSED: the facility's own rule, to show under the message. */
  rule?: { ja: string; en: string };
}

/** Bridge error names (shared/design/bridge-protocol.md) and the client's own, by flow kind. */
const CARD_KINDS: Record<string, [FlowErrorKind, MessageKey]> = {
  NO_READER: ['noReader', 'noReader'],
  NO_CARD: ['cardRemoved', 'cardRemoved'],
  CARD_REMOVED: ['cardRemoved', 'cardRemoved'],
  CARD_CHANGED: ['cardChanged', 'cardChanged'],
  // Wait, as for a busy reader: the box restarts its reader service by itself.
  READER_SERVICE_UNAVAILABLE: ['cardBusy', 'readerServiceUnavailable'],
  NOT_MY_NUMBER_CARD: ['notMyNumberCard', 'notMyNumberCard'],
  PIN_INCORRECT: ['pinIncorrect', 'pinIncorrect'],
  PIN_LOCKED: ['pinLocked', 'pinLocked'],
  LAST_ATTEMPT_NEEDS_CONFIRMATION: ['lastAttempt', 'lastAttemptConfirm'],
  PIN_FORMAT: ['pinFormat', 'pinFormat'],
  CARD_ERROR: ['cardError', 'cardError'],
  BUSY: ['cardBusy', 'cardBusy'],
  BRIDGE_UNAVAILABLE: ['bridgeDown', 'bridgeLost'],
  TIMEOUT: ['bridgeDown', 'bridgeLost'],
  PROTOCOL_ERROR: ['cardError', 'cardError'],
};

/** SDK codes by flow kind; the message is the SDK's for that code unless said otherwise. */
const PLATFORM_KINDS: Partial<Record<string, FlowErrorKind>> = {
  CERTIFICATE_EXPIRED: 'certificateExpired',
  CERTIFICATE_REVOKED: 'certificateRevoked',
  UNKNOWN_ISSUER: 'unknownIssuer',
  SIGNATURE_INVALID: 'cardRejected',
  CERTIFICATE_KEY_MISMATCH: 'cardRejected',
  CERTIFICATE_MALFORMED: 'cardRejected',
  CERTIFICATE_NOT_YET_VALID: 'cardRejected',
  CHALLENGE_UNKNOWN: 'challengeExpired',
  CHALLENGE_EXPIRED: 'challengeExpired',
  CHALLENGE_REPLAYED: 'challengeExpired',
  CHALLENGE_PURPOSE_MISMATCH: 'challengeExpired',
  CHALLENGE_MISMATCH: 'challengeExpired',
  REGISTRATION_REQUIRED: 'registrationRequired',
  CUSTOMER_NOT_FOUND: 'customerNotFound',
  REGISTRATION_MISMATCH: 'registrationMismatch',
  CERTIFICATE_ALREADY_LINKED: 'alreadyLinked',
  TOKEN_INVALID: 'sessionExpired',
  TOKEN_EXPIRED: 'sessionExpired',
  SESSION_EXPIRED: 'sessionExpired',
  SESSION_CERTIFICATE_EXPIRED: 'sessionExpired',
  SESSION_CERTIFICATE_REVOKED: 'sessionExpired',
  REFRESH_TOKEN_REUSED: 'sessionExpired',
  NOT_LOGGED_IN: 'sessionExpired',
  PLATFORM_UNAVAILABLE: 'platformDown',
  // Too many calls for a while: said as such, and a retry after a moment goes through.
  RATE_LIMITED: 'platformDown',
  REVOCATION_STATUS_UNKNOWN: 'platformDown',
  NETWORK_ERROR: 'platformDown',
  TIMEOUT: 'platformDown',
  NOT_FOUND: 'notFound',
  CHECKUP_NOT_FOUND: 'notFound',
  FACILITY_NOT_FOUND: 'notFound',
  ROOM_NOT_FOUND: 'notFound',
  BOOKING_NOT_FOUND: 'notFound',
  SLOT_TAKEN: 'slotTaken',
  SLOT_UNAVAILABLE: 'slotUnavailable',
  CANCELLATION_DEADLINE_PASSED: 'cancellationDeadlinePassed',
  // The box is not set up for pairing (its operator's client): only the operator can help.
  INVALID_CLIENT: 'pairingRefused',
  INVALID_SCOPE: 'pairingRefused',
  UNSUPPORTED_GRANT_TYPE: 'pairingRefused',
  PAIRING_NOT_FOUND: 'notPaired',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export function toFlowError(error: unknown): FlowError {
  if (error instanceof PlatformError) {
    const kind = PLATFORM_KINDS[error.code] ?? 'unexpected';
    const flowError: FlowError = { kind, messageKey: kind === 'unexpected' ? 'unexpected' : error.code };
    const rule = error.problem?.cancellation;
    if (kind === 'cancellationDeadlinePassed' && rule) flowError.rule = { ja: rule.rule, en: rule.ruleEn };
    return flowError;
  }
  if (isRecord(error) && typeof error.kind === 'string' && error.kind in CARD_KINDS) {
    const [kind, messageKey] = CARD_KINDS[error.kind]!;
    const details = isRecord(error.details) ? error.details : {};
    const flowError: FlowError = { kind, messageKey };
    if (typeof details.triesLeft === 'number') flowError.triesLeft = details.triesLeft;
    return flowError;
  }
  return { kind: 'unexpected', messageKey: 'unexpected' };
}

/**
 * The one-time value a LAST_ATTEMPT_NEEDS_CONFIRMATION answer carries (the only thing that spends
 * the last try). Kept apart from FlowError: it belongs to the next call, not to what is shown.
 */
export function confirmationOf(error: unknown): string | undefined {
  if (!isRecord(error) || error.kind !== 'LAST_ATTEMPT_NEEDS_CONFIRMATION' || !isRecord(error.details)) {
    return undefined;
  }
  const { confirmation } = error.details;
  return typeof confirmation === 'string' ? confirmation : undefined;
}

/**
 * The card call failed in the middle of a VERIFY (card pulled, transport error): nobody knows
 * whether the card counted the try, so the flow reads the PIN status again before another one.
 */
export function tryMayBeSpent(error: unknown): boolean {
  return (
    isRecord(error) &&
    (error.kind === 'CARD_REMOVED' || error.kind === 'CARD_ERROR') &&
    isRecord(error.details) &&
    error.details.verifyOutcome === 'unknown'
  );
}

/** Why the platform ended the session, as the signed-out screen says it. */
export type SessionEndReason =
  | 'loggedOutSessionExpired'
  | 'loggedOutCertificateExpired'
  | 'loggedOutCertificateRevoked'
  | 'loggedOutSessionReused';

const SESSION_END_REASONS: Partial<Record<string, SessionEndReason>> = {
  SESSION_CERTIFICATE_EXPIRED: 'loggedOutCertificateExpired',
  SESSION_CERTIFICATE_REVOKED: 'loggedOutCertificateRevoked',
  REFRESH_TOKEN_REUSED: 'loggedOutSessionReused',
};

/** The reason for a session error (any other: the session simply ran out). */
export function sessionEndReason(error: unknown): SessionEndReason {
  return (error instanceof PlatformError && SESSION_END_REASONS[error.code]) || 'loggedOutSessionExpired';
}

/** The same from what a child flow kept of the error (a platform error's message key is its code). */
export function sessionEndReasonOf(error: FlowError): SessionEndReason {
  return SESSION_END_REASONS[error.messageKey] ?? 'loggedOutSessionExpired';
}

/** Guard helper: does the actor error (an `xstate.error.actor.*` event) map to one of `kinds`? */
export function errorIs(event: { error?: unknown }, ...kinds: FlowErrorKind[]): boolean {
  return kinds.includes(toFlowError(event.error).kind);
}
