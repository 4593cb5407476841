/** RFC 9457 problem details as the simulator raises them; handlers turn them into responses. */
import type { Problem, ProblemCode } from '../../../src/platform/types';

export type { Problem, ProblemCode };

/** English titles: the stable part of each problem type (the SDK has the viewer-facing messages). */
const TITLES: Record<ProblemCode, string> = {
  VALIDATION_FAILED: 'The request is not valid',
  NOT_FOUND: 'No such resource',
  CHALLENGE_UNKNOWN: 'The challenge was not issued by this platform',
  CHALLENGE_EXPIRED: 'The challenge has expired',
  CHALLENGE_REPLAYED: 'The challenge was already used',
  CHALLENGE_PURPOSE_MISMATCH: 'The challenge was issued for another purpose',
  CHALLENGE_MISMATCH: 'The signature is over another challenge',
  SIGNATURE_INVALID: 'The signature does not verify',
  CERTIFICATE_KEY_MISMATCH: "The signature was made by another certificate's key",
  CERTIFICATE_MALFORMED: 'The certificate is not valid DER',
  UNKNOWN_ISSUER: 'The certificate was not issued by a trusted JPKI root',
  CERTIFICATE_EXPIRED: 'The certificate has expired',
  CERTIFICATE_NOT_YET_VALID: 'The certificate is not valid yet',
  CERTIFICATE_REVOKED: 'The certificate has been revoked',
  REVOCATION_STATUS_UNKNOWN: 'No current revocation list for the issuing root',
  CERTIFICATE_PROFILE_INVALID: 'The certificate is not a JPKI certificate of the kind this call takes',
  CERTIFICATE_SUPERSEDED: 'The certificate was replaced by a renewed one',
  CERTIFICATES_NOT_LINKED: 'The authentication and signature certificates are not of one card',
  REGISTRATION_REQUIRED: 'The certificate is not linked to a customer',
  CUSTOMER_NOT_FOUND: 'No customer with this number',
  REGISTRATION_MISMATCH: 'Name or birth date do not match the customer record',
  CERTIFICATE_ALREADY_LINKED: 'The certificate is linked to another customer',
  TOKEN_INVALID: 'The access token is not valid',
  TOKEN_EXPIRED: 'The access token has expired',
  SESSION_EXPIRED: 'The session has ended',
  CHECKUP_NOT_FOUND: 'No such checkup',
  FACILITY_NOT_FOUND: 'No such facility',
  ROOM_NOT_FOUND: 'No such room',
  BOOKING_NOT_FOUND: 'No such booking',
  NOTICE_NOT_FOUND: 'No such notice',
  NOTICE_BOX_FULL: "The customer's notice box is full; the notice was not delivered",
  ADDRESS_CHANGE_NOT_FOUND: 'No such address change',
  SLOT_UNAVAILABLE: 'The slot cannot be booked',
  SLOT_TAKEN: 'The slot is already booked',
  IDEMPOTENCY_KEY_REQUIRED: 'Idempotency-Key header is required',
  IDEMPOTENCY_KEY_REUSED: 'The Idempotency-Key was used with another request',
  CANCELLATION_DEADLINE_PASSED: 'The cancellation deadline has passed',
  PLATFORM_UNAVAILABLE: 'The platform is unavailable',
  RATE_LIMITED: 'Too many requests',
  SESSION_CERTIFICATE_EXPIRED: "The session's authentication certificate has expired",
  SESSION_CERTIFICATE_REVOKED: "The session's authentication certificate has been revoked",
  REFRESH_TOKEN_REUSED: 'A spent refresh token was presented again; the session is ended',
  AUTHORIZATION_PENDING: 'The viewer has not answered on the phone yet',
  SLOW_DOWN: 'Polling too often; the interval has grown by 5 seconds',
  ACCESS_DENIED: 'The viewer declined on the phone',
  EXPIRED_TOKEN: 'The device code has expired',
  INVALID_GRANT: 'The device code is not valid',
  INVALID_CLIENT: 'The client is not a registered TV app',
  INVALID_SCOPE: 'The scope is not one this flow grants',
  UNSUPPORTED_GRANT_TYPE: 'The grant type is not supported here',
  PAIRING_NOT_FOUND: 'No phone is paired with this box for this viewer now',
};

/** What a problem adds to the HTTP reply besides its body. */
export interface ProblemHeaders {
  /** Seconds to wait (429, 503): the Retry-After header. */
  retryAfterSeconds?: number;
}

export class ProblemError extends Error {
  readonly problem: Problem;
  readonly headers: ProblemHeaders;

  constructor(
    status: number,
    code: ProblemCode,
    detail?: string,
    extra: Partial<Pick<Problem, 'cancellation' | 'invalidParams'>> = {},
    headers: ProblemHeaders = {},
  ) {
    super(detail ?? TITLES[code]);
    this.name = 'ProblemError';
    this.headers = headers;
    this.problem = {
      type: `urn:madoguchi:problem:${code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[code],
      status,
      code,
      ...(detail ? { detail } : {}),
      ...extra,
    };
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): ProblemCode {
    return this.problem.code;
  }
}

export const invalid = (name: string, reason: string): ProblemError =>
  new ProblemError(400, 'VALIDATION_FAILED', `${name}: ${reason}`, { invalidParams: [{ name, reason }] });

/** A request body that must be one JSON object: the object, or 400 VALIDATION_FAILED saying why not. */
export function jsonObjectOf(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProblemError(400, 'VALIDATION_FAILED', 'the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemError(400, 'VALIDATION_FAILED', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
