/**
 * Layout of one notice: its title, a line with the sender, the day and the page ("1/3"), the
 * page of text in large type (at least 48 px, the viewer's body size when that is larger) inside a
 * ring that shows when the page has the focus,
 * a note line when needed, and the buttons at the bottom. The screen places the lines from the
 * title's and the note's line counts (screens/inbox-format.ts cuts the lines).
 */
import { buttonStyles } from '../../../../app/components/Button/Button.styles';
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, textHeight, type Theme } from '../../../../app/theme/tokens';

/** A notice's text is never smaller than this (標準's heading size). */
const LARGE_TEXT_PX = 48;

export const noticeDetailStyles = (theme: Theme) => {
  const { type, colors, focusRing } = theme;
  const content = screenFrameStyles(theme).content;
  const button = buttonStyles(theme);
  const inset = button.ring + Math.ceil((button.h * (button.focusScale - 1)) / 2) + 4;
  const look = (fontSize: number, color = colors.text) => ({
    fontSize,
    lineHeight: lineHeight(fontSize, theme),
    color,
  });
  const ring = focusRing.width;
  /** The page's text sits this far inside its ring. */
  const pad = ring + 8;
  const pageW = 400;
  return {
    fontFace: type.fontFace,
    content,
    gap: 16,
    title: { ...look(type.heading), maxLines: 2 },
    meta: look(type.body, colors.textMuted),
    body: look(Math.max(type.body, LARGE_TEXT_PX)),
    note: look(type.body),
    ring: { width: ring, color: colors.focus, pad },
    buttons: { x: content.x + inset, y: content.y + content.h - button.h - inset, gap: 48 },
    /** The room `lines` lines of `fontSize` need before the next line (a box's last half em is empty). */
    advance: (fontSize: number, lines: number) => lines * lineHeight(fontSize, theme),
    /** The height Lightning gives `lines` lines of `fontSize`. */
    height: (fontSize: number, lines: number) => textHeight(fontSize, lines, theme),
    /** The page marker's box at the meta line's right end. */
    pageW,
    /** The meta line's width: up to the page marker. */
    metaW: content.w - pageW - 24,
  };
};
