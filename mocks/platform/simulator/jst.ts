/** Calendar arithmetic in Japan time (UTC+9, no DST): the town hall's dates are JST dates. */

const JST_OFFSET_MS = 9 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** The JST calendar date of an instant, as YYYY-MM-DD. */
export function jstDateOf(instant: Date): string {
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** True for a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The instant of `HH:MM` JST on a date. */
export function jstInstant(date: string, time = '00:00'): Date {
  return new Date(new Date(`${date}T${time}:00Z`).getTime() - JST_OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 「7月7日」 */
export function japaneseMonthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
