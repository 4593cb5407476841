/**
 * Layout shared by the booking list screens (facilities, rooms, bookings): a header of text
 * lines, then a Menu filling the rest of the frame's content box. The menu is inset so its
 * focused row (ring + scale) stays inside the safe area.
 */
import { menuStyles } from '../../../app/components/Menu/Menu.styles';
import { screenFrameStyles } from '../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, type Theme } from '../../../app/theme/tokens';

export const listLayout = (theme: Theme, headerLines: number) => {
  const content = screenFrameStyles(theme).content;
  const menu = menuStyles(theme);
  const line = lineHeight(theme.type.body, theme);
  /** Room on each side for the focused row's ring and its scale about the centre. */
  const inset = Math.ceil((content.w * (menu.focusScale - 1)) / 2) + menu.ring + 4;
  const headerH = headerLines * line;
  /** The "▲ more" mark sits one row above the menu, at its right end. */
  const menuY = content.y + headerH + menu.rowH - 4;
  const moreBelowH = line + 4;
  const rowsSpace = content.y + content.h - menuY - moreBelowH;
  const visibleRows = Math.max(1, Math.floor((rowsSpace + menu.gap) / (menu.rowH + menu.gap)));
  return {
    content,
    fontFace: theme.type.fontFace,
    text: theme.colors.text,
    muted: theme.colors.textMuted,
    body: theme.type.body,
    line,
    header: { x: content.x, y: content.y, w: content.w },
    menu: { x: content.x + inset, y: menuY, w: content.w - 2 * inset, visibleRows },
  };
};
