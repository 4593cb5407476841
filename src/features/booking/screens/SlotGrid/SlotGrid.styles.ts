/**
 * Layout of the slot grid: where and when (facility and room, the date in large type), two lines
 * for guidance or a notice, then the slots as large tiles, three to a row.
 */
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, type Theme } from '../../../../app/theme/tokens';

export const SLOT_COLUMNS = 3;

export const slotGridStyles = (theme: Theme) => {
  const { colors, type, focusRing } = theme;
  const content = screenFrameStyles(theme).content;
  const line = lineHeight(type.body, theme);
  const headingLine = lineHeight(type.heading, theme);
  const focusScale = focusRing.scale;
  const gap = 40;
  const tileW = Math.floor((content.w - 2 * gap - 80) / SLOT_COLUMNS);
  const paddingY = 20;
  const tileH = 2 * headingLine + line + 2 * paddingY;
  const gridW = SLOT_COLUMNS * tileW + (SLOT_COLUMNS - 1) * gap;
  const placeY = content.y;
  const dateY = placeY + line;
  const guideY = dateY + headingLine + 8;
  return {
    fontFace: type.fontFace,
    place: { x: content.x, y: placeY, w: content.w, fontSize: type.body, color: colors.text, maxLines: 2 },
    date: { x: content.x, y: dateY, w: content.w, fontSize: type.heading, color: colors.text, maxLines: 1 },
    guide: { x: content.x, y: guideY, w: content.w, fontSize: type.body, color: colors.text, maxLines: 2 },
    grid: { x: content.x + Math.round((content.w - gridW) / 2), y: guideY + 2 * line + 32 },
    tile: {
      w: tileW,
      h: tileH,
      gap,
      paddingY,
      radius: 16,
      ring: focusRing.width,
      focusScale,
      headingSize: type.heading,
      headingLine,
      bodySize: type.body,
      line,
      free: { fill: colors.surface, text: colors.text, outline: colors.surface },
      /** Dimmed, and "× 予約済み" in words. */
      taken: { fill: colors.background, text: colors.textMuted, outline: colors.surface },
      focused: { fill: colors.focus, text: colors.onFocus, outline: colors.text },
    },
  };
};
