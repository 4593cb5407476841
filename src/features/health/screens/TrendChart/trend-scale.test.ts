import { niceScale, niceStep, trendGeometry } from './trend-scale';

describe('niceStep', () => {
  it.each([
    [0.7, 1],
    [1, 1],
    [1.3, 2],
    [2.2, 2.5],
    [3, 5],
    [7, 10],
    [12, 20],
    [0.23, 0.25],
    [0.04, 0.05],
  ])('%p → %p', (raw, step) => expect(niceStep(raw)).toBe(step));
});

describe('niceScale', () => {
  it('rounds the ends out to multiples of a nice step', () => {
    expect(niceScale(121, 142, 6)).toEqual({
      min: 120,
      max: 145,
      step: 5,
      ticks: [120, 125, 130, 135, 140, 145],
      decimals: 0,
    });
  });

  it('gives HbA1c-like values exact ticks without float noise', () => {
    const scale = niceScale(5.5, 6.7, 6);
    expect(scale.ticks).toEqual([5.5, 5.75, 6, 6.25, 6.5, 6.75]);
    expect(scale.min).toBeLessThanOrEqual(5.5);
    expect(scale.max).toBeGreaterThanOrEqual(6.7);
    expect(scale.ticks.length).toBeLessThanOrEqual(6);
    expect(scale.ticks.every((tick) => Number(tick.toFixed(scale.decimals)) === tick)).toBe(true);
  });

  it('never gives more ticks than asked', () => {
    for (const [low, high] of [
      [0, 97],
      [38, 128],
      [39.6, 42.5],
      [99, 168],
    ] as const) {
      const scale = niceScale(low, high, 5);
      expect(scale.ticks.length).toBeLessThanOrEqual(5);
      expect(scale.min).toBeLessThanOrEqual(low);
      expect(scale.max).toBeGreaterThanOrEqual(high);
    }
  });

  it('opens a window around a single value', () => {
    const scale = niceScale(50, 50);
    expect(scale.min).toBeLessThan(50);
    expect(scale.max).toBeGreaterThan(50);
  });
});

describe('trendGeometry', () => {
  const plot = { x: 200, y: 100, w: 1200, h: 500 };

  it('fits the band even when every value is above it', () => {
    const geometry = trendGeometry({ values: [134, 138, 142], range: { high: 129 }, plot });
    expect(geometry.scale.min).toBeLessThanOrEqual(129);
    expect(geometry.band).toBeDefined();
    const band = geometry.band!;
    // The band runs from the bottom of the plot up to 129, below every point.
    expect(band.y + band.h).toBeCloseTo(plot.y + plot.h);
    for (const point of geometry.points) expect(point.y).toBeLessThan(band.y);
  });

  it('places one point per value in evenly spaced slots, higher values higher up', () => {
    const geometry = trendGeometry({ values: [6.0, 6.3, 6.7], range: { high: 5.5 }, plot });
    expect(geometry.slots).toEqual([400, 800, 1200]);
    const [a, b, c] = geometry.points;
    expect(a!.y).toBeGreaterThan(b!.y);
    expect(b!.y).toBeGreaterThan(c!.y);
    for (const point of geometry.points) {
      expect(point.y).toBeGreaterThanOrEqual(plot.y);
      expect(point.y).toBeLessThanOrEqual(plot.y + plot.h);
    }
  });

  it('maps ticks to the plot edges', () => {
    const geometry = trendGeometry({ values: [120, 145], plot });
    expect(geometry.ticks[0]).toEqual({ value: geometry.scale.min, y: plot.y + plot.h });
    expect(geometry.ticks.at(-1)).toEqual({ value: geometry.scale.max, y: plot.y });
    expect(geometry.band).toBeUndefined();
  });

  it('joins neighbouring points with segments of the right length and angle', () => {
    const geometry = trendGeometry({ values: [40, 60, 50], range: { low: 40, high: 60 }, plot });
    expect(geometry.segments).toHaveLength(2);
    const [first] = geometry.segments;
    const [p0, p1] = geometry.points;
    expect(first!.x).toBe(p0!.x);
    expect(first!.y).toBe(p0!.y);
    expect(first!.x + Math.cos(first!.angle) * first!.length).toBeCloseTo(p1!.x);
    expect(first!.y + Math.sin(first!.angle) * first!.length).toBeCloseTo(p1!.y);
    expect(first!.angle).toBeLessThan(0); // rising on screen = upward
    expect(geometry.band!.y).toBeCloseTo(p1!.y);
    expect(geometry.band!.y + geometry.band!.h).toBeCloseTo(p0!.y);
  });

  it('clips a band wider than the values to the plot', () => {
    const geometry = trendGeometry({ values: [18.0, 17.5], range: { low: 18.5, high: 24.9 }, plot });
    expect(geometry.band!.y).toBeGreaterThanOrEqual(plot.y - 0.001);
    expect(geometry.band!.y + geometry.band!.h).toBeLessThanOrEqual(plot.y + plot.h + 0.001);
  });
});
