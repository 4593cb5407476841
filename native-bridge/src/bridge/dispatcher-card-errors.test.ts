/**
 * Card errors as the app hears them (code, message, data) and the last-try confirmation, with the
 * card layer stubbed.
 */
import {
  CardBusyError,
  CardChangedError,
  CardDataError,
  CardRemovedError,
  CardStatusError,
  CardTimeoutError,
  LastAttemptNeedsConfirmationError,
  NoCardError,
  NotMyNumberCardError,
  PinIncorrectError,
  PinLockedError,
} from '../jpki/errors';
import { DIGEST, SIGNATURE, setUp, stubCards } from './testing/stub-dispatcher';

describe('card errors as the app hears them', () => {
  const failing = (error: Error) => stubCards({ pinStatus: jest.fn(async () => Promise.reject(error)) });
  const answer = async (error: Error) =>
    (await setUp(failing(error)).call('getPinStatus', { pin: 'auth' })).error;

  it('a wrong PIN with 2 tries left answers -32010 with triesLeft 2', async () => {
    expect(await answer(new PinIncorrectError(2))).toEqual({
      code: -32010,
      message: 'Wrong PIN',
      data: { triesLeft: 2 },
    });
  });

  it('a locked PIN answers -32011 without data', async () => {
    expect(await answer(new PinLockedError())).toEqual({ code: -32011, message: expect.any(String) });
  });

  it('not a My Number Card answers -32004 with the ATR, empty when unknown', async () => {
    expect((await answer(new NotMyNumberCardError('3B8F')))?.data).toEqual({ atr: '3B8F' });
    expect((await answer(new NotMyNumberCardError()))?.data).toEqual({ atr: '' });
  });

  it('an unexpected status word answers -32020 with the word', async () => {
    expect(await answer(new CardStatusError(0x6a82, 'select-file'))).toEqual({
      code: -32020,
      message: 'The card gave an unexpected answer or none',
      data: { sw: '6A82' },
    });
  });

  it('a time-out answers -32020 with timeout true, and the outcome of a VERIFY it cut off', async () => {
    const error = new CardTimeoutError(15000);
    expect((await answer(error))?.data).toEqual({ timeout: true });
    error.verifyOutcome = 'unknown';
    expect((await answer(error))?.data).toEqual({ timeout: true, verifyOutcome: 'unknown' });
  });

  it('a removal during VERIFY says the outcome is unknown; plain removal has no data', async () => {
    const removed = new CardRemovedError();
    expect(await answer(removed)).toEqual({ code: -32003, message: 'The card was removed during the call' });
    removed.verifyOutcome = 'unknown';
    expect((await answer(removed))?.data).toEqual({ verifyOutcome: 'unknown' });
  });

  it('the outcome is only told with CARD_REMOVED or CARD_ERROR', async () => {
    const locked = new PinLockedError();
    locked.verifyOutcome = 'unknown';
    expect((await answer(locked))?.data).toBeUndefined();
    const data = new CardDataError('bad');
    data.verifyOutcome = 'unknown';
    expect((await answer(data))?.data).toEqual({ verifyOutcome: 'unknown' });
  });

  it('BUSY says why', async () => {
    expect(await answer(new CardBusyError('stuck'))).toEqual({
      code: -32021,
      message: expect.any(String),
      data: { reason: 'stuck' },
    });
  });

  it('CARD_CHANGED names the card now in the reader, when there is one', async () => {
    expect((await answer(new CardChangedError('x'.repeat(22))))?.data).toEqual({ cardId: 'x'.repeat(22) });
    expect((await answer(new CardChangedError()))?.data).toBeUndefined();
    expect((await answer(new NoCardError()))?.code).toBe(-32002);
  });

  it('anything else is an internal error, logged at error level, without its message', async () => {
    const { call, lines } = setUp(failing(new Error('secret 1234')));
    expect((await call('getPinStatus', { pin: 'auth' }, 42)).error).toEqual({
      code: -32603,
      message: 'Internal error',
    });
    expect(lines.at(-1)).toEqual({
      level: 'error',
      event: 'call failed',
      fields: { method: 'getPinStatus', requestId: 42, code: -32603, ms: expect.any(Number), connection: 1 },
    });
    expect(JSON.stringify(lines)).not.toContain('1234');
  });
});

describe('the last try, on the viewer’s word only', () => {
  const lastTry = () => {
    const sign = jest.fn(
      async (_key: string, _pin: string, _digest: Uint8Array, options: { confirmLastAttempt?: boolean }) => {
        if (!options.confirmLastAttempt) throw new LastAttemptNeedsConfirmationError();
        return SIGNATURE;
      },
    );
    return setUp(stubCards({ sign }));
  };
  const SIGN = { key: 'auth', pin: '1234', hash: 'SHA-256', digest: DIGEST };

  it('one try left: refused with -32012, triesLeft 1 and a one-time value', async () => {
    const { call } = lastTry();
    const { error } = await call('sign', SIGN);
    expect(error).toEqual({
      code: -32012,
      message: 'One PIN try is left: the viewer must confirm before it is spent',
      data: { triesLeft: 1, confirmation: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
    });
  });

  it('the value it gave spends the try, once', async () => {
    const { call, cards } = lastTry();
    const confirmation = (await call('sign', SIGN)).error?.data?.confirmation;
    expect((await call('sign', { ...SIGN, confirmLastAttempt: confirmation })).result).toEqual({
      signature: 'AQID',
    });
    expect(cards.sign).toHaveBeenLastCalledWith(
      'auth',
      '1234',
      expect.anything(),
      { confirmLastAttempt: true },
      expect.anything(),
    );
    expect((await call('sign', { ...SIGN, confirmLastAttempt: confirmation })).error?.code).toBe(-32012);
  });

  it('true, another connection’s value or the other PIN’s value does not', async () => {
    const { call } = lastTry();
    const confirmation = (await call('sign', SIGN, 1, 1)).error?.data?.confirmation;
    expect((await call('sign', { ...SIGN, confirmLastAttempt: true })).error?.code).toBe(-32012);
    expect((await call('sign', { ...SIGN, confirmLastAttempt: confirmation }, 2, 2)).error?.code).toBe(
      -32012,
    );
    expect(
      (await call('sign', { ...SIGN, key: 'sign', pin: 'ABC123', confirmLastAttempt: confirmation })).error
        ?.code,
    ).toBe(-32012);
  });

  it('the signature password’s refusal is answered for readSignCertificate too', async () => {
    const readSignCertificate = jest.fn(async (_pin: string, options: { confirmLastAttempt?: boolean }) => {
      if (!options.confirmLastAttempt) throw new LastAttemptNeedsConfirmationError();
      return Uint8Array.of(0x30, 0x00);
    });
    const { call } = setUp(stubCards({ readSignCertificate }));
    const confirmation = (await call('readSignCertificate', { pin: 'ABC123' })).error?.data?.confirmation;
    expect(
      (await call('readSignCertificate', { pin: 'ABC123', confirmLastAttempt: confirmation })).result,
    ).toEqual({
      der: 'MAA=',
    });
  });

  it('a closed connection’s values die with it', async () => {
    const { call, dispatcher } = lastTry();
    const confirmation = (await call('sign', SIGN)).error?.data?.confirmation;
    dispatcher.closed(1);
    expect((await call('sign', { ...SIGN, confirmLastAttempt: confirmation })).error?.code).toBe(-32012);
  });
});
