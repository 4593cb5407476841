/** The idle warning: a panel centred over a dimmed screen. */
import { lineHeight, type Theme } from '../../theme/tokens';

export const idleWarningStyles = (theme: Theme) => {
  const { stage, type, colors } = theme;
  const w = 1280;
  const h = 660;
  const paddingX = 72;
  return {
    fontFace: type.fontFace,
    dim: { w: stage.w, h: stage.h, color: 0xcc000000 },
    panel: { x: (stage.w - w) / 2, y: (stage.h - h) / 2, w, h, radius: 24, color: colors.surface, paddingX },
    textW: w - 2 * paddingX,
    title: { y: 48, fontSize: type.title, lineHeight: lineHeight(type.title, theme), color: colors.text },
    body: { y: 160, fontSize: type.body, lineHeight: lineHeight(type.body, theme), color: colors.text },
    countdown: {
      y: 370,
      fontSize: type.title,
      lineHeight: lineHeight(type.title, theme),
      color: colors.text,
    },
    button: { y: 500 },
  };
};
