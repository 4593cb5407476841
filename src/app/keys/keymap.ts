/**
 * The app's keys, derived from the spec's key map (`stb-spec/key-map.json`): every (key, keyCode)
 * pair it lists, under the name Lightning routes to `_handle<Name>` on the focused component, and
 * nothing else. The tables are built once, when the module loads; a press costs one lookup.
 */
import specKeyMap from '../../../stb-spec/key-map.json';

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
  | 'DButton'
  | `Digit${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;

export type KeyMap = Readonly<Record<number, AppKey>>;

/** What a key press carries. Lightning routes by `keyCode`; the spec pairs it with `key`. */
export interface KeyEventLike {
  keyCode: number;
  key?: string;
}

/** The spec's key names are lower camel case; Lightning calls OK `Enter` (`_handleEnter`). */
export const appKeyOf = (specName: string): AppKey =>
  (specName === 'ok' ? 'Enter' : specName.charAt(0).toUpperCase() + specName.slice(1)) as AppKey;

interface Listed {
  key: string;
  name: AppKey;
  /** '0'–'9' for the digit keys. */
  digit: string | undefined;
}

const listed = new Map<number, Listed>();
const recommended = new Map<AppKey, { key: string; keyCode: number }>();
for (const entry of specKeyMap.keys) {
  const name = appKeyOf(entry.name);
  const digit = name.startsWith('Digit') ? name.slice('Digit'.length) : undefined;
  for (const event of entry.events) listed.set(event.keyCode, { key: event.key, name, digit });
  recommended.set(name, entry.events[0]!);
}

/** keyCode → name for every pair of the spec: Lightning's `keys` stage option. */
export const appKeys: KeyMap = Object.freeze(
  Object.fromEntries([...listed].map(([code, { name }]) => [code, name])),
);

/**
 * The listed pair an event is, or undefined. A browser's KeyboardEvent always has `key`; a synthetic
 * event with only a `keyCode` (component tests drive Lightning that way) is taken by its code.
 */
const listedPair = (event: KeyEventLike): Listed | undefined => {
  const found = listed.get(event.keyCode);
  return found && (event.key === undefined || event.key === found.key) ? found : undefined;
};

/** The press decodeKey decoded last (the one Lightning is routing now) and what it is. */
let delivered: KeyEventLike | undefined;
let deliveredPair: Listed | undefined;

/**
 * The one decode of a press: the app's name for a key event, or undefined when the spec does not
 * list its pair. The key path (key-path.ts) calls it once per keydown and keeps the result for the
 * handlers of that press (`digitOf`), so nothing decodes the same press again.
 */
export const decodeKey = (event: KeyEventLike): AppKey | undefined => {
  const found = listedPair(event);
  delivered = found && event;
  deliveredPair = found;
  return found?.name;
};

/**
 * The digit ('0'–'9') the press being routed stands for, else undefined (for `_handleKey`). Read,
 * not decoded: an event the key path did not decode is no digit.
 */
export const digitOf = (event: KeyEventLike): string | undefined =>
  event === delivered ? deliveredPair?.digit : undefined;

/** The spec's recommended pair (its first) for a key: what a test or a box should send. */
export const keyEventOf = (name: AppKey): { key: string; keyCode: number } => {
  const pair = recommended.get(name);
  if (!pair) throw new Error(`stb-spec/key-map.json lists no key named ${name}`);
  return pair;
};

/** Lightning's `keys` option: it takes `{ [keyCode]: name }` and keeps it, so it gets its own copy. */
export const lightningKeys = (): Record<number, string> => ({ ...appKeys });

/**
 * Development keyboards only: the capital letter a key stands for ('A'–'Z'), else undefined. A
 * remote has no letters (the password keypad is on screen); a keyboard may type them directly.
 * These are typed characters, not keys: they have no name and Lightning does not route them.
 */
export const letterOf = (event: { keyCode: number }): string | undefined =>
  event.keyCode >= 65 && event.keyCode <= 90 ? String.fromCharCode(event.keyCode) : undefined;
