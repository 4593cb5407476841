/**
 * One checkup item over the years, drawn with Lightning rectangles: axes and grid lines, the
 * reference range as a filled band, a point per checkup with its value above it (▲ / ▼ when
 * outside the range, so colour is never the only sign), line segments between the points, the
 * years under them. Two summary lines under the chart say the latest value and what the band is,
 * and the announcement reads every year, for viewers who cannot read charts.
 */
import { Lightning } from '@lightningjs/sdk';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { message, t } from '../../../../app/i18n/i18n';
import type { TrendPoint } from '../../../../platform/types';
import { theme } from '../../../../app/theme/tokens';
import type { TrendChartProps } from '../../view/health-view';
import {
  POSITION_ICON,
  decimalsOf,
  formatValue,
  judgementWord,
  positionText,
  rangePosition,
  spokenWithoutRows,
  yearOf,
} from '../health-format';
import { textAt } from '../../../../app/screens/content';
import { Screen } from '../../../../app/screens/Screen';
import { trendChartStyles } from './TrendChart.styles';
import { trendGeometry } from './trend-scale';

export type { TrendChartProps };

type Styles = ReturnType<typeof trendChartStyles>;

const rect = (x: number, y: number, w: number, h: number, color: number) => ({
  rect: true,
  x,
  y,
  w,
  h,
  color,
});

const label = (s: Styles, text: string, x: number, y: number, mountX: number, mountY: number) => ({
  x,
  y,
  mountX,
  mountY,
  text: {
    text,
    fontFace: s.fontFace,
    fontSize: s.fontSize,
    lineHeight: s.lineHeight,
    textColor: s.line.color,
  },
});

/** Year and value labels: a fixed-width box with the text centred in it, so the texture is never
 * cut to the glyphs' measured width at a half-pixel position (WPE clipped the first digit). */
const CENTERED_LABEL_W = 320;
const centeredLabel = (s: Styles, text: string, cx: number, y: number, mountY: number) => {
  const base = label(s, text, Math.round(cx - CENTERED_LABEL_W / 2), y, 0, mountY);
  // text.w (not the element's w, which would stretch the texture) makes the texture that wide.
  return {
    ...base,
    text: { ...base.text, w: CENTERED_LABEL_W, wordWrapWidth: CENTERED_LABEL_W, textAlign: 'center' },
  };
};

export class TrendChart extends Screen<TrendChartProps> {
  static override _template() {
    const s = trendChartStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Unit: textAt(s.unit, s.fontFace),
      Notice: textAt(s.notice, s.fontFace),
      Chart: {},
      Summary: textAt(s.summary, s.fontFace),
    };
  }

  protected render(props: TrendChartProps) {
    const s = trendChartStyles(theme());
    const showChart = !props.loading && !props.empty && props.points.length > 0;
    this.tag('Frame')?.patch({
      frame: {
        title: props.name ? t('health.title.trend', { name: props.name }) : t('health.title.list'),
      },
    });
    const notice = props.loading ? t('health.loading') : showChart ? '' : message({ key: 'trendEmpty' });
    this.tag('Notice')?.patch({ text: { text: notice } });
    this.tag('Unit')?.patch({ visible: showChart, text: { text: showChart ? props.unit : '' } });
    this.tag('Summary')?.patch({
      visible: showChart,
      text: { text: showChart ? this.summary(props).join('\n') : '' },
    });
    this.tag('Chart')?.patch({ children: showChart ? this.chartElements(props, s) : [] });
  }

  private chartElements(props: TrendChartProps, s: Styles) {
    const values = props.points.map((point) => point.value);
    const decimals = decimalsOf(values);
    const geometry = trendGeometry({
      values,
      range: props.referenceRange,
      plot: s.plot,
      maxTicks: s.maxTicks,
    });
    const { plot } = s;
    const band = geometry.band ? [rect(plot.x, geometry.band.y, plot.w, geometry.band.h, s.band.color)] : [];
    const grid = geometry.ticks.map((tick) =>
      rect(plot.x, tick.y - s.grid.thickness / 2, plot.w, s.grid.thickness, s.grid.color),
    );
    const tickLabels = geometry.ticks.map((tick) =>
      label(s, tick.value.toFixed(geometry.scale.decimals), plot.x - s.tickLabelGap, tick.y, 1, 0.5),
    );
    const axes = [
      rect(plot.x - s.axis.thickness, plot.y, s.axis.thickness, plot.h + s.axis.thickness, s.axis.color),
      rect(
        plot.x - s.axis.thickness,
        plot.y + plot.h,
        plot.w + s.axis.thickness,
        s.axis.thickness,
        s.axis.color,
      ),
    ];
    const segments = geometry.segments.map((segment) => ({
      ...rect(segment.x, segment.y, segment.length, s.line.thickness, s.line.color),
      mountY: 0.5,
      pivotX: 0,
      pivotY: 0.5,
      rotation: segment.angle,
    }));
    // Labels are siblings of the points, not children: a child of an element with a shader was
    // drawn through it in WPE (mirrored, stretched digits).
    const points = geometry.points.flatMap((point, i) => {
      const position = rangePosition(point.value, props.referenceRange);
      const outside = position === 'high' || position === 'low';
      return [
        {
          ...rect(point.x, point.y, s.point.size, s.point.size, outside ? s.point.outside : s.point.color),
          mount: 0.5,
          shader: { type: Lightning.shaders.RoundedRectangle, radius: s.point.size / 2 },
        },
        // The value over the point, with the range icon when it is outside.
        centeredLabel(
          s,
          `${formatValue(point.value, decimals)}${outside ? ` ${POSITION_ICON[position]}` : ''}`,
          point.x,
          point.y - s.point.size / 2 - s.valueLabelGap,
          1,
        ),
        centeredLabel(
          s,
          t('health.trend.year', { year: yearOf((props.points[i] as TrendPoint).date) }),
          point.x,
          plot.y + plot.h + s.xLabelGap,
          0,
        ),
      ];
    });
    return [...band, ...grid, ...axes, ...tickLabels, ...segments, ...points];
  }

  /** The latest value in words and what the band means. */
  private summary(props: TrendChartProps, forVoice = false): string[] {
    const decimals = decimalsOf(props.points.map((point) => point.value));
    const latest = props.points[props.points.length - 1] as TrendPoint;
    const range = props.referenceRange;
    const hasBand = range !== undefined && (range.low !== undefined || range.high !== undefined);
    return [
      t('health.trend.latest', {
        year: yearOf(latest.date),
        value: formatValue(latest.value, decimals),
        unit: props.unit,
        position: forVoice
          ? t(`health.position.${rangePosition(latest.value, range)}`)
          : positionText(rangePosition(latest.value, range)),
        word: judgementWord(latest.judgement),
      }),
      hasBand
        ? t('health.trend.band', { range: range.text, count: props.points.length })
        : t('health.trend.noBand', { count: props.points.length }),
    ];
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }

  announcement(): string {
    const props = this.props;
    const unavailable = spokenWithoutRows(
      props,
      props?.points.length ?? 0,
      { key: 'trendEmpty' },
      'health.trend.back',
    );
    if (unavailable !== undefined) return unavailable;
    const decimals = decimalsOf(props.points.map((point) => point.value));
    const years = props.points.map((point) =>
      t('health.trend.spokenYear', {
        year: yearOf(point.date),
        value: formatValue(point.value, decimals),
        unit: props.unit,
        position: t(`health.position.${rangePosition(point.value, props.referenceRange)}`),
      }),
    );
    const parts = [t('health.trend.spoken', { name: props.name }), ...this.summary(props, true), ...years];
    return [...parts, t('health.trend.back')].join(' ');
  }
}
