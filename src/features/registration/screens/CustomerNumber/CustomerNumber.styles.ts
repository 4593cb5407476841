/** Layout of the customer-number screen on the 1920×1080 stage, from the theme tokens. */
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { textHeight, type Theme } from '../../../../app/theme/tokens';
import { entryFieldStyle } from '../../../secret-entry/screens/entry-field';
import { textStyle } from '../../../secret-entry/screens/PinEntry/PinEntry.styles';

export const customerNumberStyles = (theme: Theme) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  const lines = (n: number) => textHeight(type.body, n, theme);
  const intro = textStyle(theme, content, type.body, 2);
  const instruction = textStyle(theme, { ...content, y: intro.y + lines(2) + 8 }, type.body, 1);
  const field = entryFieldStyle(theme, content, {
    w: 1100,
    y: instruction.y + lines(1) + 8,
    h: 96,
    border: 6,
    fontSize: type.title,
  });
  const format = textStyle(theme, { ...content, y: field.y + field.h + 16 }, type.body, 2, colors.textMuted);
  const error = textStyle(theme, { ...content, y: format.y + lines(2) }, type.body, 2);
  const howTo = textStyle(theme, { ...content, y: error.y + lines(2) }, type.body, 2, colors.textMuted);
  return { fontFace: type.fontFace, intro, instruction, field, format, error, howTo };
};
