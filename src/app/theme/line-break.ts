/**
 * Where a line may wrap, for Lightning's word wrap. Japanese has no spaces: the stock tokenizer
 * sees a whole sentence as one word and, with `wordBreak`, cuts it wherever the width runs out —
 * a "。" or a small "っ" may start a line, "（" may end one. Here a line may break before any
 * wide character except those JIS X 4051 keeps off the start of a line (closing brackets and
 * punctuation, small kana, the prolonged sound mark), and never after an opening bracket or a
 * no-break space. Latin words stay whole and break at spaces, as before.
 */
import { TextTokenizer } from '@lightningjs/core';

/** 行頭禁則: never at the start of a line. */
const NO_LINE_START = new Set([
  ...'、。，．,.・：；:;？！?!…‥',
  ...'）」』】〕〉》］｝〙〗)]}’”',
  ...'ーゝゞヽヾ々〻',
  ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ',
  ...'〜～%',
]);

/** 行末禁則: never at the end of a line (and the no-break space joins what follows). */
const NO_LINE_END = new Set([...'（「『【〔〈《［｛〘〖([{‘“', '\u00A0']);

/** Kana, kanji, CJK punctuation and full-width forms: a line may break before them. */
const isWide = (char: string) => /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u.test(char);

/** The text as the units a line may not split, with the spaces between them as their own tokens. */
export function lineBreakTokens(text: string): string[] {
  const tokens: string[] = [];
  let unit = '';
  let previous = '';
  const flush = () => {
    if (unit) tokens.push(unit);
    unit = '';
  };
  for (const char of text) {
    if (char === ' ' || char === '\u200B') {
      flush();
      if (char === ' ') tokens.push(' ');
      previous = '';
      continue;
    }
    const mayBreakBefore =
      unit !== '' &&
      !NO_LINE_START.has(char) &&
      !NO_LINE_END.has(previous) &&
      (isWide(char) || isWide(previous));
    if (mayBreakBefore) flush();
    unit += char;
    previous = char;
  }
  flush();
  return tokens;
}

/** Lightning wraps every text at these tokens from now on (all-ASCII text keeps its own). */
export function useJapaneseLineBreaks(): void {
  TextTokenizer.setCustomTokenizer((text: string) => [{ tokens: lineBreakTokens(text) }], true);
}
