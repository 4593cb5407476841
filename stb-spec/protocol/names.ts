/**
 * The protocol's names and limits without any schema code, so the browser app can import them
 * without TypeBox in its bundle. Schemas and static types are in methods.ts.
 */
export const CALLSIGN = 'MyNumberCard';
export const PROTOCOL_VERSION = 1;
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

/** Notifications for `register`ed clients: method `<id>.statusChanged`, params = getStatus result. */
export const STATUS_CHANGED = 'statusChanged';

export const METHOD_NAMES = [
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
