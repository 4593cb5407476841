/** The last-try warning panel: the warning text and two buttons, inside the box the screen gives. */
import { buttonStyles } from '../../../../app/components/Button/Button.styles';
import { lineHeight, textHeight, type Theme } from '../../../../app/theme/tokens';

export const lastTryPanelStyles = (theme: Theme, box: { w: number; h: number }) => {
  const { type, colors } = theme;
  const padding = 32;
  const textLines = 3;
  const text = {
    x: padding,
    y: padding,
    w: box.w - 2 * padding,
    fontSize: type.body,
    lineHeight: lineHeight(type.body, theme),
    maxLines: textLines,
    color: colors.text,
  };
  const buttonH = buttonStyles(theme).h;
  const buttonsY = padding + textHeight(type.body, textLines, theme) + 24;
  return {
    fontFace: type.fontFace,
    w: box.w,
    h: Math.min(box.h, buttonsY + buttonH + padding),
    fill: colors.surface,
    border: colors.accent,
    borderWidth: 4,
    radius: 16,
    text,
    buttons: { x: padding, y: buttonsY, gap: 48, w: 420 },
  };
};
