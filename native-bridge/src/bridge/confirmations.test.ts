import { CONFIRMATION_LIFETIME_MS, CONFIRMATION_PATTERN } from '../../../stb-spec/protocol/names';
import { Confirmations, pinReferenceOfKey } from './confirmations';

const at = (start = 1_000) => {
  const clock = { now: start };
  return { clock, confirmations: new Confirmations(() => clock.now) };
};

describe('the one-time value that spends a last try', () => {
  it('looks like the protocol says, and is new each time', () => {
    const { confirmations } = at();
    const first = confirmations.issue(1, 'auth');
    expect(first).toMatch(new RegExp(CONFIRMATION_PATTERN));
    expect(confirmations.issue(1, 'auth')).not.toBe(first);
  });

  it('confirms once, for the same connection and PIN', () => {
    const { confirmations } = at();
    const value = confirmations.issue(1, 'auth');
    expect(confirmations.consume(2, 'auth', value)).toBe(false);
    expect(confirmations.consume(1, 'sign', value)).toBe(false);
    expect(confirmations.consume(1, 'auth', value)).toBe(true);
    expect(confirmations.consume(1, 'auth', value)).toBe(false);
    expect(confirmations.size).toBe(0);
  });

  it('true, nothing, or a wrong value of the same length do not confirm and keep the issued one', () => {
    const { confirmations } = at();
    const value = confirmations.issue(1, 'sign');
    expect(confirmations.consume(1, 'sign', true)).toBe(false);
    expect(confirmations.consume(1, 'sign', undefined)).toBe(false);
    expect(confirmations.consume(1, 'sign', 'A'.repeat(value.length))).toBe(false);
    expect(confirmations.consume(1, 'sign', value.slice(1))).toBe(false);
    expect(confirmations.consume(1, 'sign', `${value}A`)).toBe(false);
    expect(confirmations.consume(1, 'sign', value)).toBe(true);
  });

  it('a new value for the same connection and PIN replaces the earlier one', () => {
    const { confirmations } = at();
    const old = confirmations.issue(1, 'auth');
    const fresh = confirmations.issue(1, 'auth');
    expect(confirmations.size).toBe(1);
    expect(confirmations.consume(1, 'auth', old)).toBe(false);
    expect(confirmations.consume(1, 'auth', fresh)).toBe(true);
  });

  it('works until its lifetime ends, not at the end', () => {
    const { clock, confirmations } = at();
    const value = confirmations.issue(1, 'auth');
    clock.now += CONFIRMATION_LIFETIME_MS - 1;
    expect(confirmations.consume(1, 'auth', value)).toBe(true);
    const late = confirmations.issue(1, 'auth');
    clock.now += CONFIRMATION_LIFETIME_MS;
    expect(confirmations.consume(1, 'auth', late)).toBe(false);
    expect(confirmations.size).toBe(0);
  });

  it('a closed connection’s values go, the others’ stay', () => {
    const { confirmations } = at();
    confirmations.issue(1, 'auth');
    confirmations.issue(1, 'sign');
    const other = confirmations.issue(2, 'auth');
    confirmations.forget(1);
    expect(confirmations.size).toBe(1);
    expect(confirmations.consume(2, 'auth', other)).toBe(true);
  });

  it('the sign key and its certificate share the signature password', () => {
    expect(pinReferenceOfKey('auth')).toBe('auth');
    expect(pinReferenceOfKey('sign')).toBe('sign');
  });
});
