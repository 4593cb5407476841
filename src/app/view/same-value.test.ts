import { sameValue } from './same-value';

describe('sameValue', () => {
  it('compares plain data field by field', () => {
    expect(
      sameValue({ digits: 1, actions: [{ labelKey: 'a' }] }, { digits: 1, actions: [{ labelKey: 'a' }] }),
    ).toBe(true);
    expect(sameValue({ digits: 1 }, { digits: 2 })).toBe(false);
    expect(sameValue({ actions: [1, 2] }, { actions: [1] })).toBe(false);
    expect(sameValue({ actions: [1] }, { actions: { 0: 1 } })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue({ a: null }, { a: undefined })).toBe(false);
  });

  it('takes a field set to undefined as one left out', () => {
    expect(sameValue({ digits: 1, error: undefined }, { digits: 1 })).toBe(true);
    expect(sameValue({ digits: 1 }, { digits: 1, error: undefined })).toBe(true);
    expect(sameValue({ digits: 1 }, { digits: 1, error: { key: 'pinIncorrect' } })).toBe(false);
  });

  it('compares dates by their time', () => {
    expect(sameValue({ at: new Date(5) }, { at: new Date(5) })).toBe(true);
    expect(sameValue({ at: new Date(5) }, { at: new Date(6) })).toBe(false);
    expect(sameValue(new Map(), new Map())).toBe(false);
  });
});
