import { CardStatusError, NotMyNumberCardError, PinIncorrectError, PinLockedError } from './errors';
import { describeStatus, errorForStatus, isOk, lengthOf, triesLeftOf } from './status-words';

describe('what a status word says about the PIN', () => {
  it.each([
    [0x63c3, 3],
    [0x63c2, 2],
    [0x63c1, 1],
    [0x63c0, 0],
    [0x63cf, 15],
  ])('%s reports %i tries left', (sw, tries) => {
    expect(triesLeftOf(sw)).toBe(tries);
  });

  it.each([0x9000, 0x6300, 0x63b2, 0x62c2, 0x6983, 0x6cc2])('%s carries no counter', (sw) => {
    expect(triesLeftOf(sw)).toBeUndefined();
  });

  it('a wrong PIN with 2 tries left answers PIN_INCORRECT, tries 2', () => {
    const error = errorForStatus(0x63c2, 'verify');
    expect(error).toBeInstanceOf(PinIncorrectError);
    expect((error as PinIncorrectError).triesLeft).toBe(2);
    expect(error.errorName).toBe('PIN_INCORRECT');
  });

  it('the status query (VERIFY without data) reads the counter the same way', () => {
    expect((errorForStatus(0x63c1, 'pin-status') as PinIncorrectError).triesLeft).toBe(1);
  });

  it('a counter outside PIN operations is an unexpected status, not a wrong PIN', () => {
    const error = errorForStatus(0x63c2, 'read-binary');
    expect(error).toBeInstanceOf(CardStatusError);
    expect((error as CardStatusError).swHex).toBe('63C2');
  });

  it.each([
    ['63C0 (no tries left)', 0x63c0, 'verify'],
    ['63C0 on a signature', 0x63c0, 'sign'],
    ['6983 (authentication method blocked)', 0x6983, 'verify'],
    ['6984 (reference data not usable)', 0x6984, 'pin-status'],
    ['6983 on a signature', 0x6983, 'sign'],
  ] as const)('%s maps to PIN_LOCKED', (_label, sw, operation) => {
    expect(errorForStatus(sw, operation)).toBeInstanceOf(PinLockedError);
  });
});

describe('what a status word says about the card', () => {
  it.each([0x6a82, 0x6a86, 0x6a81])(
    'selecting the JPKI AP answered %s: not a My Number Card, with the ATR',
    (sw) => {
      const error = errorForStatus(sw, 'select-application', '3B8F80');
      expect(error).toBeInstanceOf(NotMyNumberCardError);
      expect((error as NotMyNumberCardError).atr).toBe('3B8F80');
    },
  );

  it('a file not found inside the AP is a card error naming the status word and operation', () => {
    const error = errorForStatus(0x6a82, 'select-file');
    expect(error).toBeInstanceOf(CardStatusError);
    expect(error.message).toBe('select-file: unexpected status word 6A82');
  });

  it('any other failure of the AP select is a card error, not "not a My Number Card"', () => {
    expect(errorForStatus(0x6982, 'select-application')).toBeInstanceOf(CardStatusError);
    expect(errorForStatus(0x6b00, 'select-application')).toBeInstanceOf(CardStatusError);
  });

  it('only 9000 is success', () => {
    expect(isOk(0x9000)).toBe(true);
    expect(isOk(0x6282)).toBe(false);
    expect(isOk(0x9001)).toBe(false);
  });

  it('61xx / 6Cxx name a length; 00 means 256', () => {
    expect(lengthOf(0x6110)).toBe(16);
    expect(lengthOf(0x6cff)).toBe(255);
    expect(lengthOf(0x6100)).toBe(256);
    expect(lengthOf(0x6c00)).toBe(256);
  });
});

describe('status words in logs', () => {
  it.each([
    [0x9000, 'success'],
    [0x6282, 'end of file reached before Le bytes'],
    [0x6700, 'wrong length'],
    [0x6981, 'command incompatible with file structure'],
    [0x6982, 'security status not satisfied'],
    [0x6983, 'authentication method blocked'],
    [0x6984, 'reference data not usable (PIN locked)'],
    [0x6985, 'conditions of use not satisfied'],
    [0x6986, 'command not allowed (no current EF)'],
    [0x6a81, 'function not supported'],
    [0x6a82, 'file or application not found'],
    [0x6a86, 'incorrect parameters P1-P2'],
    [0x6a88, 'referenced data not found'],
    [0x6b00, 'offset outside the EF'],
    [0x6d00, 'instruction not supported'],
    [0x6e00, 'class not supported'],
    [0x63c2, 'verification failed, 2 tries left'],
    [0x6110, '16 bytes available'],
    [0x6100, '256 bytes available'],
    [0x6c20, 'wrong Le, exact length 32'],
    [0x6f00, 'unknown status word'],
  ])('%s reads "%s"', (sw, text) => {
    expect(describeStatus(sw)).toBe(text);
  });
});
