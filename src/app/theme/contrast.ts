/**
 * WCAG 2.x contrast, the one module for the app's theme and the operator configuration's check:
 * relative luminance of an sRGB colour and the ratio (L1 + 0.05) / (L2 + 0.05). Colours come as
 * Lightning ARGB numbers (alpha ignored) or as `#RRGGBB` text (an operator's file).
 * The viewers are elderly and sit three metres from the TV, so text must reach 7:1 (WCAG AAA).
 */
export const MINIMUM_CONTRAST = 7;

export type Colour = number | string;

/** sRGB's linear segment ends at 0.04045 (IEC 61966-2-1); no 8-bit value lies between it and WCAG's 0.03928. */
function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function rgbOf(colour: Colour): [number, number, number] {
  if (typeof colour === 'number') return [(colour >>> 16) & 0xff, (colour >>> 8) & 0xff, colour & 0xff];
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) throw new Error(`not a #RRGGBB colour: ${colour}`);
  return match.slice(1).map((part) => parseInt(part, 16)) as [number, number, number];
}

/** Relative luminance, 0 (black) … 1 (white). */
export function relativeLuminance(colour: Colour): number {
  const [r, g, b] = rgbOf(colour).map(channel) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two colours, 1 … 21, independent of their order. */
export function contrastRatio(a: Colour, b: Colour): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}
