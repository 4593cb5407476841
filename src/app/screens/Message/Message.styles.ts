/** Layout of the full-screen message: a column in the frame's content box, buttons at the end. */
import { screenFrameStyles } from '../../components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, type Theme } from '../../theme/tokens';

export const messageStyles = (theme: Theme) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  const toneFill = { paddingX: 28, gapAfter: 20 };
  // The tone's widest word ("ℹ お知らせ", "ℹ Notice") is about 5.2 em; its fill and the gap after it.
  const toneW = Math.round(type.heading * 6) + 2 * toneFill.paddingX + 2 * toneFill.gapAfter;
  const text = (fontSize: number, color: number, gapAfter: number) => ({
    fontSize,
    lineHeight: lineHeight(fontSize, theme),
    color,
    gapAfter,
  });
  return {
    fontFace: type.fontFace,
    content,
    /** The tone's icon + word ("⚠ エラー"): meaning by symbol and word, not colour. */
    tone: {
      ...text(type.heading, colors.onAccent, toneFill.gapAfter),
      fill: colors.accent,
      paddingX: toneFill.paddingX,
      radius: 12,
    },
    /** The body and rule sit right of the tone, to the content's right edge. */
    textW: content.w - toneW,
    body: text(type.body, colors.text, 20),
    rule: text(type.body, colors.textMuted, 20),
    contact: text(type.heading, colors.text, 4),
    hours: text(type.body, colors.text, 28),
    buttonGap: 48,
    /** Room kept for the focus ring and scale around the buttons. */
    buttonsMarginX: theme.focusRing.width * 4,
  };
};
