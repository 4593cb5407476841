/**
 * Theme tokens for the 10-foot UI: colours, type and the safe area. The operator's six colours
 * (settings.json, from config/operators/NAME.json) make the theme; the other tokens are derived
 * from them. The tests hold every text pair to WCAG AAA contrast (≥ 7:1) and the type to the
 * elderly-viewer sizes. Colours are Lightning ARGB numbers (0xAARRGGBB).
 */
import { DEFAULT_SETTINGS, type AppSettings } from '../settings/settings';
import { contrastRatio } from './contrast';
import type { ViewerPreferences } from '../../platform/types';

export interface ThemeColors {
  background: number;
  /** Panels, list rows and keys that are not focused. */
  surface: number;
  text: number;
  textMuted: number;
  accent: number;
  /** Text drawn on `accent`. */
  onAccent: number;
  /** The focused item's fill and ring. */
  focus: number;
  /** Text drawn on `focus`. */
  onFocus: number;
  cardBody: number;
  cardChip: number;
  reader: number;
  readerSlot: number;
}

/**
 * The viewer's text size (文字の大きさ 標準 / 大 / 特大). JIS S 0032 puts the legible size for a
 * viewer of about seventy at 2.5 m from a 32-inch set near 52 px on a 1080p stage; 40 px is the
 * floor for everyone else. Headings and titles keep their ratio to the body at every size.
 */
export const TEXT_SIZES = ['standard', 'large', 'largest'] as const satisfies ReadonlyArray<
  NonNullable<ViewerPreferences['textSize']>
>;
export type TextSize = (typeof TEXT_SIZES)[number];
const BODY_PX: Readonly<Record<TextSize, number>> = { standard: 40, large: 46, largest: 52 };
const HEADING_RATIO = 1.2;
const TITLE_RATIO = 1.6;

export const isTextSize = (value: unknown): value is TextSize =>
  typeof value === 'string' && (TEXT_SIZES as readonly string[]).includes(value);

interface ThemeType {
  fontFace: string;
  /** Title size in px; ≥ 57 on a 1080p stage. */
  title: number;
  /** Headings inside a screen (list titles, values); between body and title. */
  heading: number;
  /** Body size in px; ≥ 36 on a 1080p stage, the smallest text anywhere. */
  body: number;
  lineHeightRatio: number;
}

export interface Theme {
  name: string;
  /** The viewer's text size the `type` sizes are for. */
  textSize: TextSize;
  colors: ThemeColors;
  type: ThemeType;
  /** Title-safe margins on a 1920×1080 stage (5 % of each side). */
  safeArea: { x: number; y: number };
  stage: { w: number; h: number };
  /** Focus: a ring this thick plus this scale, never colour alone. */
  focusRing: { width: number; scale: number };
}

/** The text pairs the contrast check holds to 7:1: [name, foreground, background]. */
export const textPairs = (colors: ThemeColors): Array<[string, number, number]> => [
  ['text on background', colors.text, colors.background],
  ['muted text on background', colors.textMuted, colors.background],
  ['text on surface', colors.text, colors.surface],
  ['muted text on surface', colors.textMuted, colors.surface],
  ['onAccent on accent', colors.onAccent, colors.accent],
  ['onFocus on focus', colors.onFocus, colors.focus],
];

const argb = (hex: string): number => (0xff000000 | parseInt(hex.slice(1), 16)) >>> 0;

/** a → b by t (0…1), per channel. */
export const mix = (a: number, b: number, t: number): number => {
  const channel = (shift: number) => {
    const from = (a >>> shift) & 0xff;
    const to = (b >>> shift) & 0xff;
    return Math.round(from + (to - from) * t) << shift;
  };
  return (0xff000000 | channel(16) | channel(8) | channel(0)) >>> 0;
};

/** The strongest tint toward `toward` that keeps `fg` at ≥ 7:1 on it (steps of 2 %). */
const tintKeeping = (base: number, toward: number, fg: number, most: number): number => {
  for (let t = most; t > 0; t -= 0.02) {
    const tinted = mix(base, toward, t);
    if (contrastRatio(fg, tinted) >= 7.2) return tinted;
  }
  return base;
};

/** The type of a text size: 標準 40/48/64, 大 46/55/74, 特大 52/62/83 (body/heading/title). */
const typeFor = (size: TextSize): ThemeType => {
  const body = BODY_PX[size];
  return {
    fontFace: 'Noto Sans CJK JP, Noto Sans JP, sans-serif',
    title: Math.round(body * TITLE_RATIO),
    heading: Math.round(body * HEADING_RATIO),
    body,
    lineHeightRatio: 1.4,
  };
};

export function themeFromColors(
  name: string,
  colors: AppSettings['theme']['colors'],
  textSize: TextSize = 'standard',
): Theme {
  const background = argb(colors.background);
  const text = argb(colors.text);
  const surface = tintKeeping(background, text, text, 0.14);
  return {
    name,
    colors: {
      background,
      surface,
      text,
      textMuted: tintKeeping(text, background, surface, 0.3),
      accent: argb(colors.accent),
      onAccent: argb(colors.onAccent),
      focus: argb(colors.focus),
      onFocus: argb(colors.onFocus),
      cardBody: 0xffe8f1fb,
      cardChip: 0xffd4a534,
      reader: 0xff3a4a5e,
      readerSlot: 0xff05080c,
    },
    textSize,
    type: typeFor(textSize),
    safeArea: { x: 96, y: 54 },
    stage: { w: 1920, h: 1080 },
    focusRing: { width: 6, scale: 1.04 },
  };
}

export const themeFromSettings = (settings: AppSettings): Theme =>
  themeFromColors(settings.operator.id, settings.theme.colors);

/**
 * The theme the box's high-contrast setting asks for: white on black, black on yellow for what is
 * focused or chosen — the same for every operator, since the viewer chose it over the brand.
 */
export const highContrastTheme = (): Theme =>
  themeFromColors('high-contrast', {
    background: '#000000',
    text: '#FFFFFF',
    accent: '#FFFF00',
    onAccent: '#000000',
    focus: '#FFFF00',
    onFocus: '#000000',
  });

/** `base`'s colours with the type of `size` (high contrast combines with every size). */
export const withTextSize = (base: Theme, size: TextSize): Theme =>
  base.textSize === size ? base : { ...base, textSize: size, type: typeFor(size) };

/** The theme of the default settings (before or without an operator's). */
export const defaultTheme: Theme = themeFromSettings(DEFAULT_SETTINGS);

let current: Theme = defaultTheme;

/** The theme templates are built from; set once at start, before the first screen. */
export const theme = (): Theme => current;
export const setTheme = (next: Theme): void => {
  current = next;
};

export const lineHeight = (fontSize: number, t: Theme = current): number =>
  Math.round(fontSize * t.type.lineHeightRatio);

/** The height Lightning gives a text texture of `lines` lines (its TextTexture formula). */
export const textHeight = (fontSize: number, lines = 1, t: Theme = current): number => {
  const lh = lineHeight(fontSize, t);
  return lh * (lines - 1) + 0.5 * fontSize + Math.max(lh, fontSize);
};
