import { initI18n } from '../../../app/i18n/i18n';
import { formatSentDate, pagesOf, shortSentDate, wrapLines } from './inbox-format';

/** CJK one em, Latin 0.6 em, at 10 px. */
const measure = (text: string) =>
  [...text].reduce((width, char) => width + (char.charCodeAt(0) > 0x2fff ? 10 : 6), 0);

describe('inbox format', () => {
  it('says the day in Japan the notice was sent', () => {
    initI18n('ja');
    expect(formatSentDate('2026-11-27T16:00:00Z')).toBe('2026年11月28日');
    expect(shortSentDate('2026-11-27T16:00:00Z')).toBe('11/28');
    initI18n('en');
    expect(formatSentDate('2026-11-27T14:59:59Z')).toBe('27 November 2026');
    expect(shortSentDate('2026-11-27T14:59:59Z')).toBe('27 Nov');
  });

  it('wraps Japanese anywhere, English between words, each paragraph on a new line', () => {
    expect(wrapLines('あいうえおかきくけこさし\n次', 50, measure)).toEqual([
      'あいうえお',
      'かきくけこ',
      'さし',
      '次',
    ]);
    expect(wrapLines('one two three four', 60, measure)).toEqual(['one two', 'three four']);
  });

  it('never starts a line with 。 or 、', () => {
    expect(wrapLines('あいうえお。か', 50, measure)).toEqual(['あいうえ', 'お。か']);
  });

  it('breaks a word wider than a line', () => {
    expect(wrapLines('abcdefghijklmnop', 60, measure)).toEqual(['abcdefghij', 'klmnop']);
  });

  it('pages the lines, at least one page', () => {
    expect(pagesOf(['a', 'b', 'c'], 2)).toEqual([['a', 'b'], ['c']]);
    expect(pagesOf([], 3)).toEqual([[]]);
  });
});
