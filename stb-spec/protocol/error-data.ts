/** The `error.data` schema of each error code that carries data. */
import { Type, type TSchema } from '@sinclair/typebox';
import type { BridgeErrorName, JsonRpcErrorName } from './errors';
import { CONFIRMATION_PATTERN } from './names';

export const ErrorData: Partial<Record<BridgeErrorName | JsonRpcErrorName, TSchema>> = {
  NOT_MY_NUMBER_CARD: Type.Object({ atr: Type.String({ pattern: '^([0-9A-F]{2})*$' }) }),
  PIN_INCORRECT: Type.Object({ triesLeft: Type.Integer({ minimum: 1 }) }),
  LAST_ATTEMPT_NEEDS_CONFIRMATION: Type.Object({
    triesLeft: Type.Literal(1),
    confirmation: Type.String({
      pattern: CONFIRMATION_PATTERN,
      description: 'one-time value for confirmLastAttempt: this connection and PIN reference, once, 120 s',
    }),
  }),
  CARD_ERROR: Type.Object({ sw: Type.Optional(Type.String({ pattern: '^[0-9A-F]{4}$' })) }),
  INVALID_REQUEST: Type.Object({ maxBytes: Type.Optional(Type.Integer()) }),
};
