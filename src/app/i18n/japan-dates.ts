/**
 * Dates as the viewer in Japan reads them, for every feature that shows one. Plain arithmetic, not
 * Intl: WPE's Intl formats some locales its own way, and a box may lack the time zone data.
 */

/** Japan Standard Time: UTC+9 all year (no daylight saving). */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `instant` moved so that its UTC fields (getUTCDate, toISOString…) read the day and time in Japan. */
export const inJapan = (instant: Date): Date => new Date(instant.getTime() + JST_OFFSET_MS);

/** English month names, January first. */
export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
