/**
 * Layout of the trend chart inside the frame's content box: the unit over the y axis, the plot
 * (room above it for the top point's value label, y tick labels left of it, years under it), and
 * two summary lines at the bottom for viewers who do not read charts.
 */
import { screenFrameStyles } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { REMOTE_KEY_COLORS } from '../../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, mix, textHeight, type Theme } from '../../../../app/theme/tokens';
import type { TextBox } from '../../../../app/screens/content';

export const trendChartStyles = (theme: Theme) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  const labelH = textHeight(type.body, 1, theme);
  const summaryLines = 2;
  const summaryH = textHeight(type.body, summaryLines, theme);
  const summaryY = content.y + content.h - summaryH;
  const yLabelW = 190;
  const valueLabelGap = 18;
  // The top tick's label is centred on the plot's top edge: half a label of room under the unit.
  const plotTop = content.y + labelH + Math.round(labelH / 2);
  const xLabelGap = 12;
  const plotBottom = summaryY - 16 - labelH - xLabelGap;
  const text = (y: number, lines: number, fontSize = type.body): TextBox => ({
    x: content.x,
    y,
    w: content.w,
    fontSize,
    lineHeight: lineHeight(fontSize, theme),
    color: colors.text,
    maxLines: lines,
  });
  return {
    fontFace: type.fontFace,
    fontSize: type.body,
    lineHeight: lineHeight(type.body, theme),
    unit: text(content.y, 1),
    notice: text(content.y + 40, 3, type.heading),
    summary: text(summaryY, summaryLines),
    plot: { x: content.x + yLabelW, y: plotTop, w: content.w - yLabelW - 40, h: plotBottom - plotTop },
    tickLabelGap: 16,
    valueLabelGap,
    xLabelGap,
    maxTicks: 5,
    axis: { thickness: 4, color: colors.textMuted },
    grid: { thickness: 2, color: mix(colors.background, colors.textMuted, 0.35) },
    // The band's tint is the remote's green (the "good" colour elsewhere too), kept dark enough
    // that white labels over it stay readable; the summary says in words what the band is.
    band: { color: mix(colors.background, REMOTE_KEY_COLORS.green, 0.4) },
    line: { thickness: 6, color: colors.text },
    point: { size: 28, color: colors.text, outside: colors.accent },
  };
};
