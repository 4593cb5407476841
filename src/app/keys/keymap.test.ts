import specKeyMap from '../../../stb-spec/key-map.json';
import { appKeyOf, appKeys, decodeKey, digitOf, keyEventOf, lightningKeys, type AppKey } from './keymap';

const specPairs = specKeyMap.keys.flatMap((entry) =>
  entry.events.map((event) => ({ spec: entry.name, key: event.key, keyCode: event.keyCode })),
);

describe('key map, derived from stb-spec/key-map.json', () => {
  it.each(specPairs)('decodes $key / $keyCode to the spec key $spec', ({ spec, key, keyCode }) => {
    expect(decodeKey({ key, keyCode })).toBe(appKeyOf(spec));
    expect(appKeys[keyCode]).toBe(appKeyOf(spec));
  });

  it('names the spec keys the way the app handles them (OK is Enter)', () => {
    expect(specKeyMap.keys.map((entry) => appKeyOf(entry.name))).toEqual([
      'Up',
      'Down',
      'Left',
      'Right',
      'Enter',
      'Back',
      ...Array.from({ length: 10 }, (_, d) => `Digit${d}`),
      'Blue',
      'Red',
      'Green',
      'Yellow',
      'DButton',
    ]);
  });

  it('goes back on BrowserBack (166) as on Backspace (8)', () => {
    expect(decodeKey({ key: 'BrowserBack', keyCode: 166 })).toBe('Back');
    expect(decodeKey({ key: 'Backspace', keyCode: 8 })).toBe('Back');
  });

  it('holds exactly the key codes the spec lists, each once', () => {
    const codes = specPairs.map((pair) => pair.keyCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(
      Object.keys(appKeys)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([...codes].sort((a, b) => a - b));
  });

  it.each([
    ['Escape', 27],
    ['F1', 112],
    ['F4', 115],
    ['Select', 41],
    ['Unidentified', 0],
    ['GoBack', 461],
    ['XF86Back', 10009],
  ])('ignores %s / %i, which the spec does not list', (key, keyCode) => {
    expect(decodeKey({ key, keyCode })).toBeUndefined();
    expect(appKeys[keyCode]).toBeUndefined();
  });

  it('refuses a listed code with another key value (Shift+0 types ")" with code 48)', () => {
    const shifted = { key: ')', keyCode: 48 };
    expect(decodeKey(shifted)).toBeUndefined();
    expect(digitOf(shifted)).toBeUndefined();
    expect(decodeKey({ key: 'Select', keyCode: 13 })).toBeUndefined();
  });

  it('reads digits from the top row and the numeric keypad, nothing else', () => {
    const digitOfPress = (event: { key: string; keyCode: number }) => {
      decodeKey(event);
      return digitOf(event);
    };
    for (let d = 0; d <= 9; d += 1) {
      expect(digitOfPress({ key: String(d), keyCode: 48 + d })).toBe(String(d));
      expect(digitOfPress({ key: String(d), keyCode: 96 + d })).toBe(String(d));
    }
    expect(digitOfPress({ key: 'Enter', keyCode: 13 })).toBeUndefined();
    expect(digitOfPress({ key: 'ColorF0Red', keyCode: 403 })).toBeUndefined();
  });

  it('offers the spec’s recommended pair for each key', () => {
    for (const entry of specKeyMap.keys) {
      expect(keyEventOf(appKeyOf(entry.name))).toEqual(entry.events[0]);
    }
    expect(() => keyEventOf('Menu' as AppKey)).toThrow(/lists no key named Menu/);
  });

  it('hands Lightning the map as a copy it may keep', () => {
    const keys = lightningKeys();
    expect(keys).toEqual(appKeys);
    expect(keys[166]).toBe('Back');
    keys[166] = 'Enter';
    expect(appKeys[166]).toBe('Back');
  });
});
