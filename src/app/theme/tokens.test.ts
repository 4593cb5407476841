import { contrastRatio } from './contrast';
import { defaultTheme, textPairs, themes } from './tokens';

describe('theme tokens', () => {
  it('computes WCAG contrast', () => {
    expect(contrastRatio(0xffffffff, 0xff000000)).toBeCloseTo(21, 5);
    expect(contrastRatio(0xff777777, 0xff777777)).toBeCloseTo(1, 5);
  });

  for (const [name, theme] of Object.entries(themes)) {
    it.each(textPairs(theme.colors))(`${name}: %s is at least 7:1`, (_pair, fg, bg) => {
      expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(7);
    });

    it(`${name}: large type (body ≥ 36 px, title ≥ 57 px)`, () => {
      expect(theme.type.body).toBeGreaterThanOrEqual(36);
      expect(theme.type.title).toBeGreaterThanOrEqual(57);
    });

    it(`${name}: safe area is at least 5 % of a 1920×1080 stage`, () => {
      expect(theme.stage).toEqual({ w: 1920, h: 1080 });
      expect(theme.safeArea.x).toBeGreaterThanOrEqual(96);
      expect(theme.safeArea.y).toBeGreaterThanOrEqual(54);
    });
  }

  it('the default theme uses a Japanese font first', () => {
    expect(defaultTheme.type.fontFace).toMatch(/^Noto Sans CJK JP/);
  });
});
