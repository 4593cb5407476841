/**
 * Theme tokens for the 10-foot UI: colours, type and the safe area. One object per operator; the
 * tests hold every text pair to WCAG AAA contrast (≥ 7:1) and the type to the elderly-viewer sizes.
 * Colours are Lightning ARGB numbers (0xAARRGGBB).
 */
export interface ThemeColors {
  background: number;
  surface: number;
  text: number;
  textMuted: number;
  accent: number;
  /** Text drawn on `accent`. */
  onAccent: number;
  cardBody: number;
  cardChip: number;
  reader: number;
  readerSlot: number;
}

export interface ThemeType {
  fontFace: string;
  /** Title size in px; ≥ 57 on a 1080p stage. */
  title: number;
  /** Body size in px; ≥ 36 on a 1080p stage. */
  body: number;
  lineHeightRatio: number;
}

export interface Theme {
  name: string;
  colors: ThemeColors;
  type: ThemeType;
  /** Title-safe margins on a 1920×1080 stage (5 % of each side). */
  safeArea: { x: number; y: number };
  stage: { w: number; h: number };
}

/** The text pairs the contrast check holds to 7:1: [foreground, background]. */
export const textPairs = (colors: ThemeColors): Array<[string, number, number]> => [
  ['text on background', colors.text, colors.background],
  ['muted text on background', colors.textMuted, colors.background],
  ['text on surface', colors.text, colors.surface],
  ['onAccent on accent', colors.onAccent, colors.accent],
];

export const defaultTheme: Theme = {
  name: 'madoguchi',
  colors: {
    background: 0xff0b1d33,
    surface: 0xff16304f,
    text: 0xffffffff,
    textMuted: 0xffd6e2f0,
    accent: 0xffffd54a,
    onAccent: 0xff0b1d33,
    cardBody: 0xffe8f1fb,
    cardChip: 0xffd4a534,
    reader: 0xff3a4a5e,
    readerSlot: 0xff05080c,
  },
  type: {
    fontFace: 'Noto Sans CJK JP, Noto Sans JP, sans-serif',
    title: 64,
    body: 40,
    lineHeightRatio: 1.4,
  },
  safeArea: { x: 96, y: 54 },
  stage: { w: 1920, h: 1080 },
};

/** Operators may ship their own theme; until then every operator gets the default. */
export const themes: Record<string, Theme> = { default: defaultTheme };
