/**
 * The one key map: key codes of the STB remote and their keyboard equivalents → the app's key
 * names. Lightning routes each name to `_handle<Name>` on the focused component (Lightning's
 * `keys` stage option). A platform with other codes gets its own entry in `keyMaps`.
 */
export type AppKey =
  | 'Up'
  | 'Down'
  | 'Left'
  | 'Right'
  | 'Enter'
  | 'Back'
  | 'Red'
  | 'Green'
  | 'Yellow'
  | 'Blue'
  | `Digit${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;

export type KeyMap = Record<number, AppKey>;

const digits = (first: number): KeyMap => {
  const map: KeyMap = {};
  for (let d = 0; d <= 9; d += 1) map[first + d] = `Digit${d}` as AppKey;
  return map;
};

/** Keyboard (and WPE/Chromium WebDriver) codes: arrows, Enter, Backspace/Escape, 0–9, F1–F4 for colours. */
export const keyboardKeys: KeyMap = {
  37: 'Left',
  38: 'Up',
  39: 'Right',
  40: 'Down',
  13: 'Enter',
  8: 'Back',
  27: 'Back',
  ...digits(48), // top-row 0–9
  ...digits(96), // numpad 0–9
  112: 'Red', // F1
  113: 'Green', // F2
  114: 'Yellow', // F3
  115: 'Blue', // F4
};

/** The cable STB remote (HbbTV/DOM VK_ codes for colours and Back, digits and arrows as above). */
export const stbRemoteKeys: KeyMap = {
  ...keyboardKeys,
  403: 'Red',
  404: 'Green',
  405: 'Yellow',
  406: 'Blue',
  461: 'Back',
  10009: 'Back',
};

export const keyMaps = { keyboard: keyboardKeys, stb: stbRemoteKeys } as const;
export type Platform = keyof typeof keyMaps;

/** Lightning takes `{ [keyCode]: name }`. */
export const lightningKeys = (platform: Platform): Record<number, string> => ({ ...keyMaps[platform] });

/** The digit ('0'–'9') a key event stands for on any platform, else undefined (for `_handleKey`). */
export const digitOf = (event: { keyCode: number }): string | undefined => {
  const name = stbRemoteKeys[event.keyCode];
  return name?.startsWith('Digit') ? name.slice('Digit'.length) : undefined;
};

/**
 * Development keyboards only: the capital letter a key stands for ('A'–'Z'), else undefined. A
 * remote has no letters (the password keypad is on screen); a keyboard may type them directly.
 */
export const letterOf = (event: { keyCode: number }): string | undefined =>
  event.keyCode >= 65 && event.keyCode <= 90 ? String.fromCharCode(event.keyCode) : undefined;
