/**
 * Bridge failures as typed values. `kind` is the protocol's error name (shared/design/bridge-protocol.md)
 * or one of the client's own: BRIDGE_UNAVAILABLE (no connection), TIMEOUT, PROTOCOL_ERROR (a JSON-RPC
 * -326xx error or a reply the client cannot read). Nothing sensitive rides along: never the PIN, and
 * never the bridge's `error.message` text either (a third-party bridge might echo the params in it).
 */
import { BridgeErrorCode, type BridgeErrorName } from '../../stb-spec/protocol/errors';
import { CONFIRMATION_PATTERN } from '../../stb-spec/protocol/names';

type ClientErrorName = 'BRIDGE_UNAVAILABLE' | 'TIMEOUT' | 'PROTOCOL_ERROR';
export type BridgeErrorKind = BridgeErrorName | ClientErrorName;

/** Why no connection was there to carry the call. */
export type UnavailableReason = 'not-connected' | 'connection-lost' | 'closed';

/** What each kind carries besides `kind`, `method` and `code`. */
interface BridgeErrorDetailsMap {
  NOT_MY_NUMBER_CARD: { atr: string };
  /** `verifyOutcome: 'unknown'`: it failed during a VERIFY, so the try may or may not be spent. */
  CARD_REMOVED: { verifyOutcome?: 'unknown' };
  /** `cardId`: the card now in the reader, if any. */
  CARD_CHANGED: { cardId?: string };
  PIN_INCORRECT: { triesLeft: number };
  /** `confirmation`: the one-time value that alone spends the last try (this connection, this PIN). */
  LAST_ATTEMPT_NEEDS_CONFIRMATION: { triesLeft: 1; confirmation: string };
  CARD_ERROR: { sw?: string; timeout?: true; verifyOutcome?: 'unknown' };
  BUSY: { reason?: 'operation' | 'checking' | 'stuck' };
  BRIDGE_UNAVAILABLE: { reason: UnavailableReason };
  TIMEOUT: { timeoutMs: number };
}
export type BridgeErrorDetails<K extends BridgeErrorKind> = K extends keyof BridgeErrorDetailsMap
  ? BridgeErrorDetailsMap[K]
  : Record<string, never>;

export class BridgeError<K extends BridgeErrorKind = BridgeErrorKind> extends Error {
  override readonly name = 'BridgeError';

  constructor(
    readonly kind: K,
    readonly details: BridgeErrorDetails<K>,
    /** The unqualified method (e.g. `sign`) or extension method the call was for. */
    readonly method?: string,
    /** The JSON-RPC `error.code`, when the bridge answered with one. */
    readonly code?: number,
  ) {
    super(describe(kind, details as Record<string, unknown>, method));
  }
}

/** Every error kind as its own type, so `switch (error.kind)` narrows `error.details`. */
export type AnyBridgeError = { [K in BridgeErrorKind]: BridgeError<K> }[BridgeErrorKind];

/** `isBridgeError(e, 'PIN_INCORRECT') && e.details.triesLeft`; without a kind, any bridge error. */
export function isBridgeError(error: unknown): error is AnyBridgeError;
export function isBridgeError<K extends BridgeErrorKind>(error: unknown, kind: K): error is BridgeError<K>;
export function isBridgeError(error: unknown, kind?: BridgeErrorKind): boolean {
  return error instanceof BridgeError && (kind === undefined || error.kind === kind);
}

export function unavailable(reason: UnavailableReason, method?: string): BridgeError<'BRIDGE_UNAVAILABLE'> {
  return new BridgeError('BRIDGE_UNAVAILABLE', { reason }, method);
}

export function timedOut(timeoutMs: number, method?: string): BridgeError<'TIMEOUT'> {
  return new BridgeError('TIMEOUT', { timeoutMs }, method);
}

export function protocolError(method?: string, code?: number): BridgeError<'PROTOCOL_ERROR'> {
  return new BridgeError('PROTOCOL_ERROR', {}, method, code);
}

const NAME_BY_CODE = new Map<number, BridgeErrorName>(
  (Object.keys(BridgeErrorCode) as BridgeErrorName[]).map((name) => [BridgeErrorCode[name], name]),
);

/**
 * Maps a JSON-RPC error object to a typed error. Protocol codes whose `data` lacks what the
 * protocol promises (e.g. PIN_INCORRECT without triesLeft) become PROTOCOL_ERROR: a flow must be
 * able to rely on the details, and a bridge that breaks the contract is a protocol problem.
 */
export function fromRpcError(error: { code: number; data?: unknown }, method?: string): AnyBridgeError {
  const { code, data } = error;
  const name = NAME_BY_CODE.get(code);
  const fields = isRecord(data) ? data : {};
  const make = <K extends BridgeErrorName>(kind: K, details: BridgeErrorDetails<K>) =>
    new BridgeError(kind, details, method, code) as AnyBridgeError;
  switch (name) {
    case undefined:
      return protocolError(method, code);
    case 'PIN_INCORRECT':
      return isCount(fields.triesLeft)
        ? make(name, { triesLeft: fields.triesLeft })
        : protocolError(method, code);
    case 'LAST_ATTEMPT_NEEDS_CONFIRMATION':
      return typeof fields.confirmation === 'string' && CONFIRMATION.test(fields.confirmation)
        ? make(name, { triesLeft: 1, confirmation: fields.confirmation })
        : protocolError(method, code);
    case 'NOT_MY_NUMBER_CARD':
      return typeof fields.atr === 'string' ? make(name, { atr: fields.atr }) : protocolError(method, code);
    case 'CARD_ERROR':
      return make(name, {
        ...(typeof fields.sw === 'string' ? { sw: fields.sw } : {}),
        ...(fields.timeout === true ? { timeout: true as const } : {}),
        ...unknownVerify(fields),
      });
    case 'CARD_REMOVED':
      return make(name, unknownVerify(fields));
    case 'CARD_CHANGED':
      return make(name, typeof fields.cardId === 'string' ? { cardId: fields.cardId } : {});
    case 'BUSY':
      return make(
        name,
        BUSY_REASONS.has(fields.reason as string) ? { reason: fields.reason as 'operation' } : {},
      );
    default:
      return make(name, {});
  }
}

/** Details left out of the message: the one-time confirmation value is for the flow, not for logs. */
const UNSHOWN = new Set(['confirmation']);

function describe(kind: BridgeErrorKind, details: Record<string, unknown>, method?: string): string {
  const shown = Object.entries(details)
    .filter(([key]) => !UNSHOWN.has(key))
    .map(([key, value]) => `${key}=${String(value)}`);
  return `${kind}${method ? ` in ${method}` : ''}${shown.length ? ` (${shown.join(', ')})` : ''}`;
}

const BUSY_REASONS = new Set(['operation', 'checking', 'stuck']);
const unknownVerify = (fields: Record<string, unknown>) =>
  fields.verifyOutcome === 'unknown' ? { verifyOutcome: 'unknown' as const } : {};

const CONFIRMATION = new RegExp(CONFIRMATION_PATTERN);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
