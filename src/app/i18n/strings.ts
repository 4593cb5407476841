/**
 * How a feature hands its strings to the i18n runtime: one JSON file per feature,
 * `{ "ja": { key: text }, "en": { key: text } }`, keys prefixed by the feature's area. Passed through
 * `strings()`, a key present in one language and missing in the other fails the type check where the
 * feature declares its strings, not in front of a viewer. No SDK import here, so Node tools can load
 * a feature's declaration.
 */
export type LanguageCode = 'ja' | 'en';
export type Dictionary = Record<string, string>;
export type Translations = Record<LanguageCode, Dictionary>;

export const strings = <Ja extends Dictionary, En extends Record<keyof Ja, string>>(table: {
  ja: Ja;
  en: En & Record<Exclude<keyof En, keyof Ja>, never>;
}): Translations => table;
