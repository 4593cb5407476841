/**
 * Layout of the insert-card screen on the 1920×1080 stage, from the theme tokens: centred lines
 * across the safe area (Japanese wraps anywhere).
 */
import { cardSlotStyles } from '../../../../app/components/CardSlotIllustration/CardSlotIllustration.styles';
import type { TextBoxStyle } from '../../../../app/components/TextBox/TextBox';
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, textHeight, type Theme } from '../../../../app/theme/tokens';

/**
 * The layout with or without the notice panel. The picture gives way as the words grow (full size
 * at the standard 40 px body) and, with a notice, to the room the notice's two lines leave above
 * the legend, so the title, the hint and the notice always show whole.
 */
export const insertCardStyles = (theme: Theme, withNotice = false) => {
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
  const bodyLine = lineHeight(type.body, theme);
  // Under the operator's name (top right, one body line), which a long title would run into.
  const title = text(safeArea.y + 12 + bodyLine + 8, type.title, colors.text);
  const gap = { title: withNotice ? 24 : 40, picture: 32, hint: 16 };
  const pictureY = title.y + title.lineHeight + gap.title;
  const notice = { lines: 2, padding: { x: 24, y: 8 } };
  const noticeH = textHeight(type.body, notice.lines, theme) + 2 * notice.padding.y;
  // What the picture may take: down to the legend, less the hint's two lines and the notice.
  const legendY = screenFrameStyles(theme).footer.y - 16;
  const room = legendY - pictureY - gap.picture - 2 * bodyLine - gap.hint - noticeH;
  const scale = Math.min(1, 40 / type.body, ...(withNotice ? [room / illustration.h] : []));
  const illustrationBox = {
    x: Math.round((stage.w - illustration.w * scale) / 2),
    y: pictureY,
    w: Math.round(illustration.w * scale),
    h: Math.round(illustration.h * scale),
    scale,
  };
  const hint = text(illustrationBox.y + illustrationBox.h + gap.picture, type.body, colors.text);
  // Why the viewer is back here (card pulled, logged out): under the hint, in the accent colour
  // panel with a ⚠ so it is not colour alone. The hint takes one line, or two at the larger sizes.
  const hintLines = withNotice && type.body > 40 ? 2 : 1;
  return {
    background: colors.background,
    fontFace: type.fontFace,
    title,
    illustrationBox,
    hint,
    notice: {
      ...text(hint.y + hintLines * bodyLine + gap.hint, type.body, colors.onAccent),
      panel: colors.accent,
      padding: notice.padding,
    },
  };
};
