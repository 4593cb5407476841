/**
 * What the machines need from the outside world, as typed actor inputs and outputs. The machines
 * only name these actors (placeholders that throw); the app provides real ones built from the
 * bridge client and the platform SDK (adapters.ts), tests provide fakes. Binary data crosses as
 * base64 strings so a snapshot stays plain, serialisable data.
 */
import type {
  AddressChangeRequest,
  BookingRequest,
  ChallengePurpose,
  CheckupItemCode,
  LinkedService,
  LoginRequest,
  ProblemCode,
  Profile,
  RegistrationRequest,
  ViewerPreferences,
} from '../platform/types';
import type { SessionEndReason } from './errors';
import type { Secret } from './secret';

/** A placeholder that throws: the app provides the real actor, tests fakes. */
export const notProvided = (name: string) => () => Promise.reject(new Error(`actor '${name}' not provided`));

export interface PinStatus {
  triesLeft: number;
  maxTries: number;
  locked: boolean;
}

/** The outcome of login and of registration: who is logged in, and when to refresh the tokens. */
export interface SignedIn {
  profile: Profile;
  /** Milliseconds from now until the access token should be refreshed. */
  refreshAfterMs: number;
}

/**
 * Every card call names the card the flow started with (the bridge's `cardId`, from the status the
 * session saw): a bridge that finds another card answers CARD_CHANGED and sends that card nothing.
 * Undefined only with a bridge that gives no identity.
 */
export interface CardInput {
  cardId?: string | undefined;
}
/** What login and registration are started with. */
export type FlowInput = CardInput;

/** Card: the auth certificate's DER, base64 (no PIN). */
export type ReadAuthCertificateOutput = string;
export type ReadAuthCertificateInput = CardInput;
export interface ReadPinStatusInput extends CardInput {
  pin: 'auth' | 'sign';
}
export interface RequestChallengeInput {
  purpose: ChallengePurpose;
}
/** Card: sign SHA-256 of the challenge's bytes with the auth key. The actor computes the digest. */
export interface SignChallengeInput extends CardInput {
  pin: Secret;
  challenge: string;
  /**
   * The bridge's one-time value from its last-try answer (LAST_ATTEMPT_NEEDS_CONFIRMATION), set
   * only on the call the viewer's CONFIRM sends. Without it the bridge never spends a last try.
   */
  confirmLastAttempt?: string;
}
/** base64 of the signature. */
export type SignChallengeOutput = string;
/** Card: read the signature certificate and sign the challenge with the signature key, in one go,
 * so the password is handed over once. */
export interface SignWithPasswordInput extends CardInput {
  password: Secret;
  challenge: string;
  /** As for SignChallengeInput. */
  confirmLastAttempt?: string;
}
export interface SignWithPasswordOutput {
  signCertificate: string;
  signature: string;
}

export type LoginInput = LoginRequest;
export type RegisterInput = RegistrationRequest;

export interface CheckupInput {
  checkupId: string;
}
export interface TrendInput {
  itemCode: CheckupItemCode;
}
export interface AvailabilityInput {
  facilityId: string;
  from: string;
  to: string;
}
export interface CreateBookingInput {
  request: BookingRequest;
  /** Same key for a retry of the same booking: the platform books it once. */
  idempotencyKey: string;
}
export interface CancelBookingInput {
  bookingId: string;
}
export interface NoticeInput {
  noticeId: string;
}
export interface KeepNoticeInput extends NoticeInput {
  kept: boolean;
}
/** The address change's start: the new address (最新4情報, with consent) and the linked services. */
export interface MoveDetails {
  newAddress: string;
  services: LinkedService[];
}
/** What the secret entry's `submit` signs for an address change (the consent's contents). */
export interface ConsentRequest extends CardInput {
  newAddress: string | undefined;
  services: string[];
}
/** The consent signed by the card's signature key, over a fresh challenge (base64). */
export interface SignedConsent {
  challenge: string;
  signCertificate: string;
  signature: string;
}
export interface CreateAddressChangeInput {
  request: AddressChangeRequest;
  /** Same key for a retry of the same signed request: the platform takes it once. */
  idempotencyKey: string;
}
export interface AddressChangeInput {
  requestId: string;
}

/** 文字の大きさ as the platform keeps it in the viewer's preferences. */
export type TextSizeChoice = NonNullable<ViewerPreferences['textSize']>;

export interface RefreshOutput {
  refreshAfterMs: number;
}

/**
 * How a feature flow (health, booking) ends: the viewer closed it, the platform session ended, or
 * the viewer chose to pair a phone (nothing was paired to send to).
 */
export type FeatureOutput =
  | { outcome: 'closed' }
  | { outcome: 'sessionExpired'; reason?: SessionEndReason | undefined }
  | { outcome: 'pairPhone' };

/** A phone paired with this TV (RFC 8628): what later phone features use; the token is the pair's. */
/** A press of the paired phone's touch remote, or text it types into the TV's entry. */
export type RemoteKey = 'up' | 'down' | 'left' | 'right' | 'ok' | 'back';
export type RemoteInput = { kind: 'key'; key: RemoteKey } | { kind: 'text'; text: string };

export interface PhonePairing {
  pairingId: string;
  token: string;
  /** When the token runs out, by the box's clock (ms since the epoch). */
  expiresAt: number;
}

/** What a screen sends to the paired phone: plain text as the TV shows it (the platform's shape). */
export type { PhoneItemRequest as PhoneItem } from '../platform/types';

/** A started pairing: the codes the screen shows and what each poll names. */
export type { PairingStart } from '../platform/resources/pairing';
/** What a pairing request asks for: a phone joined to the box, or the viewer logged in by the phone. */
export type { PairingScope } from '../platform/resources/pairing';
/**
 * One poll's answer as the pairing flow decides on it (the SDK's, without its error objects).
 * `loggedIn` (a login request): the platform client now holds the session's tokens. `reason`: why
 * the platform refused the card read on the phone (absent when the viewer declined).
 */
export type PairingAnswer =
  | { status: 'pending'; intervalSeconds: number }
  | { status: 'paired'; pairing: PhonePairing }
  | { status: 'loggedIn' }
  | { status: 'denied'; reason?: ProblemCode | undefined }
  | { status: 'expired' };
export interface PairingPollInput {
  clientId: string;
  deviceCode: string;
  intervalSeconds: number;
}

/** What the card bridge tells the session, already reduced to what it decides on. */
/**
 * `unsupported`: a card the bridge read and found not to be a My Number Card; `unreadable`: mute;
 * `checking`: a card just inserted, still being classified; `serviceUnavailable`: the box's reader
 * service (pcscd) is down or restarting.
 */
export type CardPresence =
  'serviceUnavailable' | 'noReader' | 'absent' | 'checking' | 'present' | 'unreadable' | 'unsupported';
/**
 * `BRIDGE_REFUSED`: the bridge is up but turns this app away (no token, or a wrong one).
 * `BRIDGE_UNSUPPORTED`: the bridge answers but serves no protocol this app speaks (a box whose
 * bridge is of another major protocol version): only the box's update helps.
 * `cardId`: the My Number Card's identity, when one is present (new at every insertion).
 */
export type BridgeWatchEvent =
  | { type: 'BRIDGE_DOWN' }
  | { type: 'BRIDGE_REFUSED' }
  | { type: 'BRIDGE_UNSUPPORTED' }
  | { type: 'CARD_STATUS'; presence: CardPresence; cardId?: string | undefined };

export type {
  AddressChange,
  Availability,
  Booking,
  BookingList,
  Checkup,
  CheckupList,
  FacilityList,
  LinkedService,
  MedicationList,
  Notice,
  NoticeAction,
  NoticeList,
  ProblemCode,
  Profile,
  Trend,
} from '../platform/types';
