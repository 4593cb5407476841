/**
 * WCAG 2.x contrast: relative luminance of an sRGB colour and the ratio (L1 + 0.05) / (L2 + 0.05).
 * The operator theme must reach 7:1 (WCAG AAA) on each text/background pair: the viewers are
 * elderly and sit three metres from the TV.
 */
export const MINIMUM_CONTRAST = 7;

/** The theme's foreground/background pairs that must reach MINIMUM_CONTRAST. */
export const CONTRAST_PAIRS = [
  ['text', 'background'],
  ['onAccent', 'accent'],
  ['onFocus', 'focus'],
] as const;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance (0 black … 1 white) of `#RRGGBB`. */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #RRGGBB colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => channel(parseInt(part, 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two colours, 1 … 21, independent of their order. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}
