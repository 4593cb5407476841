/**
 * Layout of the insert-card screen on the 1920×1080 stage, from the theme tokens: centred lines
 * across the safe area (Japanese wraps anywhere).
 */
import { cardSlotStyles } from '../../../../app/components/CardSlotIllustration/CardSlotIllustration.styles';
import type { TextBoxStyle } from '../../../../app/components/TextBox/TextBox';
import { lineHeight, textHeight, type Theme } from '../../../../app/theme/tokens';

export const insertCardStyles = (theme: Theme) => {
  const { safeArea, stage, type, colors } = theme;
  const contentW = stage.w - 2 * safeArea.x;
  const text = (y: number, fontSize: number, color: number) =>
    ({
      x: safeArea.x,
      y,
      w: contentW,
      fontFace: type.fontFace,
      fontSize,
      lineHeight: lineHeight(fontSize, theme),
      color,
      align: 'center',
      wordBreak: true,
    }) satisfies TextBoxStyle;
  const illustration = cardSlotStyles(colors).size;
  const title = text(safeArea.y + 60, type.title, colors.text);
  const illustrationBox = {
    x: Math.round((stage.w - illustration.w) / 2),
    y: title.y + title.lineHeight + 48,
    w: illustration.w,
    h: illustration.h,
  };
  const hint = text(illustrationBox.y + illustrationBox.h + 40, type.body, colors.text);
  // Why the viewer is back here (card pulled, logged out): under the hint, in the accent colour
  // panel with a ⚠ so it is not colour alone.
  const notice = {
    ...text(hint.y + textHeight(type.body, 1, theme) + 16, type.body, colors.onAccent),
    panel: colors.accent,
  };
  return { background: colors.background, fontFace: type.fontFace, title, illustrationBox, hint, notice };
};
