import { allTranslations, initI18n, message, setLanguage, t } from './i18n';
import booking from '../../features/booking/strings.json';
import companion from '../../features/companion/strings.json';
import health from '../../features/health/strings.json';
import inbox from '../../features/inbox/strings.json';
import moving from '../../features/moving/strings.json';
import registration from '../../features/registration/strings.json';
import { AREAS } from './areas';
import { strings } from './strings';

/** The areas of the families loaded on demand (screens/families.ts). */
const LAZY_AREAS = [registration, health, booking, inbox, moving, companion];

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const translations = allTranslations();
  for (const area of LAZY_AREAS) {
    for (const language of ['ja', 'en'] as const) Object.assign(translations[language], area[language]);
  }

  it('has every key in Japanese and in English, none empty', () => {
    expect(Object.keys(translations.en).sort()).toEqual(Object.keys(translations.ja).sort());
    for (const language of ['ja', 'en'] as const) {
      for (const [key, text] of Object.entries(translations[language])) {
        expect([key, text.trim().length > 0]).toEqual([key, true]);
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(translations.ja)) {
      expect([key, placeholders(translations.en[key] ?? '')]).toEqual([
        key,
        placeholders(translations.ja[key] ?? ''),
      ]);
    }
  });

  it('defines each key in one file only', () => {
    const seen = new Map<string, number>();
    [...AREAS, ...LAZY_AREAS].forEach((area, index) => {
      for (const key of Object.keys(area.ja)) {
        expect([key, seen.get(key)]).toEqual([key, undefined]);
        seen.set(key, index);
      }
    });
  });

  it('Japanese text is Japanese (has kana or kanji), except the language switch and page numbers', () => {
    for (const [key, text] of Object.entries(translations.ja)) {
      // The language switch names the other language; the help's page marker is only numbers.
      if (key === 'common.keyLanguage' || key === 'help.page') continue;
      expect([key, /[\u3040-\u30ff\u3400-\u9fff]/.test(text)]).toEqual([key, true]);
    }
  });

  it('translates with parameters and switches language', () => {
    initI18n('ja');
    expect(t('common.ok')).toBe('決定');
    expect(message({ key: 'pinIncorrect', params: { triesLeft: 2 } })).toBe(
      '暗証番号が違います。入力できるのは、あと2回です。',
    );
    setLanguage('en');
    expect(t('common.ok')).toBe('OK');
    expect(t('common.contact', { operator: 'Minato CATV', phone: '03-1234-5678' })).toBe(
      'If you need help, please call Minato CATV (03-1234-5678).',
    );
    setLanguage('ja');
  });
});

describe("a feature's strings", () => {
  it('must have the same keys in Japanese and English (checked by the compiler)', () => {
    // @ts-expect-error English lacks a key Japanese has
    strings({ ja: { 'x.a': 'あ', 'x.b': 'い' }, en: { 'x.a': 'A' } });
    // @ts-expect-error English has a key Japanese lacks
    strings({ ja: { 'x.a': 'あ' }, en: { 'x.a': 'A', 'x.b': 'B' } });
    expect(strings({ ja: { 'x.a': 'あ' }, en: { 'x.a': 'A' } }).en['x.a']).toBe('A');
  });
});
