/**
 * The trend chart's arithmetic, kept pure so it is tested without a renderer: a y scale fitted to
 * the values AND the reference range (the band must show even when every value is outside it),
 * "nice" ticks (1, 2, 2.5, 5 × 10ⁿ), one evenly spaced slot per checkup, and the line segments
 * between points as (start, length, angle) for thin rotated rectangles.
 */

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface NiceScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
  /** Decimals the tick labels need (those of the step). */
  decimals: number;
}

interface ChartPoint {
  x: number;
  y: number;
  value: number;
}

interface Segment {
  x: number;
  y: number;
  length: number;
  /** Radians, clockwise on screen (y grows downward). */
  angle: number;
}

export interface ChartGeometry {
  scale: NiceScale;
  ticks: Array<{ value: number; y: number }>;
  points: ChartPoint[];
  /** Centre x of each slot (the x labels go here). */
  slots: number[];
  segments: Segment[];
  /** The reference band clipped to the plot; undefined when the item has no limits. */
  band?: { y: number; h: number };
}

const STEPS = [1, 2, 2.5, 5, 10];

const decimalsOf = (step: number): number => {
  const text = String(Number(step.toPrecision(6)));
  return (text.split('.')[1] ?? '').length;
};

/** The smallest nice step ≥ `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = STEPS.find((step) => step * power >= raw - 1e-12) ?? 10;
  return Number((factor * power).toPrecision(6));
}

/** Ticks covering [low, high] with at most `maxTicks` ticks, ends on multiples of the step. */
export function niceScale(low: number, high: number, maxTicks = 6): NiceScale {
  let min = Math.min(low, high);
  let max = Math.max(low, high);
  if (min === max) {
    // One value: a window around it so the point sits mid-chart.
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  let step = niceStep((max - min) / Math.max(1, maxTicks - 1));
  let lo = Math.floor(min / step + 1e-9) * step;
  let hi = Math.ceil(max / step - 1e-9) * step;
  // Rounding the ends out can add a tick; widen the step until the count fits.
  while (Math.round((hi - lo) / step) + 1 > maxTicks) {
    step = niceStep(step * 1.01);
    lo = Math.floor(min / step + 1e-9) * step;
    hi = Math.ceil(max / step - 1e-9) * step;
  }
  const decimals = decimalsOf(step);
  const count = Math.round((hi - lo) / step) + 1;
  const ticks = Array.from({ length: count }, (_, i) => Number((lo + i * step).toFixed(decimals)));
  return { min: ticks[0] ?? lo, max: ticks[ticks.length - 1] ?? hi, step, ticks, decimals };
}

export interface TrendGeometryInput {
  values: readonly number[];
  range?: { low?: number; high?: number };
  /** The plot area (inside the axes). */
  plot: Box;
  maxTicks?: number;
}

export function trendGeometry({ values, range, plot, maxTicks = 6 }: TrendGeometryInput): ChartGeometry {
  const limits = [range?.low, range?.high].filter((limit): limit is number => limit !== undefined);
  const all = [...values, ...limits];
  const scale = all.length
    ? niceScale(Math.min(...all), Math.max(...all), maxTicks)
    : niceScale(0, 1, maxTicks);
  const yOf = (value: number) => plot.y + plot.h - ((value - scale.min) / (scale.max - scale.min)) * plot.h;
  const slotW = plot.w / Math.max(1, values.length);
  const slots = values.map((_, i) => plot.x + (i + 0.5) * slotW);
  const points = values.map((value, i) => ({ x: slots[i] ?? plot.x, y: yOf(value), value }));
  const segments = points.slice(1).map((to, i) => {
    const from = points[i] as ChartPoint;
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    return { x: from.x, y: from.y, length: Math.hypot(dx, dy), angle: Math.atan2(dy, dx) };
  });
  const band = limits.length
    ? (() => {
        const top = yOf(Math.min(range?.high ?? scale.max, scale.max));
        const bottom = yOf(Math.max(range?.low ?? scale.min, scale.min));
        return { y: top, h: bottom - top };
      })()
    : undefined;
  return {
    scale,
    ticks: scale.ticks.map((value) => ({ value, y: yOf(value) })),
    points,
    slots,
    segments,
    ...(band ? { band } : {}),
  };
}
