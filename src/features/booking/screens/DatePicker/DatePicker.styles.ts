/**
 * Layout of the booking calendar: a heading line, the week grid (Sunday first) on the left and,
 * on the right, a panel saying the focused date, whether it has free slots, the legend and what
 * to do. Cells are inset so the focused cell's ring and scale stay in the safe area.
 */
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, type Theme } from '../../../../app/theme/tokens';

export const datePickerStyles = (theme: Theme) => {
  const { colors, type, focusRing } = theme;
  const content = screenFrameStyles(theme).content;
  const line = lineHeight(type.body, theme);
  // Wide enough for "31 ×" (about 2.4 em) and a line high plus room for the ring, at every text
  // size; no wider, so the panel beside keeps a date and the legend on one line each.
  const cell = {
    w: Math.max(140, Math.round(type.body * 2.7)),
    h: Math.max(72, line + 8),
    gap: 10,
    radius: 12,
    focusScale: 1.08,
  };
  const grid = { x: content.x + 16, y: content.y + line + 16 };
  const gridW = 7 * cell.w + 6 * cell.gap;
  const panelX = grid.x + gridW + 48;
  return {
    content,
    fontFace: type.fontFace,
    line,
    heading: {
      x: content.x,
      y: content.y,
      w: content.w,
      fontSize: type.body,
      color: colors.text,
      maxLines: 2,
    },
    grid: { ...grid, w: gridW, weekdaysH: line, cellsY: line + 8 },
    cell: {
      ...cell,
      ring: focusRing.width,
      fontSize: type.body,
      bookable: { fill: colors.surface, text: colors.text },
      /** Dimmed, and marked "×" in words too. */
      full: { fill: colors.background, text: colors.textMuted, outline: colors.surface },
      focused: { fill: colors.focus, text: colors.onFocus, ring: colors.text },
    },
    weekday: { fontSize: type.body, color: colors.text },
    panel: { x: panelX, y: grid.y, w: content.x + content.w - panelX, gap: 24 },
    // At 特大 the body is as large as the standard heading: the date keeps to one line of the panel.
    focusDate: { fontSize: theme.textSize === 'largest' ? type.body : type.heading, color: colors.text },
    body: { fontSize: type.body, color: colors.text },
    muted: { fontSize: type.body, color: colors.textMuted },
    loading: { x: content.x, y: grid.y + line, w: content.w, fontSize: type.body, color: colors.text },
  };
};
