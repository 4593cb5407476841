/**
 * Every string the viewer reads or hears, by key, in Japanese (first) and English, through the
 * SDK's Language plugin: one lookup, one table per language, merged from areas of the same shape
 * (`{ ja: {key: text}, en: {key: text} }`). The shell's strings are in translations/, each feature's
 * in src/features/<feature>/strings.json, and the flows' and platform errors' messages (what the
 * machines put in context as `messageKey`) in src/machines/messages.json under `msg.<key>`
 * (areas.ts lists those of the initial bundle). The areas of the families loaded on demand
 * (registration, health, booking: screens/families.ts) are added when their chunk arrives.
 */
import { Language } from '@lightningjs/sdk';
import type { MessageKey, MessageParams } from '../../machines/messages';
import { AREAS } from './areas';
import type { LanguageCode, Translations } from './strings';

export type { LanguageCode, Translations } from './strings';
const LANGUAGES: readonly LanguageCode[] = ['ja', 'en'];

/** A message the machines chose, with its parameters: what the view models hand the screens. */
export interface MessageRef {
  key: MessageKey;
  params?: MessageParams;
}

/** All areas of the initial bundle merged; a key defined twice is a mistake the i18n test reports. */
export const allTranslations = (): Translations => {
  const merged: Translations = { ja: {}, en: {} };
  for (const area of AREAS) {
    for (const language of LANGUAGES) Object.assign(merged[language], area[language]);
  }
  return merged;
};

let current: LanguageCode = 'ja';
/** The dictionaries the SDK's Language holds (it keeps these objects, so they can grow in place). */
let live: Translations | undefined;
/** Areas added after start (lazily loaded families), kept across a re-init (tests re-init). */
const added: Translations[] = [];

/** Loads the dictionaries into the SDK's Language and picks the language (synchronous: no fetch). */
export function initI18n(language: LanguageCode = 'ja'): void {
  live = allTranslations();
  for (const area of added) mergeInto(live, area);
  Language.translations({ meta: { default: 'ja' }, ...live });
  setLanguage(language);
}

const mergeInto = (target: Translations, area: Translations) => {
  for (const language of LANGUAGES) Object.assign(target[language], area[language]);
};

/** Adds an area's strings (a family's chunk arrived); the current dictionary sees them at once. */
export function addTranslations(area: Translations): void {
  if (added.includes(area)) return;
  added.push(area);
  if (live) mergeInto(live, area);
}

export function setLanguage(language: LanguageCode): void {
  current = language;
  void Language.set(language);
}

export const currentLanguage = (): LanguageCode => current;

/** The text for `key` in the current language, `{name}` placeholders filled from `params`. */
export const t = (key: string, params?: MessageParams): string =>
  params ? Language.translate(key, params) : Language.translate(key);

/** The text of a flow message. */
export const message = (ref: MessageRef): string => t(`msg.${ref.key}`, ref.params);

/**
 * A warning with its ⚠ (so it is not told by colour alone), joined by a no-break space: Japanese
 * has no spaces, so at an ordinary space the word wrap would put the icon alone on the first line.
 */
export const withWarningIcon = (text: string): string => `⚠\u00A0${text}`;
