/**
 * The field the viewer types into (the customer number, the signature password): an outline in the
 * text colour around the surface fill, centred in the frame's content. What it holds is the screen's.
 */
import type { Theme } from '../../../app/theme/tokens';

/** A box drawn as an outline: the border colour behind a fill `border` px smaller on each side. */
export interface Outline {
  x: number;
  y: number;
  w: number;
  h: number;
  border: number;
  borderColor: number;
  fill: number;
}

export interface EntryFieldStyle extends Outline {
  fontSize: number;
}

/** The field `size.w` wide, centred in `content`, at `size.y`. */
export const entryFieldStyle = (
  theme: Theme,
  content: { x: number; w: number },
  size: { w: number; y: number; h: number; border: number; fontSize: number },
): EntryFieldStyle => ({
  x: content.x + Math.round((content.w - size.w) / 2),
  y: size.y,
  w: size.w,
  h: size.h,
  border: size.border,
  fontSize: size.fontSize,
  borderColor: theme.colors.text,
  fill: theme.colors.surface,
});

/** The outlined box's template, with `contents` on top of the fill. */
export const outlinedElement = (f: Outline, contents: Record<string, object>) => ({
  x: f.x,
  y: f.y,
  w: f.w,
  h: f.h,
  rect: true,
  color: f.borderColor,
  Inner: {
    x: f.border,
    y: f.border,
    w: f.w - 2 * f.border,
    h: f.h - 2 * f.border,
    rect: true,
    color: f.fill,
  },
  ...contents,
});
