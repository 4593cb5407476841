/**
 * Which bridge the app is talking to (spec §8.8, §14). Bridges reach boxes by slow firmware while
 * the app updates at once, so an older bridge is normal: the handshake asks `getInfo`, and a bridge
 * that answers Method not found is one of document version 1.x (BR-VER-6). Such a bridge serves
 * protocol 1 without card identity: it refuses params it does not know (`cardId`, BR-RPC-4), sends
 * no `readerService`, and has no `checking` card. The app serves it as far as it safely can.
 */
import { JsonRpcErrorCode } from '../../stb-spec/protocol/errors';
import type { ResultOf, Status } from '../../stb-spec/protocol/methods';
import { isBridgeError } from './errors';
import { isStatus } from './incoming';

export interface BridgeVersion {
  /** The document version from getInfo, or `1.x` for a bridge without getInfo. */
  specVersion: string;
  /** The bridge checks `cardId` (BR-MTH-71): only then does the client send one. */
  cardIdentity: boolean;
}

/** A bridge of document version 1.x: protocol 1, no getInfo, no card identity. */
export const OLDER_BRIDGE: BridgeVersion = { specVersion: '1.x', cardIdentity: false };

/**
 * The version getInfo describes, or undefined when it names a protocol this app does not speak.
 * A higher document version on protocol 1 is served: protocol 1 only grows by addition (BR-VER-2).
 */
export function versionOf(info: ResultOf<'getInfo'>): BridgeVersion | undefined {
  if (info.protocolVersion !== 1) return undefined;
  return {
    specVersion: info.specVersion,
    cardIdentity: (info.capabilities as readonly string[]).includes('cardId'),
  };
}

/** getInfo or register answered Method not found: the method, or protocol 1, is not served. */
export const isMethodNotFound = (error: unknown): boolean =>
  isBridgeError(error) && error.code === JsonRpcErrorCode.METHOD_NOT_FOUND;

/**
 * A status as this bridge sends it, read into the current shape. A 1.x bridge has no reader service
 * state (its readers simply go away with the service), so it counts as running; and it may show a
 * card it is still classifying as `present`, but without `token` (1.0's BR-MTH-21): that card is
 * `checking`, as a current bridge says. Undefined for a status the client cannot read.
 */
export function readStatus(value: unknown, version: BridgeVersion): Status | undefined {
  if (isStatus(value)) return version.cardIdentity ? value : classifying(value);
  if (version.cardIdentity || typeof value !== 'object' || value === null) return undefined;
  if ('readerService' in value) return undefined;
  const filled: unknown = { ...value, readerService: 'running' };
  return isStatus(filled) ? classifying(filled) : undefined;
}

/** 1.x: `present` without `token` is a card still being classified. */
function classifying(status: Status): Status {
  if (status.token !== undefined) return status;
  const readers = status.readers.map((reader) =>
    reader.card === 'present' ? { ...reader, card: 'checking' as const } : reader,
  );
  return { ...status, readers };
}
