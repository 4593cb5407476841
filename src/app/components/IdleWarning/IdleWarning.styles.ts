/**
 * The idle warning: a panel centred over a dimmed screen, as tall as its lines (a column: the
 * body takes more lines at the larger text sizes).
 */
import { lineHeight, type Theme } from '../../theme/tokens';

export const idleWarningStyles = (theme: Theme) => {
  const { stage, type, colors } = theme;
  const w = Math.min(stage.w - 2 * theme.safeArea.x, Math.round(type.body * 32));
  const paddingX = 72;
  const text = (fontSize: number, gapAfter: number) => ({
    fontSize,
    lineHeight: lineHeight(fontSize, theme),
    color: colors.text,
    gapAfter,
  });
  return {
    fontFace: type.fontFace,
    dim: { w: stage.w, h: stage.h, color: 0xcc000000 },
    panel: { x: stage.w / 2, y: stage.h / 2, w, radius: 24, color: colors.surface, paddingX, paddingY: 48 },
    textW: w - 2 * paddingX,
    title: text(type.title, 16),
    body: text(type.body, 24),
    countdown: text(type.title, 32),
  };
};
