/**
 * Every frame the bridge sends is checked here against the protocol schemas of stb-spec/protocol/
 * (the same ones the spec's JSON Schema files are generated from): envelopes, each method's result,
 * notification params, error codes and their data. A problem is a conformance failure of whatever
 * case was running when the frame arrived.
 */
import {
  ErrorData,
  ErrorResponse,
  Notification,
  Status,
  SuccessResponse,
  checkAgainst,
  checkResult,
  errorNameOf,
  type MethodName,
} from '../protocol';

export type Id = string | number | null;

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export type Incoming =
  | { kind: 'result'; id: Id; result: unknown; raw: Record<string, unknown> }
  | { kind: 'error'; id: Id; error: RpcErrorObject; raw: Record<string, unknown> }
  | { kind: 'notification'; method: string; params: unknown; raw: Record<string, unknown> }
  | { kind: 'garbage'; text: string };

export interface Checked {
  message: Incoming;
  problems: string[];
}

/** Errors whose data the spec requires (BR-ERR-2); others may carry data only where ErrorData names it. */
const DATA_REQUIRED = new Set([
  'NOT_MY_NUMBER_CARD',
  'PIN_INCORRECT',
  'LAST_ATTEMPT_NEEDS_CONFIRMATION',
  'BUSY',
]);

/**
 * Parses and checks one text frame. `methodOf(id)` names the protocol method the kit called with that
 * id (undefined for raw frames and extensions), so a result can be checked against its schema.
 */
export function checkIncoming(text: string, methodOf: (id: Id) => MethodName | undefined): Checked {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: { kind: 'garbage', text }, problems: ['the bridge sent a frame that is not JSON'] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { message: { kind: 'garbage', text }, problems: ['the bridge sent JSON that is not an object'] };
  }
  const raw = parsed as Record<string, unknown>;
  if ('method' in raw) return checkNotification(raw);
  if ('error' in raw) return checkError(raw);
  if ('result' in raw) return checkSuccess(raw, methodOf);
  return {
    message: { kind: 'garbage', text },
    problems: ['the bridge sent an object that is neither a response nor a notification'],
  };
}

function checkNotification(raw: Record<string, unknown>): Checked {
  const problems: string[] = [];
  const envelope = checkAgainst(Notification, raw);
  if (envelope) problems.push(`notification: ${envelope} (Notification schema)`);
  const params = checkAgainst(Status, raw.params);
  if (params) problems.push(`notification params: ${params} (Status schema)`);
  return {
    message: { kind: 'notification', method: String(raw.method), params: raw.params, raw },
    problems,
  };
}

function checkSuccess(raw: Record<string, unknown>, methodOf: (id: Id) => MethodName | undefined): Checked {
  const problems: string[] = [];
  const envelope = checkAgainst(SuccessResponse, raw);
  if (envelope) problems.push(`response: ${envelope} (SuccessResponse schema)`);
  const id = idOf(raw);
  const method = methodOf(id);
  if (method) {
    const result = checkResult(method, raw.result);
    if (result) problems.push(`${method} result: ${result} (${method}.result schema)`);
  }
  return { message: { kind: 'result', id, result: raw.result, raw }, problems };
}

function checkError(raw: Record<string, unknown>): Checked {
  const problems: string[] = [];
  const envelope = checkAgainst(ErrorResponse, raw);
  if (envelope) problems.push(`error response: ${envelope} (ErrorResponse schema)`);
  const error = (typeof raw.error === 'object' && raw.error !== null ? raw.error : {}) as RpcErrorObject;
  if (typeof error.code === 'number') problems.push(...checkErrorData(error));
  return { message: { kind: 'error', id: idOf(raw), error, raw }, problems };
}

/**
 * The code must be one of the protocol's, and its data must match error-data/<NAME>, whose schemas
 * are closed (BR-ERR-1/2/3).
 */
function checkErrorData(error: RpcErrorObject): string[] {
  const name = errorNameOf(error.code);
  if (!name) return [`error code ${error.code} is not a code of the protocol (BR-ERR-1)`];
  const schema = ErrorData[name];
  if (!schema) {
    return error.data === undefined ? [] : [`${name} (${error.code}) must not carry data (BR-ERR-2)`];
  }
  if (error.data === undefined) {
    return DATA_REQUIRED.has(name) ? [`${name} (${error.code}) must carry data (BR-ERR-2)`] : [];
  }
  const problem = checkAgainst(schema, error.data);
  if (problem) return [`${name} data: ${problem} (error-data/${name} schema)`];
  // The schema keeps reason optional for 1.x bridges; the 2.0 draft requires it (BR-ERR-2).
  if (name === 'BUSY' && (error.data as { reason?: unknown }).reason === undefined)
    return [`BUSY (${error.code}) must carry {reason} (BR-ERR-2)`];
  return [];
}

function idOf(raw: Record<string, unknown>): Id {
  const id = raw.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
