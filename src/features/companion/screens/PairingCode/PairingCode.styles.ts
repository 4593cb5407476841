/**
 * Layout of the pairing code: the QR code on the left, as tall as the content allows (on its white
 * square, quiet zone included), and a flex column beside it: the two steps, the user code in very
 * large type, the short address to type, and the time left. Lines follow at their line height (a
 * text box's empty half em below its line is taken back).
 */
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, type Theme } from '../../../../app/theme/tokens';

export const pairingCodeStyles = (theme: Theme) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  /** The QR's square: big for a phone 3 m away, smaller as the words grow so the column keeps room. */
  const qrMax = Math.min(content.h, 600 - (type.body - 40) * 8);
  const gap = 64;
  const column = { x: content.x + qrMax + gap, y: content.y, w: content.w - qrMax - gap };
  const text = (fontSize: number, color: number, maxLines: number, marginTop = 0) => ({
    fontSize,
    lineHeight: lineHeight(fontSize, theme),
    color,
    maxLines,
    marginTop,
    marginBottom: 8 - Math.round(fontSize / 2),
  });
  return {
    fontFace: type.fontFace,
    content,
    qr: { x: content.x, y: content.y, maxSide: qrMax },
    column,
    step: text(type.body, colors.text, 2),
    /** The user code: the largest type on screen, letters spaced for reading aloud from afar. */
    code: { ...text(Math.max(112, Math.round(type.title * 1.4)), colors.accent, 1, 8), letterSpacing: 8 },
    typeInstead: text(type.body, colors.textMuted, 2, 8),
    /** The address to type: the text's colour, apart from the hint above it. */
    url: text(type.body, colors.text, 2),
    time: text(type.body, colors.text, 2, 8),
  };
};
