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
  // Under the operator's name (top right, one body line), which a long title would run into.
  const title = text(safeArea.y + 12 + lineHeight(type.body, theme) + 8, type.title, colors.text);
  // The picture gives way as the words grow: full size at the standard 40 px body.
  const scale = Math.min(1, 40 / type.body);
  const illustrationBox = {
    x: Math.round((stage.w - illustration.w * scale) / 2),
    y: title.y + title.lineHeight + 40,
    w: Math.round(illustration.w * scale),
    h: Math.round(illustration.h * scale),
    scale,
  };
  const hint = text(illustrationBox.y + illustrationBox.h + 32, type.body, colors.text);
  // Why the viewer is back here (card pulled, logged out): under the hint, in the accent colour
  // panel with a ⚠ so it is not colour alone.
  const notice = {
    ...text(hint.y + textHeight(type.body, 1, theme) + 16, type.body, colors.onAccent),
    panel: colors.accent,
    padding: { x: 24, y: 8 },
  };
  return { background: colors.background, fontFace: type.fontFace, title, illustrationBox, hint, notice };
};
