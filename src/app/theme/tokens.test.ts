import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { contrastRatio } from './contrast';
import {
  defaultTheme,
  highContrastTheme,
  TEXT_SIZES,
  textPairs,
  themeFromColors,
  withTextSize,
  type Theme,
} from './tokens';

const operatorsDir = path.join(__dirname, '../../../config/operators');
const operatorThemes: Array<[string, Theme]> = readdirSync(operatorsDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => {
    const config = JSON.parse(readFileSync(path.join(operatorsDir, file), 'utf8'));
    return [config.id, themeFromColors(config.id, config.theme.colors)];
  });
const themes: Array<[string, Theme]> = [['default', defaultTheme], ...operatorThemes];

describe('theme tokens', () => {
  it('computes WCAG contrast', () => {
    expect(contrastRatio(0xffffffff, 0xff000000)).toBeCloseTo(21, 5);
    expect(contrastRatio(0xff777777, 0xff777777)).toBeCloseTo(1, 5);
  });

  it('has a theme for every example operator', () => {
    expect(operatorThemes.map(([name]) => name).sort()).toEqual(['madoguchi-cable-tokyo', 'minato-catv']);
  });

  describe.each(themes)('%s', (_name, theme) => {
    it.each(textPairs(theme.colors))('%s is at least 7:1', (_pair, fg, bg) => {
      expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(7);
    });

    it('derives a surface that differs from the background (rows are visible)', () => {
      expect(theme.colors.surface).not.toBe(theme.colors.background);
    });

    it('large type (body ≥ 36 px, title ≥ 57 px)', () => {
      expect(theme.type.body).toBeGreaterThanOrEqual(36);
      expect(theme.type.heading).toBeGreaterThanOrEqual(theme.type.body);
      expect(theme.type.title).toBeGreaterThanOrEqual(57);
    });

    it('focus is a ring of at least 4 px plus a scale', () => {
      expect(theme.focusRing.width).toBeGreaterThanOrEqual(4);
      expect(theme.focusRing.scale).toBeGreaterThan(1);
    });

    it('safe area is at least 5 % of a 1920×1080 stage', () => {
      expect(theme.stage).toEqual({ w: 1920, h: 1080 });
      expect(theme.safeArea.x).toBeGreaterThanOrEqual(96);
      expect(theme.safeArea.y).toBeGreaterThanOrEqual(54);
    });
  });

  it('scales the type for each text size: body 40 / 46 / 52, headings and titles in step', () => {
    const sizes = TEXT_SIZES.map((size) => withTextSize(defaultTheme, size).type);
    expect(sizes.map(({ body, heading, title }) => [body, heading, title])).toEqual([
      [40, 48, 64],
      [46, 55, 74],
      [52, 62, 83],
    ]);
  });

  it('combines high contrast with any text size, keeping its colours', () => {
    const largest = withTextSize(highContrastTheme(), 'largest');
    expect([largest.name, largest.colors, largest.type.body]).toEqual([
      'high-contrast',
      highContrastTheme().colors,
      52,
    ]);
    expect(withTextSize(largest, 'standard').type.body).toBe(40);
  });

  it('the default theme uses a Japanese font first', () => {
    expect(defaultTheme.type.fontFace).toMatch(/^Noto Sans CJK JP/);
  });
});
