/**
 * The protocol's names and limits without any schema code, so the browser app can import them
 * without TypeBox in its bundle. Schemas and static types are in methods.ts.
 */
export const CALLSIGN = 'MyNumberCard';
/** The method names' version (`MyNumberCard.1.*`): the 2.0 draft keeps them, outside checks call them. */
export const PROTOCOL_VERSION = 1;
/** The spec document's version, answered by getInfo. */
export const SPEC_VERSION = '2.0';
export const DEFAULT_PORT = 9930;
export const JSONRPC_PATH = '/jsonrpc';
/** Larger messages are refused with an error (the connection stays open). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/**
 * The one-time value of LAST_ATTEMPT_NEEDS_CONFIRMATION: base64url of 16–48 random bytes (≥ 128
 * bits), bound to the connection and the PIN reference it was given for, usable once, within this time.
 */
export const CONFIRMATION_PATTERN = '^[A-Za-z0-9_-]{22,64}$';
export const CONFIRMATION_LIFETIME_MS = 120_000;
/** A box passes the bridge's token to the app in the launch URL's fragment under this name. */
export const BRIDGE_TOKEN_FRAGMENT_KEY = 'bridgeToken';
/** The token's alphabet and length: base64url of 16–96 random bytes, never percent-encoded in use. */
export const BRIDGE_TOKEN_PATTERN = '^[A-Za-z0-9_-]{22,128}$';
/**
 * A card's identity: base64url of 16 random bytes, new at every insertion (and after the bridge
 * restarts), never derived from the card. Present in getStatus and events while the card is in.
 */
export const CARD_ID_PATTERN = '^[A-Za-z0-9_-]{22}$';

/** Bounds every bridge keeps (BR-TRN-9): beyond them it refuses or closes, and says so in getInfo. */
export const LIMITS = {
  /** The 17th open connection is refused with 503. */
  maxConnections: 16,
  /** A connection with more calls in flight, or more frames in one second, is closed with 1008. */
  maxPendingCalls: 16,
  maxMessagesPerSecond: 200,
  /** `register`ed ids per connection; more are refused with -32602. */
  maxRegistrations: 8,
  /** Bytes queued to a client that does not read; beyond, the connection is closed with 1008. */
  maxUnreadBytes: 1024 * 1024,
  maxMessageBytes: MAX_MESSAGE_BYTES,
} as const;

/**
 * A card operation not finished in this time ends with CARD_ERROR `{timeout: true}`. pcsc-lite
 * cannot cancel a blocked SCardTransmit, so the reader answers BUSY `{reason: 'stuck'}` until it
 * returns; then the bridge resets the card and classifies it again.
 */
export const CARD_OPERATION_TIMEOUT_MS = 15_000;
/**
 * A newly inserted card is classified ('checking') within this time.
 * @public
 */
export const CLASSIFICATION_TIMEOUT_MS = 5_000;

/**
 * A reader's stable name: its PC/SC name without pcsc-lite's plug-order field (the first of the two
 * trailing hex pairs, "XX YY" → "YY"), so re-plugging keeps the name. The box configuration names
 * its My Number reader(s) by stable name; every other reader is never connected to.
 */
export function stableReaderName(pcscName: string): string {
  const match = /^(.*) [0-9A-F]{2} ([0-9A-F]{2})$/.exec(pcscName);
  return match ? `${match[1]} ${match[2]}` : pcscName;
}

/** Notifications for `register`ed clients: method `<id>.statusChanged`, params = getStatus result. */
export const STATUS_CHANGED = 'statusChanged';

export const METHOD_NAMES = [
  'getInfo',
  'getStatus',
  'readCertificate',
  'readSignCertificate',
  'getPinStatus',
  'sign',
  'register',
  'unregister',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** `getStatus` → `MyNumberCard.1.getStatus`. */
export function qualifiedName(method: MethodName): string {
  return `${CALLSIGN}.${PROTOCOL_VERSION}.${method}`;
}

/** `MyNumberCard.1.getStatus` → `getStatus`; undefined for anything else. */
export function methodOf(qualified: string): MethodName | undefined {
  const prefix = `${CALLSIGN}.${PROTOCOL_VERSION}.`;
  if (!qualified.startsWith(prefix)) return undefined;
  const name = qualified.slice(prefix.length);
  return (METHOD_NAMES as readonly string[]).includes(name) ? (name as MethodName) : undefined;
}
