import { contrastRatio } from '../../theme/contrast';
import { defaultTheme } from '../../theme/tokens';
import { insertCardCopy, insertCardStyles, type TextStyle } from './InsertCard.styles';

const { safeArea, stage } = defaultTheme;
const s = insertCardStyles(defaultTheme);
const texts: Array<[string, TextStyle]> = [
  ['title', s.title],
  ['subtitle', s.subtitle],
  ['hint', s.hint],
  ['hintEn', s.hintEn],
];

describe('InsertCard screen', () => {
  it('asks for the card in Japanese first, with English below', () => {
    expect(insertCardCopy.title).toBe('マイナンバーカードを差し込んでください');
    expect(insertCardCopy.subtitle).toMatch(/insert your My Number Card/);
    expect(s.subtitle.y).toBeGreaterThan(s.title.y);
  });

  it('uses title and body sizes from the theme', () => {
    expect(s.title.fontSize).toBeGreaterThanOrEqual(57);
    for (const [, style] of texts.slice(1)) expect(style.fontSize).toBeGreaterThanOrEqual(36);
  });

  it.each(texts)('%s stays inside the safe area', (_name, style) => {
    expect(style.x).toBeGreaterThanOrEqual(safeArea.x);
    expect(style.x + style.wordWrapWidth).toBeLessThanOrEqual(stage.w - safeArea.x);
    expect(style.y).toBeGreaterThanOrEqual(safeArea.y);
    expect(style.y + style.lineHeight).toBeLessThanOrEqual(stage.h - safeArea.y);
  });

  it('fits the title on one line (about one em per kana/kanji)', () => {
    expect(insertCardCopy.title.length * s.title.fontSize).toBeLessThanOrEqual(s.title.wordWrapWidth);
  });

  it('keeps the illustration inside the safe area', () => {
    const box = s.illustrationBox;
    expect(box.x).toBeGreaterThanOrEqual(safeArea.x);
    expect(box.x + box.w).toBeLessThanOrEqual(stage.w - safeArea.x);
    expect(box.y + box.h).toBeLessThanOrEqual(stage.h - safeArea.y);
  });

  it.each(texts)('%s has at least 7:1 contrast on the background', (_name, style) => {
    expect(contrastRatio(style.color, s.background)).toBeGreaterThanOrEqual(7);
  });
});
