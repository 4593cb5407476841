import { keyboardKeys, lightningKeys, stbRemoteKeys } from './keymap';

describe('key map', () => {
  it('maps arrows, OK and Back with keyboard equivalents', () => {
    expect([37, 38, 39, 40].map((c) => keyboardKeys[c])).toEqual(['Left', 'Up', 'Right', 'Down']);
    expect(keyboardKeys[13]).toBe('Enter');
    expect(keyboardKeys[8]).toBe('Back');
    expect(keyboardKeys[27]).toBe('Back');
  });

  it('maps the digits 0–9 on the top row and the numpad', () => {
    for (let d = 0; d <= 9; d += 1) {
      expect(keyboardKeys[48 + d]).toBe(`Digit${d}`);
      expect(keyboardKeys[96 + d]).toBe(`Digit${d}`);
    }
  });

  it('maps the colour keys on the remote and F1–F4 on a keyboard', () => {
    expect([403, 404, 405, 406].map((c) => stbRemoteKeys[c])).toEqual(['Red', 'Green', 'Yellow', 'Blue']);
    expect([112, 113, 114, 115].map((c) => keyboardKeys[c])).toEqual(['Red', 'Green', 'Yellow', 'Blue']);
  });

  it('hands Lightning a plain copy', () => {
    const keys = lightningKeys('stb');
    expect(keys[461]).toBe('Back');
    keys[461] = 'Enter';
    expect(stbRemoteKeys[461]).toBe('Back');
  });
});
