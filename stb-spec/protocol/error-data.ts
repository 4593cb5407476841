/** The `error.data` schema of each error code that carries data: closed, so a bridge adds nothing. */
import { Type, type TSchema } from '@sinclair/typebox';
import type { BridgeErrorName, JsonRpcErrorName } from './errors';
import { CARD_ID_PATTERN, CONFIRMATION_PATTERN } from './names';

const closed = { additionalProperties: false } as const;

/**
 * After a failed VERIFY exchange (the reader or the card went away mid-command) nobody knows whether
 * the card counted the try: the client reads getPinStatus before offering another.
 */
const verifyOutcome = Type.Optional(
  Type.Literal('unknown', {
    description: 'present when the failure hit a VERIFY: the try may have been spent',
  }),
);

export const ErrorData: Partial<Record<BridgeErrorName | JsonRpcErrorName, TSchema>> = {
  NOT_MY_NUMBER_CARD: Type.Object({ atr: Type.String({ pattern: '^([0-9A-F]{2})*$' }) }, closed),
  CARD_REMOVED: Type.Object({ verifyOutcome }, closed),
  CARD_CHANGED: Type.Object(
    {
      cardId: Type.Optional(
        Type.String({ pattern: CARD_ID_PATTERN, description: 'the identity of the card now in the reader' }),
      ),
    },
    closed,
  ),
  PIN_INCORRECT: Type.Object({ triesLeft: Type.Integer({ minimum: 1 }) }, closed),
  LAST_ATTEMPT_NEEDS_CONFIRMATION: Type.Object(
    {
      triesLeft: Type.Literal(1),
      confirmation: Type.String({
        pattern: CONFIRMATION_PATTERN,
        description: 'one-time value for confirmLastAttempt: this connection and PIN reference, once, 120 s',
      }),
    },
    closed,
  ),
  CARD_ERROR: Type.Object(
    {
      sw: Type.Optional(Type.String({ pattern: '^[0-9A-F]{4}$' })),
      timeout: Type.Optional(Type.Literal(true, { description: 'the card did not answer within 15 s' })),
      verifyOutcome,
    },
    closed,
  ),
  BUSY: Type.Object(
    {
      reason: Type.Optional(
        Type.Union([Type.Literal('operation'), Type.Literal('checking'), Type.Literal('stuck')], {
          description:
            'operation: another card operation runs; checking: the card is being classified; stuck: a timed-out command has not returned',
        }),
      ),
    },
    closed,
  ),
  INVALID_REQUEST: Type.Object({ maxBytes: Type.Optional(Type.Integer()) }, closed),
};
