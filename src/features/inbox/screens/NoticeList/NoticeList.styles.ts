/** Layout of the notice list: a hint line, then the notices as a Menu; a message where the list is. */
import { menuStyles } from '../../../../app/components/Menu/Menu.styles';
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, textHeight, type Theme } from '../../../../app/theme/tokens';

export const noticeListStyles = (theme: Theme) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  const menu = menuStyles(theme);
  // Room for the focused row's ring + scale on both sides.
  const inset = menu.ring + Math.ceil((content.w * (menu.focusScale - 1)) / 2) + 4;
  const hintH = textHeight(type.body, 1, theme);
  // The "▲ more" mark sits one row height above the first row, right-aligned.
  const menuY = content.y + Math.max(hintH + 16, menu.rowH - 12) + menu.ring;
  const moreBelowH = 4 + textHeight(type.body, 1, theme);
  const rowsSpace = content.y + content.h - menuY - moreBelowH;
  const visibleRows = Math.max(1, Math.floor((rowsSpace + menu.gap) / (menu.rowH + menu.gap)));
  const text = (y: number, fontSize: number, maxLines: number) => ({
    x: content.x,
    y,
    w: content.w,
    fontSize,
    lineHeight: lineHeight(fontSize, theme),
    color: colors.text,
    maxLines,
  });
  const notice = text(content.y + 40, type.heading, 3);
  return {
    fontFace: type.fontFace,
    content,
    // The hint stops short of the "▲ more" mark at the menu's right end.
    hint: { ...text(content.y, type.body, 1), w: content.w - 320 },
    notice,
    menu: { x: content.x + inset, y: menuY, w: content.w - 2 * inset, visibleRows },
    /** With no notices: the one row (back home) under the message. */
    emptyMenuY: notice.y + textHeight(type.heading, 3, theme) + 40 + menu.ring,
  };
};
