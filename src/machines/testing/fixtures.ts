/**
 * Test data and error values as the real clients raise them: BridgeError from the card client,
 * the SDK's typed PlatformErrors. Names and numbers here are fictitious.
 */
import { BridgeError, type BridgeErrorKind } from '../../card/errors';
import {
  CancellationDeadlinePassedError,
  CertificateAlreadyLinkedError,
  CertificateExpiredError,
  CertificateRevokedError,
  ChallengeExpiredError,
  CustomerNotFoundError,
  NetworkError,
  PlatformUnavailableError,
  RegistrationMismatchError,
  RegistrationRequiredError,
  SessionExpiredError,
  SignatureInvalidError,
  SlotTakenError,
  SlotUnavailableError,
  UnknownIssuerError,
  NotFoundError,
  NotPairedError,
} from '../../platform/errors';
import type { PinStatus, Profile, SignedIn } from '../ports';

export const DISPLAY_NAME = '窓口 花子';
/** A one-time value as the bridge gives it with LAST_ATTEMPT_NEEDS_CONFIRMATION (fictitious). */
export const CONFIRMATION = 'b25lLXRpbWUtdmFsdWUtMDAwMQ';
export const CUSTOMER_NUMBER = '10010099';
/** Card identities as the bridge gives them (16 random bytes, base64url; fictitious). */
export const CARD_ID = 'Y2FyZC1pZC1maXJzdC0wMQ';
export const OTHER_CARD_ID = 'Y2FyZC1pZC1vdGhlci0wMg';

export const profile = (overrides: Partial<Profile['certificate']> = {}): Profile => ({
  customerNumber: CUSTOMER_NUMBER,
  displayName: DISPLAY_NAME,
  municipality: 'みどり市',
  certificate: { notAfter: '2031-03-31T14:59:59Z', daysRemaining: 1800, renewalWarning: false, ...overrides },
});

export const signedIn = (overrides: Partial<Profile['certificate']> = {}): SignedIn => ({
  profile: profile(overrides),
  refreshAfterMs: 240_000,
});

/** The same viewer as a card login gives, logged in by the card read on the phone (no reader). */
export const PHONE_SIGNED_IN: SignedIn = {
  ...signedIn(),
  profile: { ...profile(), loginMethod: 'phone' },
};

/** Signed in with the 変更確認 status of the signature certificate (told when `notify`). */
export const signedInWithSign = (
  status: NonNullable<Profile['signCertificate']>['status'],
  notify = true,
): SignedIn => ({
  profile: {
    ...profile(),
    signCertificate: {
      status,
      notify,
      notAfter: '2031-03-31T14:59:59Z',
      checkedAt: '2026-04-01T00:00:00Z',
      ...(status === 'holderInformationChanged' ? { revocationReason: 'affiliationChanged' as const } : {}),
    },
  },
  refreshAfterMs: 240_000,
});

export const pinStatus = (triesLeft: number, maxTries = 3): PinStatus => ({
  triesLeft,
  maxTries,
  locked: triesLeft === 0,
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bridge = (kind: BridgeErrorKind, details: any = {}) => new BridgeError(kind, details);

export const cardErrors = {
  noReader: () => bridge('NO_READER'),
  noCard: () => bridge('NO_CARD'),
  cardRemoved: () => bridge('CARD_REMOVED'),
  /** Pulled while the card ran a VERIFY: the try may or may not have been counted. */
  removedDuringVerify: () => bridge('CARD_REMOVED', { verifyOutcome: 'unknown' }),
  cardChanged: () => bridge('CARD_CHANGED', { cardId: OTHER_CARD_ID }),
  readerServiceUnavailable: () => bridge('READER_SERVICE_UNAVAILABLE'),
  notMyNumberCard: () => bridge('NOT_MY_NUMBER_CARD', { atr: '3B8F80' }),
  pinIncorrect: (triesLeft: number) => bridge('PIN_INCORRECT', { triesLeft }),
  pinLocked: () => bridge('PIN_LOCKED'),
  /** The bridge's refusal of a last try, with its one-time value (base64url, as the protocol says). */
  lastAttempt: (confirmation: string = CONFIRMATION) =>
    bridge('LAST_ATTEMPT_NEEDS_CONFIRMATION', { triesLeft: 1, confirmation }),
  pinFormat: () => bridge('PIN_FORMAT'),
  cardError: () => bridge('CARD_ERROR', { sw: '6F00' }),
  busy: () => bridge('BUSY'),
  bridgeDown: () => bridge('BRIDGE_UNAVAILABLE', { reason: 'connection-lost' }),
  bridgeTimeout: () => bridge('TIMEOUT', { timeoutMs: 30000 }),
};

export const platformErrors = {
  registrationRequired: () => new RegistrationRequiredError('REGISTRATION_REQUIRED'),
  certificateExpired: () => new CertificateExpiredError('CERTIFICATE_EXPIRED'),
  certificateRevoked: () => new CertificateRevokedError('CERTIFICATE_REVOKED'),
  unknownIssuer: () => new UnknownIssuerError('UNKNOWN_ISSUER'),
  unavailable: () => new PlatformUnavailableError('PLATFORM_UNAVAILABLE'),
  network: () => new NetworkError('NETWORK_ERROR'),
  rateLimited: () => new PlatformUnavailableError('RATE_LIMITED', { status: 429 }),
  challengeExpired: () => new ChallengeExpiredError('CHALLENGE_EXPIRED'),
  signatureInvalid: () => new SignatureInvalidError('SIGNATURE_INVALID'),
  customerNotFound: () => new CustomerNotFoundError('CUSTOMER_NOT_FOUND'),
  registrationMismatch: () => new RegistrationMismatchError('REGISTRATION_MISMATCH'),
  alreadyLinked: () => new CertificateAlreadyLinkedError('CERTIFICATE_ALREADY_LINKED'),
  sessionExpired: () => new SessionExpiredError('SESSION_EXPIRED'),
  sessionCertificateRevoked: () => new SessionExpiredError('SESSION_CERTIFICATE_REVOKED'),
  sessionCertificateExpired: () => new SessionExpiredError('SESSION_CERTIFICATE_EXPIRED'),
  refreshTokenReused: () => new SessionExpiredError('REFRESH_TOKEN_REUSED'),
  notFound: () => new NotFoundError('CHECKUP_NOT_FOUND'),
  slotTaken: () => new SlotTakenError('SLOT_TAKEN'),
  slotUnavailable: () => new SlotUnavailableError('SLOT_UNAVAILABLE'),
  notPaired: () => new NotPairedError('PAIRING_NOT_FOUND'),
  deadlinePassed: () =>
    new CancellationDeadlinePassedError({
      status: 409,
      problem: {
        type: 'urn:madoguchi:problem:cancellation-deadline-passed',
        title: 'Cancellation deadline passed',
        status: 409,
        code: 'CANCELLATION_DEADLINE_PASSED',
        cancellation: {
          deadline: '2030-05-09T15:00:00Z',
          rule: '利用日の前日17時まで、この画面で取り消せます。',
          ruleEn: 'You can cancel here until 17:00 the day before.',
        },
      },
    }),
};

/** The card's failures every signing flow routes alike (card-flow.ts), in the models' order. */
export const signingCardFailures = () => [
  cardErrors.notMyNumberCard(),
  cardErrors.bridgeDown(),
  cardErrors.cardError(),
  cardErrors.cardChanged(),
];

/** The platform's refusals every signing flow routes alike (card-flow.ts), in the models' order. */
export const signingPlatformFailures = () => [
  platformErrors.certificateExpired(),
  platformErrors.certificateRevoked(),
  platformErrors.unknownIssuer(),
  platformErrors.unavailable(),
  platformErrors.challengeExpired(),
  platformErrors.signatureInvalid(),
];

/** The card's count of a secret as `id` reads it: all tries left, one left, locked. */
export const countAnswers = (id: string, maxTries: number) =>
  [maxTries, 1, 0].map((triesLeft) => done(id, pinStatus(triesLeft, maxTries)));

/** The remote's keys a signing flow's model presses besides typing. */
export const FLOW_KEYS = [
  { type: 'BACK' },
  { type: 'OK' },
  { type: 'CONFIRM' },
  { type: 'CANCEL' },
  { type: 'RETRY' },
] as const;

export const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output });
export const fail = (id: string, error: unknown) => ({ type: `xstate.error.actor.${id}`, error });

/** The promise actors every card flow (login, registration) starts with: the certificate, the PIN's count, a challenge. */
export const CARD_FLOW_ACTORS = ['readAuthCertificate', 'readPinStatus', 'requestChallenge'] as const;

/** 「スマートフォンに送る」's cases for a flow's model: the press, and every answer it can get. */
export const phoneSendCases = (kind: 'booking' | 'checkup' | 'notice') => [
  { type: 'SEND_TO_PHONE', item: { kind, title: '送るもの', lines: ['一行目'] } },
  { type: 'PAIR_PHONE' },
  done('sendToPhone', { id: 'pi_1' }),
  fail('sendToPhone', platformErrors.notPaired()),
  fail('sendToPhone', platformErrors.unavailable()),
  fail('sendToPhone', platformErrors.sessionExpired()),
];
