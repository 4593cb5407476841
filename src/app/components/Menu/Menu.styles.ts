/** Rows of a menu or list: full-width bars with the label left and an optional detail right. */
import { lineHeight, type Theme } from '../../theme/tokens';

export const menuStyles = (theme: Theme) => {
  const { colors, type, focusRing } = theme;
  const fontSize = type.body;
  return {
    rowH: lineHeight(fontSize, theme) + 28,
    gap: 20,
    paddingX: 36,
    radius: 14,
    fontFace: type.fontFace,
    fontSize,
    ring: focusRing.width,
    focusScale: 1.02,
    idle: { fill: colors.surface, text: colors.text, detail: colors.textMuted },
    focused: { fill: colors.focus, text: colors.onFocus, detail: colors.onFocus, ring: colors.text },
    /** The "more above / more below" marks: text, not colour. */
    more: colors.textMuted,
  };
};
