/**
 * Layout of the customer-number screen on the 1920×1080 stage, from the theme tokens: one column,
 * each line as tall as its text, so a short line leaves its room to the lines below at every size.
 */
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import type { Theme } from '../../../../app/theme/tokens';
import { entryFieldStyle } from '../../../secret-entry/screens/entry-field';
import { textStyle } from '../../../secret-entry/screens/PinEntry/PinEntry.styles';

export const customerNumberStyles = (theme: Theme) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  const line = (color = colors.text, maxLines = 2) => textStyle(theme, content, type.body, maxLines, color);
  // The field holds the digits at the title size, with room above and below them.
  const field = entryFieldStyle(theme, content, {
    w: 1100,
    y: 0,
    h: Math.round(type.title * 1.5),
    border: 6,
    fontSize: type.title,
  });
  return {
    fontFace: type.fontFace,
    content,
    intro: line(),
    instruction: line(colors.text, 1),
    field,
    format: line(colors.textMuted),
    error: line(),
    howTo: line(colors.textMuted),
    /** A text box carries half an em below its last line: the next line may start inside it. */
    textGap: -Math.round(type.body / 2) + 12,
    fieldGap: 16,
  };
};
