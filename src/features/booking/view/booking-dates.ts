/**
 * Calendar arithmetic and date/time wording for the booking screens. Dates are the platform's
 * calendar dates (YYYY-MM-DD, Japan); everything is computed in UTC so the box's time zone never
 * shifts a day.
 */
import type { LanguageCode } from '../../../app/i18n/i18n';
import { MONTHS_EN } from '../../../app/i18n/japan-dates';

/** One day of the booking calendar. */
export interface CalendarDay {
  date: string;
  /** Day of the month (1–31). */
  day: number;
  month: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** At least one room has a free slot on this day. */
  bookable: boolean;
}

/** A week row, Sunday first; null where the day is outside the booking window. */
export type CalendarWeek = Array<CalendarDay | null>;

const parts = (date: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

const utc = (date: string) => {
  const { year, month, day } = parts(date);
  return new Date(Date.UTC(year, month - 1, day));
};

/** YYYY-MM-DD plus `days` (negative too). */
export const shiftDate = (date: string, days: number): string => {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export const weekdayOf = (date: string): number => utc(date).getUTCDay();

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000);

/**
 * The booking window `from`…`to` (both included) as week rows Sunday → Saturday. Days before
 * `from` in the first week and after `to` in the last are null (not part of the window).
 */
export function calendarWeeks(from: string, to: string, bookable: ReadonlySet<string>): CalendarWeek[] {
  const weeks: CalendarWeek[] = [];
  const total = daysBetween(from, to);
  if (total < 0) return weeks;
  let week: CalendarWeek = Array.from({ length: weekdayOf(from) }, () => null);
  for (let offset = 0; offset <= total; offset += 1) {
    const date = shiftDate(from, offset);
    const { month, day } = parts(date);
    week.push({ date, day, month, weekday: weekdayOf(date), bookable: bookable.has(date) });
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

/** Where focus goes from `date` by `delta` days, kept inside the window. */
export const moveWithin = (date: string, delta: number, from: string, to: string): string => {
  const next = shiftDate(date, delta);
  if (daysBetween(from, next) < 0 || daysBetween(next, to) < 0) return date;
  return next;
};

const WEEKDAYS: Record<LanguageCode, { short: string[]; long: string[] }> = {
  ja: {
    short: ['日', '月', '火', '水', '木', '金', '土'],
    long: ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'],
  },
  en: {
    short: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    long: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  },
};

/** Column headings of the calendar, Sunday first ("日" … "土" / "Sun" … "Sat"). */
export const weekdayNames = (language: LanguageCode, form: 'short' | 'long' = 'short'): string[] =>
  WEEKDAYS[language][form];

/** "2026年12月3日（木）" / "Thu, 3 December 2026". */
export function formatDate(date: string, language: LanguageCode): string {
  const { year, month, day } = parts(date);
  const weekday = weekdayOf(date);
  if (language === 'ja') return `${year}年${month}月${day}日（${WEEKDAYS.ja.short[weekday]}）`;
  return `${WEEKDAYS.en.short[weekday]}, ${day} ${MONTHS_EN[month - 1]} ${year}`;
}

/** "12月3日 木曜日" / "Thursday 3 December": how the voice reads a calendar day. */
export function spokenDate(date: string, language: LanguageCode): string {
  const { month, day } = parts(date);
  const weekday = weekdayOf(date);
  if (language === 'ja') return `${month}月${day}日 ${WEEKDAYS.ja.long[weekday]}`;
  return `${WEEKDAYS.en.long[weekday]} ${day} ${MONTHS_EN[month - 1]}`;
}

/** The month(s) a window spans: "2026年12月〜2027年1月" / "December 2026 – January 2027". */
export function monthSpan(from: string, to: string, language: LanguageCode): string {
  const month = (date: string) => {
    const p = parts(date);
    return language === 'ja' ? `${p.year}年${p.month}月` : `${MONTHS_EN[p.month - 1]} ${p.year}`;
  };
  const [first, last] = [month(from), month(to)];
  if (first === last) return first;
  return language === 'ja' ? `${first}〜${last}` : `${first} – ${last}`;
}

/** "09:00" → "9:00". */
const clock = (time: string) => time.replace(/^0(\d)/, '$1');

/** "9:00〜12:00" / "9:00–12:00". */
export const timeRange = (start: string, end: string, language: LanguageCode): string =>
  `${clock(start)}${language === 'ja' ? '〜' : '–'}${clock(end)}`;

/** The platform's fixed slot times (api/platform.openapi.yaml SlotCode), when a room lists none. */
export const SLOT_TIMES = {
  morning: { start: '09:00', end: '12:00' },
  afternoon: { start: '13:00', end: '17:00' },
  evening: { start: '18:00', end: '21:00' },
} as const;
