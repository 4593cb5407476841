/**
 * Validity of JPKI card certificates: they expire on the holder's 5th birthday after the issue date
 * (発行日後5回目の誕生日). Dates are reckoned in Japan time, as the municipality would.
 *
 * Choices made here:
 * - "after" is strict: a certificate issued on the holder's birthday does not count that day.
 * - The certificate is valid through the whole birthday: notAfter = 23:59:59 JST (14:59:59Z).
 * - A 29 February birthday falls on 28 February in common years (民法143条2項: a period whose
 *   corresponding day does not exist ends on the last day of that month).
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export interface CalendarDate {
  year: number;
  month: number; // 1..12
  day: number;
}

/** Parses an ISO `YYYY-MM-DD` birth date and rejects impossible dates. */
export function parseIsoDate(iso: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`birth date must be YYYY-MM-DD: ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    throw new Error(`no such date: ${iso}`);
  return { year, month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The calendar date (in JST) of an instant. */
function jstDateOf(instant: Date): CalendarDate {
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** The holder's birthday in `year`, with 29 Feb moved to 28 Feb in common years. */
function birthdayIn(birth: CalendarDate, year: number): CalendarDate {
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 };
  return { year, month: birth.month, day: birth.day };
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The date of the `count`-th birthday strictly after the JST date of `issuedAt`. */
export function nthBirthdayAfter(birthDate: string, issuedAt: Date, count = 5): CalendarDate {
  const birth = parseIsoDate(birthDate);
  const issued = jstDateOf(issuedAt);
  const firstYear = compareDates(birthdayIn(birth, issued.year), issued) > 0 ? issued.year : issued.year + 1;
  return birthdayIn(birth, firstYear + count - 1);
}

/** notAfter of a card certificate: 23:59:59 JST on the holder's 5th birthday after `issuedAt`. */
export function certificateNotAfter(birthDate: string, issuedAt: Date): Date {
  const { year, month, day } = nthBirthdayAfter(birthDate, issuedAt, 5);
  return new Date(Date.UTC(year, month - 1, day, 23, 59, 59) - JST_OFFSET_MS);
}

/** ISO `YYYY-MM-DD` ⇄ the certificate's `YYYYMMDD`. */
export function isoToCompactDate(iso: string): string {
  parseIsoDate(iso);
  return iso.replace(/-/g, '');
}

export function compactToIsoDate(compact: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!match) throw new Error(`birth date in certificate must be YYYYMMDD: ${compact}`);
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  parseIsoDate(iso);
  return iso;
}
