/** Layout of the PIN entry on the 1920×1080 stage, from the theme tokens and the frame's content box. */
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, textHeight, type Theme } from '../../../../app/theme/tokens';

export interface TextStyle {
  x: number;
  y: number;
  fontSize: number;
  lineHeight: number;
  color: number;
  wordWrapWidth: number;
  maxLines: number;
}

export const textStyle = (
  theme: Theme,
  box: { x: number; y: number; w: number },
  fontSize: number,
  maxLines: number,
  color = theme.colors.text,
): TextStyle => ({
  x: box.x,
  y: box.y,
  fontSize,
  lineHeight: lineHeight(fontSize, theme),
  color,
  wordWrapWidth: box.w,
  maxLines,
});

/** A text element for a template (patch `text.text` later). */
const textElement = (style: TextStyle, fontFace: string, textAlign: 'left' | 'center' = 'left') => ({
  x: style.x,
  y: style.y,
  w: style.wordWrapWidth,
  text: {
    text: '',
    fontFace,
    fontSize: style.fontSize,
    lineHeight: style.lineHeight,
    textColor: style.color,
    wordWrapWidth: style.wordWrapWidth,
    maxLines: style.maxLines,
    // Japanese has no spaces to wrap at: break anywhere.
    wordBreak: true,
    textAlign,
  },
});

/** A centred line of an entry column, as tall as its text; `gapAfter` may take back its half em. */
export const columnLine = (style: TextStyle, fontFace: string, gapAfter = 0) => ({
  ...textElement(style, fontFace, 'center'),
  // In a flex column the place comes from the column: x and y would only shift it.
  x: 0,
  y: 0,
  ...(gapAfter ? { flexItem: { marginBottom: gapAfter } } : {}),
});

/** The entry screens' column across the frame's content: `lines` one under the other, centred. */
export const entryColumn = (content: { x: number; y: number; w: number }, lines: Record<string, object>) => ({
  x: content.x,
  y: content.y,
  w: content.w,
  flex: { direction: 'column', alignItems: 'center' },
  ...lines,
});

export const pinEntryStyles = (theme: Theme) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  const lines = (n: number) => textHeight(type.body, n, theme);
  const instruction = textStyle(theme, content, type.body, 2);
  // Four large boxes (≥ 120 px) centred under the instruction.
  const box = { size: 140, gap: 40, border: 6, dot: 56 };
  const rowW = 4 * box.size + 3 * box.gap;
  const boxes = {
    x: content.x + Math.round((content.w - rowW) / 2),
    y: instruction.y + lines(2) + 16,
    w: rowW,
    gapAbove: 16,
    gapBelow: 24,
  };
  const below = boxes.y + box.size + boxes.gapBelow;
  const tries = textStyle(theme, { ...content, y: below }, type.body, 1);
  /** Under the tries line, or in its place when the error itself says the tries left. */
  const error = (withTries: boolean) =>
    textStyle(theme, { ...content, y: withTries ? below + lines(1) : below }, type.body, 3);
  const howTo = textStyle(
    theme,
    { ...content, y: below + lines(1) + lines(3) },
    type.body,
    2,
    colors.textMuted,
  );
  const panel = { x: content.x, y: below, w: content.w, h: content.y + content.h - below };
  return {
    fontFace: type.fontFace,
    content,
    instruction,
    box: { ...box, fill: colors.surface, empty: colors.textMuted, filled: colors.text, next: colors.focus },
    boxes,
    tries,
    error,
    howTo,
    panel,
  };
};
