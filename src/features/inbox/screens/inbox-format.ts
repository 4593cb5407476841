/**
 * How the inbox says dates, and how a notice's text is cut into lines and pages. The lines are cut
 * here (not by Lightning) so the screen knows how many pages there are and what each says; the
 * widths come from the same canvas measure Lightning's text uses, so its own wrap never adds one.
 */
import { currentLanguage } from '../../../app/i18n/i18n';
import type { Measure } from '../../../app/theme/measure';
import { inJapan, MONTHS_EN } from '../../../app/i18n/japan-dates';

/**
 * "2026年11月28日" / "28 November 2026": the day in Japan the notice was sent.
 */
export function formatSentDate(sentAt: string): string {
  const day = inJapan(new Date(sentAt));
  const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  return currentLanguage() === 'ja' ? `${y}年${m}月${d}日` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** "11/28" / "28 Nov": the day in Japan the notice was sent, short for a list row (the notice has it in full). */
export function shortSentDate(sentAt: string): string {
  const day = inJapan(new Date(sentAt));
  const [m, d] = [day.getUTCMonth() + 1, day.getUTCDate()];
  return currentLanguage() === 'ja' ? `${m}/${d}` : `${d} ${MONTHS_EN[m - 1]!.slice(0, 3)}`;
}

/** Between two things on one line: an ideographic space in Japanese, two spaces in English. */
export const gap = (): string => (currentLanguage() === 'ja' ? '\u3000' : '  ');

/** A character that may not start a line (禁則): it stays with the one before it. */
const NO_LINE_START = /^[、。，．・：；？！）」』】〕ー…,.;:!?)\]]/u;

/** The pieces a line may break between: a word with its following spaces, or one CJK character. */
const piecesOf = (paragraph: string): string[] => paragraph.match(/[\x21-\x7e\u00a0-\u02ff]+ *| +|./gu) ?? [];

/** Splits a piece too wide for any line (a long URL) into pieces that fit. */
function fitting(piece: string, width: number, measure: Measure): string[] {
  if (measure(piece.trimEnd()) <= width) return [piece];
  const parts: string[] = [];
  let part = '';
  for (const char of piece) {
    if (part && measure(part + char) > width) {
      parts.push(part);
      part = '';
    }
    part += char;
  }
  return part ? [...parts, part] : parts;
}

/** `text`'s lines at `width`: each paragraph (line feed) starts a line; no line starts with 。、. */
export function wrapLines(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const piece of piecesOf(paragraph).flatMap((p) => fitting(p, width, measure))) {
      const fits = measure((line + piece).trimEnd()) <= width;
      if (fits || !line) {
        line += piece;
      } else if (NO_LINE_START.test(piece) && line.length > 1) {
        // Carry the last character down with the mark, so the mark does not start the line.
        lines.push(line.slice(0, -1).trimEnd());
        line = line.slice(-1) + piece;
      } else {
        lines.push(line.trimEnd());
        line = piece.trimStart();
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** `lines` in pages of `perPage` (at least one page, and one line a page). */
export function pagesOf(lines: readonly string[], perPage: number): string[][] {
  const size = Math.max(1, perPage);
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += size) pages.push(lines.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}
