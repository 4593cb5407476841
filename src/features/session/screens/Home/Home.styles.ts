/** Layout of the home menu: the greeting, a one-line hint, then the big menu rows. */
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { menuStyles } from '../../../../app/components/Menu/Menu.styles';
import { lineHeight, textHeight, type Theme } from '../../../../app/theme/tokens';

export const homeStyles = (theme: Theme) => {
  const { type, colors, focusRing } = theme;
  const content = screenFrameStyles(theme).content;
  const greeting = {
    y: content.y,
    fontSize: type.heading,
    lineHeight: lineHeight(type.heading, theme),
    color: colors.text,
  };
  const hint = {
    y: greeting.y + textHeight(type.heading, 1, theme) + 8,
    fontSize: type.body,
    lineHeight: lineHeight(type.body, theme),
    color: colors.textMuted,
  };
  // The focused row scales up a little; keep it and its ring inside the content box.
  const inset = focusRing.width * 6;
  const menuY = hint.y + textHeight(type.body, 1, theme) + 36;
  // As many rows as fit (the rest scroll): all five at the standard size, fewer as the text grows,
  // and then with room for the "▼ more" line under them.
  const { rowH, gap } = menuStyles(theme);
  const rowsIn = (room: number) => Math.max(1, Math.floor((room + gap) / (rowH + gap)));
  const room = content.y + content.h - menuY;
  const moreLine = textHeight(type.body, 1, theme) - type.body / 2 + 4;
  return {
    fontFace: type.fontFace,
    content,
    greeting,
    hint,
    menu: {
      x: content.x + inset,
      y: menuY,
      w: content.w - 2 * inset,
      /** The rows shown for `count` items. */
      visibleRows: (count: number) => (count <= rowsIn(room) ? count : rowsIn(room - moreLine)),
    },
  };
};
