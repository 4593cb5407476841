/** Layout of the signature-password screen (text above, on-screen keypad below), from the theme. */
import { buttonStyles } from '../../../../app/components/Button/Button.styles';
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, type Theme } from '../../../../app/theme/tokens';
import { entryFieldStyle } from '../entry-field';
import { textStyle } from '../PinEntry/PinEntry.styles';

/** A key of the keypad: its place on the grid (`span` columns wide) and the event OK on it sends. */
export interface KeypadKey {
  ref: string;
  label: string;
  row: number;
  col: number;
  span: number;
  event: { type: 'CHAR'; char: string } | { type: 'BACK' } | { type: 'OK' };
}

const KEYPAD_COLUMNS = 10;

const charKeys = (chars: string, row: number): KeypadKey[] =>
  [...chars].map((char, col) => ({
    ref: `Key${char}`,
    label: char,
    row,
    col,
    span: 1,
    event: { type: 'CHAR', char },
  }));

/** A–Z, 0–9, then 消す and 決定 (labels are translation keys), two columns each. */
export const KEYPAD: readonly KeypadKey[] = [
  ...charKeys('ABCDEFGHIJ', 0),
  ...charKeys('KLMNOPQRST', 1),
  ...charKeys('UVWXYZ0123', 2),
  ...charKeys('456789', 3),
  { ref: 'KeyDelete', label: 'registration.key.delete', row: 3, col: 6, span: 2, event: { type: 'BACK' } },
  { ref: 'KeyDone', label: 'registration.key.done', row: 3, col: 8, span: 2, event: { type: 'OK' } },
];

export const signPasswordStyles = (theme: Theme) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  const bodyLine = lineHeight(type.body, theme);
  // Above the standard size the keypad leaves less room: the instruction is its one-line form
  // (the title says it is the password), and at 特大 the how-to line is only spoken.
  const compact = theme.textSize !== 'standard';
  const instructionLines = compact ? 1 : 2;
  const instruction = textStyle(theme, content, type.body, instructionLines);
  const gap = 8;
  const field = {
    ...entryFieldStyle(theme, content, {
      w: 1200,
      y: 0,
      h: Math.round(type.heading * 1.5),
      border: 4,
      fontSize: type.heading,
    }),
    padding: 24,
    countColor: colors.textMuted,
  };
  const statusY = content.y + instructionLines * bodyLine + 2 * gap + field.h + gap;
  const key = { w: 120, h: buttonStyles(theme).h, gap: 16, rowGap: 6 };
  const rows = 4;
  const keypadW = KEYPAD_COLUMNS * key.w + (KEYPAD_COLUMNS - 1) * key.gap;
  const keypadH = rows * key.h + (rows - 1) * key.rowGap;
  const keypad = {
    x: content.x + Math.round((content.w - keypadW) / 2),
    y: content.y + content.h - keypadH,
    w: keypadW,
    h: keypadH,
  };
  return {
    fontFace: type.fontFace,
    content,
    compact,
    showHowTo: theme.textSize !== 'largest',
    instruction,
    field,
    gap,
    /** A text box carries half an em below its last line: the next line may start inside it. */
    textGap: -Math.round(type.body / 2) + gap,
    tries: textStyle(theme, content, type.body, 1),
    /** The error (with the tries left when it does not say them) takes the tries and how-to lines. */
    error: textStyle(theme, content, type.body, 3),
    howTo: textStyle(theme, content, type.body, 1, colors.textMuted),
    key,
    keypad,
    keyBox: (k: KeypadKey) => ({
      x: k.col * (key.w + key.gap),
      y: k.row * (key.h + key.rowGap),
      w: k.span * key.w + (k.span - 1) * key.gap,
    }),
    panel: { x: content.x, y: statusY, w: content.w, h: content.y + content.h - statusY },
  };
};
