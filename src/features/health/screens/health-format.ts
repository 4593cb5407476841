/**
 * How the health screens say dates, values and judgements: shared by the checkup, trend and
 * medication screens so the same value reads the same everywhere. A judgement is always an icon AND
 * a word (never colour alone): the icon says where the value sits against the reference range
 * (▲ above, ▼ below, ○ within), the grade letter and its word say what to do about it.
 */
import type { Judgement, ReferenceRange } from '../../../platform/types';
import { currentLanguage, message, t, type MessageRef } from '../../../app/i18n/i18n';

export type RangePosition = 'high' | 'low' | 'within' | 'none';

/** Where `value` sits against the range; 'none' when the item has no numeric limits (weight). */
export function rangePosition(value: number, range: ReferenceRange | undefined): RangePosition {
  if (!range || (range.low === undefined && range.high === undefined)) return 'none';
  if (range.high !== undefined && value > range.high) return 'high';
  if (range.low !== undefined && value < range.low) return 'low';
  return 'within';
}

export const POSITION_ICON: Record<RangePosition, string> = { high: '▲', low: '▼', within: '○', none: '－' };

/** "▲ 基準より高い". */
export const positionText = (position: RangePosition): string =>
  `${POSITION_ICON[position]} ${t(`health.position.${position}`)}`;

/** "要経過観察". */
export const judgementWord = (judgement: Judgement): string => t(`health.judgement.${judgement}`);

/** The API's dates are calendar dates (YYYY-MM-DD): read them as such, not as instants. */
const partsOf = (isoDate: string) => {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  return { year, month, day };
};

/** "2026年6月12日" / "12 June 2026". */
export function formatDate(isoDate: string): string {
  const { year, month, day } = partsOf(isoDate);
  const locale = currentLanguage() === 'ja' ? 'ja-JP' : 'en-GB';
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)));
}

export const yearOf = (isoDate: string): number => partsOf(isoDate).year;

/** Values keep the decimals the report gave them (5.0 stays "5.0" if the list has tenths). */
export const formatValue = (value: number, decimals: number): string => value.toFixed(decimals);

/** The decimals the values of one item are reported with (the most any of them has). */
export const decimalsOf = (values: readonly number[]): number =>
  Math.max(0, ...values.map((value) => (String(value).split('.')[1] ?? '').length));

/**
 * What the voice says while a record loads, or when it has nothing (`empty`, then how to go back);
 * undefined when there are `count` rows to read.
 */
export const spokenWithoutRows = (
  state: { loading: boolean; empty: boolean } | undefined,
  count: number,
  empty: MessageRef,
  backHintKey: string,
): string | undefined => {
  if (!state || state.loading) return t('health.loading');
  if (state.empty || count === 0) return `${message(empty)}${t(backHintKey)}`;
  return undefined;
};
