/**
 * JSON-RPC error codes of the bridge protocol (no schema code: the app imports this). Data schemas:
 * error-data.ts; what each error says: error-messages.ts.
 */
export const JsonRpcErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
} as const;

export const BridgeErrorCode = {
  NO_READER: -32001,
  NO_CARD: -32002,
  CARD_REMOVED: -32003,
  NOT_MY_NUMBER_CARD: -32004,
  CARD_CHANGED: -32005,
  READER_SERVICE_UNAVAILABLE: -32006,
  PIN_INCORRECT: -32010,
  PIN_LOCKED: -32011,
  LAST_ATTEMPT_NEEDS_CONFIRMATION: -32012,
  PIN_FORMAT: -32013,
  CARD_ERROR: -32020,
  BUSY: -32021,
} as const;

export type BridgeErrorName = keyof typeof BridgeErrorCode;
export type JsonRpcErrorName = keyof typeof JsonRpcErrorCode;

export function errorNameOf(code: number): BridgeErrorName | JsonRpcErrorName | undefined {
  const all = { ...BridgeErrorCode, ...JsonRpcErrorCode } as Record<string, number>;
  return Object.keys(all).find((name) => all[name] === code) as
    BridgeErrorName | JsonRpcErrorName | undefined;
}
