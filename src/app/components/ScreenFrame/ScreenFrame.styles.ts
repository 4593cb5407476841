/**
 * The frame every screen shares: the title at the top left, the operator's name at the top right,
 * and at the bottom the colour-key legend. `content` is the box screens lay out in.
 */
import { lineHeight, textHeight, type Theme } from '../../theme/tokens';

/** The remote's colour keys as printed on it; the word next to each says what it does. */
export const REMOTE_KEY_COLORS = {
  red: 0xffe53935,
  green: 0xff43a047,
  yellow: 0xfffdd835,
  blue: 0xff1e88e5,
} as const;

export const screenFrameStyles = (theme: Theme) => {
  const { safeArea, stage, type, colors } = theme;
  const titleH = lineHeight(type.title, theme);
  const footerH = textHeight(type.body, 1, theme);
  const left = safeArea.x;
  const right = stage.w - safeArea.x;
  const top = safeArea.y;
  const bottom = stage.h - safeArea.y;
  const operatorW = 560;
  return {
    fontFace: type.fontFace,
    background: colors.background,
    title: {
      x: left,
      y: top,
      w: right - left - operatorW - 40,
      fontSize: type.title,
      /** A title too long for its line at the title size shrinks, down to this. */
      minFontSize: type.body,
      lineHeight: titleH,
      color: colors.text,
    },
    operator: { x: right, y: top + 12, w: operatorW, fontSize: type.body, color: colors.textMuted },
    /** The logos are 320×96 (10:3), shown at the title's height. */
    logo: { w: 240, h: 72 },
    footer: {
      x: left,
      y: bottom - footerH,
      h: footerH,
      lineHeight: lineHeight(type.body, theme),
      fontSize: type.body,
      color: colors.text,
      dot: 32,
      gap: 40,
    },
    content: {
      x: left,
      y: top + titleH + 36,
      w: right - left,
      h: bottom - footerH - 24 - (top + titleH + 36),
    },
  };
};
