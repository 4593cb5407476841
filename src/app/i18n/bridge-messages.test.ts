/**
 * What the app tells the viewer about a bridge error is what the spec's error table says it tells
 * (stb-spec/protocol/error-messages.ts, checked against spec.md): the same words, since the spec
 * quotes the reference app. The app's text is found the way the app finds it (the bridge client
 * reads the error object, the flows map it to a message), so a remapped error or an edited
 * message fails here until the spec says so too.
 */
import { BridgeErrorCode, JsonRpcErrorCode } from '../../../stb-spec/protocol/errors';
import { ERROR_MESSAGES, type ErrorName } from '../../../stb-spec/protocol/error-messages';
import { fromRpcError } from '../../card/errors';
import { toFlowError } from '../../machines/errors';
import { messageFor } from '../../machines/messages';

const CODES: Record<ErrorName, number> = { ...JsonRpcErrorCode, ...BridgeErrorCode };
/** What the errors that must carry data carry, as a bridge sends it. */
const DATA: Partial<Record<ErrorName, Record<string, unknown>>> = {
  PIN_INCORRECT: { triesLeft: 2 },
  LAST_ATTEMPT_NEEDS_CONFIRMATION: {
    triesLeft: 1,
    confirmation: 'cMG9Bl3_NWOm_-yPoTaCuH9nT5rFLg9XKb0cupLLHic',
  },
  NOT_MY_NUMBER_CARD: { atr: '3B8F80' },
  BUSY: { reason: 'operation' },
};

/** The errors the viewer hears about (a correct app never causes the malformed-request ones). */
const told = (Object.keys(ERROR_MESSAGES) as ErrorName[]).filter((name) => ERROR_MESSAGES[name].viewer);

describe('the app’s words for bridge errors', () => {
  it('covers every bridge error and the bridge’s own failure', () => {
    expect([...told].sort()).toEqual([...Object.keys(BridgeErrorCode), 'INTERNAL_ERROR'].sort());
  });

  it.each(told)('%s reads as the spec says', (name) => {
    const error = fromRpcError({ code: CODES[name], data: DATA[name] });
    expect(messageFor(toFlowError(error).messageKey)).toEqual(ERROR_MESSAGES[name].viewer);
  });
});
