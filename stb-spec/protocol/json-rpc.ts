/** JSON-RPC 2.0 envelopes as used on the bridge's WebSocket (one message per frame, no batches). */
import { Type, type Static } from '@sinclair/typebox';

export const RequestId = Type.Union([Type.Integer(), Type.String({ maxLength: 128 })]);

export const Request = Type.Object(
  {
    jsonrpc: Type.Literal('2.0'),
    id: Type.Optional(RequestId),
    method: Type.String({ minLength: 1, maxLength: 256 }),
    params: Type.Optional(Type.Union([Type.Object({}), Type.Array(Type.Unknown())])),
  },
  { additionalProperties: false },
);
export type Request = Static<typeof Request>;

/**
 * A name the spec gives, for vendors' code; nothing here imports it.
 * @public
 */
export const ErrorObject = Type.Object(
  { code: Type.Integer(), message: Type.String(), data: Type.Optional(Type.Unknown()) },
  { additionalProperties: false },
);

export const SuccessResponse = Type.Object(
  { jsonrpc: Type.Literal('2.0'), id: RequestId, result: Type.Unknown() },
  { additionalProperties: false },
);

export const ErrorResponse = Type.Object(
  { jsonrpc: Type.Literal('2.0'), id: Type.Union([RequestId, Type.Null()]), error: ErrorObject },
  { additionalProperties: false },
);

export const Notification = Type.Object(
  {
    jsonrpc: Type.Literal('2.0'),
    method: Type.String({ pattern: '^.+\\.statusChanged$' }),
    params: Type.Unknown(),
  },
  { additionalProperties: false },
);

export type SuccessResponse = Static<typeof SuccessResponse>;
export type ErrorResponse = Static<typeof ErrorResponse>;
export type Notification = Static<typeof Notification>;
