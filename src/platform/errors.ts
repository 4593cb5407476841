/**
 * Typed domain errors of the platform SDK. Every error carries the stable `code`, the HTTP status
 * (when the platform answered) and a message for the viewer in Japanese and English. The class says
 * what the app should do; the code says exactly what happened.
 */
import { MESSAGES, type PlatformErrorCode } from './messages';
import type { CancellationPolicy, Problem, ProblemCode } from './types';

export interface PlatformErrorOptions {
  status?: number;
  problem?: Problem;
  retryAfterMs?: number;
  cause?: unknown;
}

export class PlatformError extends Error {
  readonly code: PlatformErrorCode;
  readonly status: number | undefined;
  readonly problem: Problem | undefined;
  /** For the viewer, in Japanese. */
  readonly messageJa: string;
  /** For the viewer, in English. */
  readonly messageEn: string;
  /** The platform's Retry-After, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(code: PlatformErrorCode, options: PlatformErrorOptions = {}) {
    const message = MESSAGES[code];
    super(`${code}: ${options.problem?.detail ?? options.problem?.title ?? message.en}`, {
      cause: options.cause,
    });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status;
    this.problem = options.problem;
    this.messageJa = message.ja;
    this.messageEn = message.en;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The request was malformed (a bug in the app or SDK, or a value the viewer typed). */
class InvalidRequestError extends PlatformError {}
export class NotFoundError extends PlatformError {}
/** The login or registration check has to start over with a new challenge (and PIN). */
export class ChallengeExpiredError extends PlatformError {}
/** The card's signature was refused (bad, over another challenge, or by another card's key). */
export class SignatureInvalidError extends PlatformError {}
/** The certificate could not be parsed or is not valid yet. */
class CertificateInvalidError extends PlatformError {}
export class CertificateExpiredError extends PlatformError {}
export class CertificateRevokedError extends PlatformError {}
/** Not a certificate of a JPKI root the platform trusts (not a My Number Card, or a test card). */
export class UnknownIssuerError extends PlatformError {}
/** Valid card, but not linked to a customer yet: show the registration (利用者登録) screen. */
export class RegistrationRequiredError extends PlatformError {}
export class CustomerNotFoundError extends PlatformError {}
export class RegistrationMismatchError extends PlatformError {}
export class CertificateAlreadyLinkedError extends PlatformError {}
/** J-LIS does not confirm that the auth and the signature certificate are of one card. */
class CertificatesNotLinkedError extends PlatformError {}
/** The viewer has to log in again with the card. */
export class SessionExpiredError extends PlatformError {}
export class SlotTakenError extends PlatformError {}
export class SlotUnavailableError extends PlatformError {}
export class IdempotencyError extends PlatformError {}
/** The platform or the network is down or slow: worth trying again later. */
export class PlatformUnavailableError extends PlatformError {}
export class NetworkError extends PlatformUnavailableError {}
export class TimeoutError extends PlatformUnavailableError {}
export class UnexpectedResponseError extends PlatformError {}
/** The device flow's answers (RFC 8628 §3.5); the pairing resource turns the expected ones into results. */
export class PairingError extends PlatformError {}
/** No phone is paired with this box for this viewer now (never, ended, or another viewer's). */
export class NotPairedError extends PlatformError {}

/** Free cancellation is over; `rule` is the facility's rule to show (call the facility). */
export class CancellationDeadlinePassedError extends PlatformError {
  readonly rule: CancellationPolicy | undefined;

  constructor(options: PlatformErrorOptions = {}) {
    super('CANCELLATION_DEADLINE_PASSED', options);
    this.rule = options.problem?.cancellation;
  }

  /** The generic message followed by the facility's own rule, for the viewer. */
  get messageWithRuleJa(): string {
    return this.rule ? `${this.messageJa}\n${this.rule.rule}` : this.messageJa;
  }

  get messageWithRuleEn(): string {
    return this.rule ? `${this.messageEn}\n${this.rule.ruleEn}` : this.messageEn;
  }
}

type ErrorClass = new (code: PlatformErrorCode, options: PlatformErrorOptions) => PlatformError;

const CLASS_OF: Record<Exclude<ProblemCode, 'CANCELLATION_DEADLINE_PASSED'>, ErrorClass> = {
  VALIDATION_FAILED: InvalidRequestError,
  NOT_FOUND: NotFoundError,
  CHALLENGE_UNKNOWN: ChallengeExpiredError,
  CHALLENGE_EXPIRED: ChallengeExpiredError,
  CHALLENGE_REPLAYED: ChallengeExpiredError,
  CHALLENGE_PURPOSE_MISMATCH: ChallengeExpiredError,
  CHALLENGE_MISMATCH: SignatureInvalidError,
  SIGNATURE_INVALID: SignatureInvalidError,
  CERTIFICATE_KEY_MISMATCH: SignatureInvalidError,
  CERTIFICATE_MALFORMED: CertificateInvalidError,
  CERTIFICATE_NOT_YET_VALID: CertificateInvalidError,
  UNKNOWN_ISSUER: UnknownIssuerError,
  CERTIFICATE_EXPIRED: CertificateExpiredError,
  CERTIFICATE_REVOKED: CertificateRevokedError,
  REVOCATION_STATUS_UNKNOWN: PlatformUnavailableError,
  REGISTRATION_REQUIRED: RegistrationRequiredError,
  CUSTOMER_NOT_FOUND: CustomerNotFoundError,
  REGISTRATION_MISMATCH: RegistrationMismatchError,
  CERTIFICATE_ALREADY_LINKED: CertificateAlreadyLinkedError,
  TOKEN_INVALID: SessionExpiredError,
  TOKEN_EXPIRED: SessionExpiredError,
  SESSION_EXPIRED: SessionExpiredError,
  SESSION_CERTIFICATE_EXPIRED: SessionExpiredError,
  SESSION_CERTIFICATE_REVOKED: SessionExpiredError,
  REFRESH_TOKEN_REUSED: SessionExpiredError,
  CHECKUP_NOT_FOUND: NotFoundError,
  FACILITY_NOT_FOUND: NotFoundError,
  ROOM_NOT_FOUND: NotFoundError,
  BOOKING_NOT_FOUND: NotFoundError,
  NOTICE_NOT_FOUND: NotFoundError,
  // Only a sender posting to a full box meets it; the TV app never posts notices.
  NOTICE_BOX_FULL: PlatformError,
  ADDRESS_CHANGE_NOT_FOUND: NotFoundError,
  SLOT_UNAVAILABLE: SlotUnavailableError,
  SLOT_TAKEN: SlotTakenError,
  IDEMPOTENCY_KEY_REQUIRED: IdempotencyError,
  IDEMPOTENCY_KEY_REUSED: IdempotencyError,
  PLATFORM_UNAVAILABLE: PlatformUnavailableError,
  CERTIFICATE_PROFILE_INVALID: UnknownIssuerError,
  CERTIFICATE_SUPERSEDED: CertificateRevokedError,
  CERTIFICATES_NOT_LINKED: CertificatesNotLinkedError,
  RATE_LIMITED: PlatformUnavailableError,
  AUTHORIZATION_PENDING: PairingError,
  SLOW_DOWN: PairingError,
  ACCESS_DENIED: PairingError,
  EXPIRED_TOKEN: PairingError,
  INVALID_GRANT: PairingError,
  INVALID_CLIENT: PairingError,
  INVALID_SCOPE: PairingError,
  UNSUPPORTED_GRANT_TYPE: PairingError,
  PAIRING_NOT_FOUND: NotPairedError,
};

function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && (code in CLASS_OF || code === 'CANCELLATION_DEADLINE_PASSED');
}

/** The domain error for an error response (problem+json when the platform sent one). */
export function errorFromResponse(status: number, body: unknown, retryAfterMs?: number): PlatformError {
  const problem = body as Problem | undefined;
  const options: PlatformErrorOptions = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (problem && typeof problem === 'object' && isProblemCode(problem.code)) {
    if (problem.code === 'CANCELLATION_DEADLINE_PASSED') {
      return new CancellationDeadlinePassedError({ ...options, problem });
    }
    return new CLASS_OF[problem.code](problem.code, { ...options, problem });
  }
  // A proxy or gateway in between answers without problem+json.
  if (status >= 500 || status === 429) return new PlatformUnavailableError('PLATFORM_UNAVAILABLE', options);
  return new UnexpectedResponseError('UNEXPECTED_RESPONSE', options);
}
