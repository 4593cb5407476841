/** JSON-RPC error codes of the bridge protocol, with their data and what a viewer should be told. */
import { Type, type TSchema } from '@sinclair/typebox';

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
  PIN_INCORRECT: -32010,
  PIN_LOCKED: -32011,
  LAST_ATTEMPT_NEEDS_CONFIRMATION: -32012,
  PIN_FORMAT: -32013,
  CARD_ERROR: -32020,
  BUSY: -32021,
} as const;

export type BridgeErrorName = keyof typeof BridgeErrorCode;
export type JsonRpcErrorName = keyof typeof JsonRpcErrorCode;

/** The `error.data` each code carries (absent where the table has none). */
export const ErrorData: Partial<Record<BridgeErrorName | JsonRpcErrorName, TSchema>> = {
  NOT_MY_NUMBER_CARD: Type.Object({ atr: Type.String({ pattern: '^[0-9A-F]*$' }) }),
  PIN_INCORRECT: Type.Object({ triesLeft: Type.Integer({ minimum: 1 }) }),
  LAST_ATTEMPT_NEEDS_CONFIRMATION: Type.Object({ triesLeft: Type.Literal(1) }),
  CARD_ERROR: Type.Object({ sw: Type.Optional(Type.String({ pattern: '^[0-9A-F]{4}$' })) }),
  INVALID_REQUEST: Type.Object({ maxBytes: Type.Optional(Type.Integer()) }),
};

export function errorNameOf(code: number): BridgeErrorName | JsonRpcErrorName | undefined {
  const all = { ...BridgeErrorCode, ...JsonRpcErrorCode } as Record<string, number>;
  return Object.keys(all).find((name) => all[name] === code) as
    BridgeErrorName | JsonRpcErrorName | undefined;
}
