/**
 * How the booking screens say dates, times, fees and bookings, and the plain text element they
 * share, so the same booking reads the same on every screen. Free / not free is always a mark AND
 * a word ("○ 空き" / "× 予約済み"), never colour alone.
 */
import type { SlotCode } from '../../../platform/types';
import { currentLanguage, t } from '../../../app/i18n/i18n';
import { canvasMeasure } from '../../../app/theme/measure';
import { labelled } from '../../../app/screens/content';
import { lineHeight, theme } from '../../../app/theme/tokens';
import { formatDate, timeRange } from '../view/booking-dates';
import type { BookingSummary, SlotTime } from '../view/booking-view';

/** "2026年12月3日（木）" / "Thu, 3 December 2026" in the current language. */
export const bookingDate = (date: string): string => (date ? formatDate(date, currentLanguage()) : '');

export const slotName = (code: SlotCode): string => t(`booking.slot.${code}`);

/** "朝 9:00〜12:00". */
export const slotText = (slot: SlotTime): string =>
  `${slotName(slot.code)} ${timeRange(slot.start, slot.end, currentLanguage())}`;

export const feeText = (feeYen: number): string =>
  t('booking.fee', { fee: feeYen.toLocaleString(currentLanguage() === 'ja' ? 'ja-JP' : 'en-GB') });

/** The lines that describe a booking, in reading order. */
export const bookingLines = (booking: BookingSummary, withNumber = true): string[] => [
  ...(withNumber ? [labelled('booking.label.number', booking.id)] : []),
  labelled('booking.label.facility', booking.facilityName),
  labelled('booking.label.room', booking.roomName),
  labelled('booking.label.when', `${bookingDate(booking.date)} ${slotText(booking.slot)}`),
  labelled('booking.label.fee', feeText(booking.feeYen)),
];

/** Parts of one line, apart enough to read as separate: a wide space in Japanese, " · " in English. */
export const apart = (...parts: string[]): string =>
  parts.filter(Boolean).join(currentLanguage() === 'ja' ? '\u3000' : ' · ');

export interface TextBox {
  x: number;
  y: number;
  w: number;
  fontSize: number;
  color: number;
  maxLines?: number;
  align?: 'left' | 'center' | 'right';
}

/** A wrapped text element for `_template` (its text is patched in `render`). */
export const textElement = (box: TextBox) => {
  const { type } = theme();
  return {
    x: box.x,
    y: box.y,
    w: box.w,
    text: {
      text: '',
      fontFace: type.fontFace,
      fontSize: box.fontSize,
      lineHeight: lineHeight(box.fontSize),
      textColor: box.color,
      wordWrapWidth: box.w,
      textAlign: box.align ?? 'left',
      ...(box.maxLines ? { maxLines: box.maxLines } : {}),
    },
  };
};

/**
 * The room a header line takes below its first line: a long facility name wraps to a second line
 * (its box allows two) rather than be cut short, and what follows moves down by it.
 */
export const secondLine = (box: TextBox, text: string): number =>
  canvasMeasure(box.fontSize, theme().type.fontFace)(text) > box.w ? lineHeight(box.fontSize) : 0;
