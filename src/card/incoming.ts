/**
 * Reading what the bridge sends, by hand rather than with the protocol's ajv validators (which stay
 * out of the app bundle): the JSON-RPC envelope, and the few fields of each result the client relies
 * on. Anything else is classified as malformed; nothing here throws.
 */
import type { MethodName, ResultOf, Status } from '../../stb-spec/protocol/methods';

export type ResponseId = number | string;

export type Incoming =
  | { kind: 'result'; id: ResponseId; result: unknown }
  | { kind: 'error'; id: ResponseId | null; error: { code: number; data?: unknown } }
  | { kind: 'notification'; method: string; params: unknown }
  /** `id` when the frame still says which call it answers. */
  | { kind: 'malformed'; id?: ResponseId };

export function classify(frame: unknown): Incoming {
  if (typeof frame !== 'string') return { kind: 'malformed' };
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    return { kind: 'malformed' };
  }
  if (!isRecord(message) || message.jsonrpc !== '2.0') return { kind: 'malformed' };
  const id = isId(message.id) ? message.id : undefined;
  const hasResult = 'result' in message;
  const hasError = 'error' in message;
  if (typeof message.method === 'string' && message.id === undefined && !hasResult && !hasError) {
    return { kind: 'notification', method: message.method, params: message.params };
  }
  if (hasResult === hasError || (id === undefined && message.id !== null)) return { kind: 'malformed', id };
  if (hasResult)
    return id === undefined ? { kind: 'malformed' } : { kind: 'result', id, result: message.result };
  const error = message.error;
  if (!isRecord(error) || !Number.isInteger(error.code) || typeof error.message !== 'string') {
    return { kind: 'malformed', id };
  }
  return { kind: 'error', id: id ?? null, error: { code: error.code as number, data: error.data } };
}

/** Shape checks of each method's result: what the client reads must be there and of the right type. */
export const resultGuards: { [M in MethodName]: (result: unknown) => result is ResultOf<M> } = {
  // Only the shape the client relies on: a later draft may add capabilities or limits.
  getInfo: (result): result is ResultOf<'getInfo'> =>
    isRecord(result) &&
    isString(result.specVersion) &&
    Array.isArray(result.capabilities) &&
    isRecord(result.limits),
  getStatus: isStatus,
  readCertificate: (result): result is ResultOf<'readCertificate'> =>
    isRecord(result) && isString(result.der),
  readSignCertificate: (result): result is ResultOf<'readSignCertificate'> =>
    isRecord(result) && isString(result.der),
  getPinStatus: (result): result is ResultOf<'getPinStatus'> =>
    isRecord(result) &&
    isCount(result.triesLeft) &&
    isCount(result.maxTries) &&
    typeof result.locked === 'boolean',
  sign: (result): result is ResultOf<'sign'> => isRecord(result) && isString(result.signature),
  register: (result): result is 0 => result === 0,
  unregister: (result): result is 0 => result === 0,
};

const CARD_STATES = new Set(['absent', 'checking', 'present', 'unsupported', 'mute']);
const READER_SERVICE = new Set(['running', 'unavailable']);
const isOptionalString = (value: unknown) => value === undefined || isString(value);

export function isStatus(value: unknown): value is Status {
  if (!isRecord(value) || !Array.isArray(value.readers)) return false;
  if (!READER_SERVICE.has(value.readerService as string)) return false;
  if (value.token !== undefined && value.token !== 'JPKIAPICCTOKEN2') return false;
  if (!isOptionalString(value.cardId)) return false;
  return value.readers.every(
    (reader) =>
      isRecord(reader) &&
      isString(reader.name) &&
      CARD_STATES.has(reader.card as string) &&
      isOptionalString(reader.cardId),
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isId = (value: unknown): value is ResponseId =>
  (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
