import * as cardErrors from './errors';

const { CardBusyError, CardChangedError, CardRemovedError, CardStatusError, CardTimeoutError } = cardErrors;
const { LastAttemptNeedsConfirmationError, NotMyNumberCardError, PinIncorrectError } = cardErrors;

type CardErrorClass = new (...args: readonly unknown[]) => cardErrors.CardError;
/** The class exported under `className`, so a row's name is checked against the module, not copied. */
const construct = (className: string, args: readonly unknown[]) =>
  new (cardErrors[className as keyof typeof cardErrors] as CardErrorClass)(...args);

describe('the card errors the bridge answers with', () => {
  // The class, the name on the wire, the message, and the arguments it was made with (none when absent).
  it.each([
    ['NoReaderError', 'NO_READER', 'No smart card reader is connected'],
    ['NoCardError', 'NO_CARD', 'No card in any reader'],
    ['NoCardError', 'NO_CARD', 'No card in reader "Virtual PCD 00 00"', 'Virtual PCD 00 00'],
    ['CardRemovedError', 'CARD_REMOVED', 'The card was removed during the operation'],
    [
      'NotMyNumberCardError',
      'NOT_MY_NUMBER_CARD',
      'The card has no JPKI application: it is not a My Number Card',
    ],
    ['PinIncorrectError', 'PIN_INCORRECT', 'Wrong PIN: 2 tries left', 2],
    ['PinLockedError', 'PIN_LOCKED', 'The PIN is locked; only the municipal office can unlock it'],
    [
      'LastAttemptNeedsConfirmationError',
      'LAST_ATTEMPT_NEEDS_CONFIRMATION',
      'One PIN try is left: the viewer must confirm before it is spent',
    ],
    ['PinFormatError', 'PIN_FORMAT', '4 digits', '4 digits'],
    ['CardDataError', 'CARD_ERROR', 'truncated', 'truncated'],
    ['CardTimeoutError', 'CARD_ERROR', 'The card did not finish the operation within 15000 ms', 15000],
    ['CardChangedError', 'CARD_CHANGED', 'The card in the reader is not the one the call names'],
    ['ReaderServiceUnavailableError', 'READER_SERVICE_UNAVAILABLE', 'The smart card service is not running'],
  ] as const)('%s answers %s', (className, errorName, message, ...args) => {
    const error = construct(className, args);
    expect(error.errorName).toBe(errorName);
    expect(error.name).toBe(className);
    expect(error.message).toBe(message);
    expect(error.verifyOutcome).toBeUndefined();
  });

  it('a wrong PIN carries its tries left; the last-try refusal always says one', () => {
    expect(new PinIncorrectError(1).triesLeft).toBe(1);
    expect(new LastAttemptNeedsConfirmationError().triesLeft).toBe(1);
  });

  it('a removal may say what it interrupted', () => {
    expect(new CardRemovedError('The card left during VERIFY').message).toBe('The card left during VERIFY');
  });

  it('a card that is not a My Number Card reports its ATR', () => {
    expect(new NotMyNumberCardError('3B8F80').atr).toBe('3B8F80');
  });

  it('an unexpected status word is shown as four upper-case hex digits', () => {
    const error = new CardStatusError(0x6a82, 'select-file');
    expect(error.errorName).toBe('CARD_ERROR');
    expect(error.swHex).toBe('6A82');
    expect(error.message).toBe('select-file: unexpected status word 6A82');
    expect(new CardStatusError(0x0100, 'sign').swHex).toBe('0100');
    expect(new CardStatusError(0x0100, 'sign').message).toBe('sign: unexpected status word 0100');
  });

  it.each([
    ['operation', 'Another card operation is running'],
    ['checking', 'The card is still being checked'],
    ['stuck', 'The reader has not returned a timed-out command yet'],
  ] as const)('BUSY (%s) says why', (reason, message) => {
    const error = new CardBusyError(reason);
    expect(error.errorName).toBe('BUSY');
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(message);
  });

  it('BUSY without a reason means another operation', () => {
    expect(new CardBusyError().reason).toBe('operation');
  });

  it('a time-out is marked as one; a changed card names the card now in the reader', () => {
    expect(new CardTimeoutError(1).timeout).toBe(true);
    expect(new CardChangedError('abc').currentCardId).toBe('abc');
  });
});
