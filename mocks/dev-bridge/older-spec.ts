/**
 * What a bridge of document version 1.x says, made from what the current bridge says, for the
 * version-skew tests (`npm run bridge -- --spec 1.x`). From the 1.0 text and its changelog
 * (stb-spec/spec.md Appendix C, row 2.0): no getInfo (Method not found, BR-RPC-3); no `cardId`
 * param, and an unknown param is Invalid params (BR-RPC-4); getStatus without `readerService` or
 * `cardId`, a card being classified MAY show as `present` but without `token` (1.0's BR-MTH-21);
 * no CARD_CHANGED or READER_SERVICE_UNAVAILABLE (a 1.x bridge whose PC/SC service is away has no
 * readers: NO_READER); BUSY and CARD_REMOVED without data, CARD_ERROR with `sw` only; a
 * notification only when what it shows changed (BR-EVT-3). The last-try confirmation value is 1.0's.
 */
import { BridgeErrorCode, JsonRpcErrorCode } from '../../stb-spec/protocol/errors';
import { errorMessage } from '../../stb-spec/protocol/error-messages';
import { STATUS_CHANGED, methodOf, qualifiedName } from '../../stb-spec/protocol/names';

export type Json = Record<string, unknown>;

/** Methods a 1.x bridge does not have. */
const NEWER_METHODS = new Set(['getInfo']);

/**
 * A client's request as a 1.x bridge takes it: the answer it gets at once (its method or a param is
 * newer than 1.x), or undefined to pass it on unchanged.
 */
export function refusedByOlder(request: Json): Json | undefined {
  if (request.id === undefined || typeof request.method !== 'string') return undefined;
  const method = methodOf(request.method);
  if (method === undefined) return undefined;
  const refuse = (name: 'METHOD_NOT_FOUND' | 'INVALID_PARAMS') => ({
    jsonrpc: '2.0',
    id: request.id,
    error: { code: JsonRpcErrorCode[name], message: errorMessage(name) },
  });
  if (NEWER_METHODS.has(method)) return refuse('METHOD_NOT_FOUND');
  const params = request.params;
  if (isRecord(params) && 'cardId' in params) return refuse('INVALID_PARAMS');
  return undefined;
}

/** A getStatus result (or statusChanged params) as 1.x has it. */
export function olderStatus(status: Json): Json {
  const readers = Array.isArray(status.readers) ? status.readers : [];
  const older: Json = {
    readers: readers.filter(isRecord).map(({ name, card }) => ({
      name,
      card: card === 'checking' ? 'present' : card,
    })),
  };
  if (status.token !== undefined) older.token = status.token;
  return older;
}

/** A bridge's error as 1.x has it. */
export function olderError(error: { code: number; message: string; data?: unknown }): Json {
  const { code, data } = error;
  if (code === BridgeErrorCode.READER_SERVICE_UNAVAILABLE) {
    return { code: BridgeErrorCode.NO_READER, message: errorMessage('NO_READER') };
  }
  if (code === BridgeErrorCode.BUSY || code === BridgeErrorCode.CARD_REMOVED) {
    return { code, message: error.message };
  }
  if (code === BridgeErrorCode.CARD_ERROR) {
    const sw = isRecord(data) ? data.sw : undefined;
    return sw === undefined
      ? { code, message: error.message }
      : { code, message: error.message, data: { sw } };
  }
  return error;
}

/**
 * One connection's view of the bridge's messages as 1.x sends them: `methodOf(id)` tells which
 * method a reply answers. Notifications that show nothing new to a 1.x client are dropped.
 */
export class OlderConnection {
  private readonly lastShown = new Map<string, string>();

  constructor(private readonly methodOfReply: (id: unknown) => string | undefined) {}

  fromBridge(message: Json): Json | undefined {
    if (typeof message.method === 'string' && message.method.endsWith(`.${STATUS_CHANGED}`)) {
      const params = isRecord(message.params) ? olderStatus(message.params) : message.params;
      const shown = JSON.stringify(params);
      if (this.lastShown.get(message.method) === shown) return undefined;
      this.lastShown.set(message.method, shown);
      return { ...message, params };
    }
    if (isRecord(message.error)) {
      return { ...message, error: olderError(message.error as { code: number; message: string }) };
    }
    const answered = this.methodOfReply(message.id);
    if (answered === qualifiedName('getStatus') && isRecord(message.result)) {
      return { ...message, result: olderStatus(message.result) };
    }
    return message;
  }
}

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
