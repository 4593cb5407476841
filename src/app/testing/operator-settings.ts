import { DEFAULT_SETTINGS, type AppSettings } from '../settings/settings';

/** An operator with a long name and opening hours: the longest contact lines a screen must fit. */
export const operatorWithHours: AppSettings = {
  ...DEFAULT_SETTINGS,
  operator: {
    ...DEFAULT_SETTINGS.operator,
    name: { ja: 'みなと湾岸ケーブルテレビジョン株式会社', en: 'Minato Bayside Cable Television Co., Ltd.' },
    hours: {
      ja: '平日 9時〜18時（土日祝日と年末年始を除く）',
      en: 'Weekdays 9:00–18:00 (closed on holidays)',
    },
  },
};
