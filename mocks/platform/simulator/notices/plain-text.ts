/**
 * What a sender may put in a notice: plain text only. The TV renders it as text, never as markup,
 * and the platform refuses what could be read as markup or steer the display anyway: tags and
 * character references, control characters (a line feed is the only one allowed; CR LF becomes
 * LF), zero-width and bidirectional-override characters (text that reads differently than it is).
 */
import { invalid } from '../problem';

const MARKUP = /<\s*[A-Za-z!/?]|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

export interface TextRule {
  maxLength: number;
  /** One line only (titles). */
  singleLine?: boolean;
}

/** The field as stored (NFC, LF line ends), or a VALIDATION_FAILED naming what is wrong. */
export function plainText(value: unknown, name: string, rule: TextRule): string {
  if (typeof value !== 'string') throw invalid(name, 'required (text)');
  // Measured before normalising too: an oversized body is refused before any work on it.
  if (value.length > rule.maxLength * 2) throw invalid(name, `at most ${rule.maxLength} characters`);
  const text = value.replace(/\r\n/g, '\n').normalize('NFC').trim();
  if (text.length === 0) throw invalid(name, 'must not be empty');
  if ([...text].length > rule.maxLength) throw invalid(name, `at most ${rule.maxLength} characters`);
  if (rule.singleLine && text.includes('\n')) throw invalid(name, 'one line only');
  if (HIDDEN.test(text)) throw invalid(name, 'control or invisible formatting characters are not allowed');
  if (MARKUP.test(text)) throw invalid(name, 'text only: markup and character references are not allowed');
  return text;
}

/** An optional text field: absent stays absent. */
export function optionalPlainText(value: unknown, name: string, rule: TextRule): string | undefined {
  return value === undefined ? undefined : plainText(value, name, rule);
}
