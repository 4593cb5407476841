/**
 * A large focusable button: a filled pill with a thin muted outline (so it still reads as a button on
 * a surface-coloured panel, where the fill alone disappears); focused, it takes the focus colour, a
 * thick light ring and a scale.
 */
import { lineHeight, type Theme } from '../../theme/tokens';

export const buttonStyles = (theme: Theme) => {
  const { colors, type, focusRing } = theme;
  const fontSize = type.body;
  const paddingX = 40;
  return {
    h: lineHeight(fontSize, theme) + 24,
    minW: 240,
    paddingX,
    radius: 16,
    fontFace: type.fontFace,
    fontSize,
    ring: focusRing.width,
    outline: 3,
    focusScale: focusRing.scale,
    idle: { fill: colors.surface, text: colors.text, ring: colors.textMuted },
    focused: { fill: colors.focus, text: colors.onFocus, ring: colors.text },
  };
};
