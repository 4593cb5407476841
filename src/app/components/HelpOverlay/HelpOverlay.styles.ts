/**
 * Full-screen help: the title, two columns (remote | card), then the operator's contact. At 特大
 * the two columns do not fit side by side: each becomes a page of its own, full width.
 */
import { lineHeight, type Theme } from '../../theme/tokens';

export const helpOverlayStyles = (theme: Theme) => {
  const { safeArea, stage, type, colors } = theme;
  const left = safeArea.x;
  const contentW = stage.w - 2 * safeArea.x;
  const columnGap = 64;
  const paged = theme.textSize === 'largest';
  const columnW = paged ? contentW : (contentW - columnGap) / 2;
  const text = (fontSize: number, color: number, gapAfter: number) => ({
    fontSize,
    lineHeight: lineHeight(fontSize, theme),
    color,
    gapAfter,
  });
  const titleY = safeArea.y;
  // Text boxes carry half an em below the last line, so boxes can follow each other without gaps.
  const columnsY = titleY + lineHeight(type.title, theme) + 8;
  return {
    fontFace: type.fontFace,
    background: { w: stage.w, h: stage.h, color: colors.background },
    title: { x: left, y: titleY, w: contentW, ...text(type.title, colors.text, 0) },
    columns: { x: left, y: columnsY, w: columnW, gap: columnGap },
    /** The card column's left edge: beside the remote's, or over it on its own page. */
    cardX: paged ? left : left + columnW + columnGap,
    paged,
    heading: text(type.heading, colors.text, 8),
    // A key's line follows the one above at its line height: the half em a text box carries
    // below its last line is taken back (Lightning's flex allows a negative margin).
    line: text(type.body, colors.text, -Math.round(type.body / 2) + (paged ? 0 : 8)),
    /** The contact block sits at the bottom of the safe area (see the overlay). */
    bottom: stage.h - safeArea.y,
    contentW,
    left,
  };
};
