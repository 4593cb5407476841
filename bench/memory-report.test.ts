import {
  formatMb,
  growthWindows,
  memoryFailures,
  memoryTable,
  summariseSeries,
  type AppStats,
  type MemoryFigures,
} from './memory-report';
import { renderTable } from './report';

const MB = 1024;

describe('growthWindows', () => {
  it('warms up a tenth of the cycles (at most 10) and compares windows of up to 10', () => {
    expect(growthWindows(100)).toEqual({ warmup: 10, window: 10 });
    expect(growthWindows(300)).toEqual({ warmup: 10, window: 10 });
    expect(growthWindows(20)).toEqual({ warmup: 2, window: 4 });
    expect(growthWindows(1)).toEqual({ warmup: 0, window: 1 });
    expect(() => growthWindows(0)).toThrow(RangeError);
  });
});

describe('summariseSeries', () => {
  it('is the median of the last window minus the median of the window after the warm-up', () => {
    // start, 10 warm-up cycles, then 10 at 100 MB, 80 at 100 MB, last 10 at 103 MB
    const samples = [50, ...Array(10).fill(200), ...Array(80).fill(100), ...Array(10).fill(103)].map(
      (mb) => mb * MB,
    );
    const summary = summariseSeries(samples, 100);
    expect(summary).toMatchObject({
      startKb: 50 * MB,
      minKb: 50 * MB,
      maxKb: 200 * MB,
      lastKb: 103 * MB,
      baselineKb: 100 * MB,
      endKb: 103 * MB,
      growthKb: 3 * MB,
    });
  });

  it('is not moved by a few samples in the other mode of a bimodal series', () => {
    const samples = [0, ...Array(10).fill(0), ...Array(90).fill(220)].map((mb) => mb * MB);
    samples[95] = 270 * MB;
    samples[97] = 270 * MB;
    samples[15] = 270 * MB;
    expect(summariseSeries(samples, 100).growthKb).toBe(0);
  });

  it('needs the start sample and one per cycle', () => {
    expect(() => summariseSeries([1, 2], 2)).toThrow(/expected 3 samples/);
  });
});

describe('formatMb', () => {
  it('prints MiB from kB, signed for growth', () => {
    expect(formatMb(1536)).toBe('1.5 MB');
    expect(formatMb(1536, true)).toBe('+1.5 MB');
    expect(formatMb(-512, true)).toBe('−0.5 MB');
  });
});

describe('memory table and failures', () => {
  const stats: AppStats = { texturePixels: 3e6, elements: 120, scheduledEvents: 1, pageLogLines: 0 };
  const flat = (mb: number) => summariseSeries(Array(11).fill(mb * MB), 10);
  const figures = (webEndMb: number): MemoryFigures => ({
    cycles: 10,
    web: summariseSeries(
      [...Array(10).fill(250), webEndMb].map((mb) => mb * MB),
      10,
    ),
    bridge: flat(90),
    app: { afterWarmup: stats, end: { ...stats, elements: 121 } },
    cycleMs: 1800,
  });

  it('passes at ≤ 5 MB growth and names what grew beyond', () => {
    expect(memoryFailures(figures(251))).toEqual([]);
    expect(memoryFailures(figures(270))).toEqual(['WPE PSS grew +10.0 MB']);
  });

  it('prints growth, the samples, the app counts and the goal', () => {
    const text = renderTable(memoryTable(figures(251), 'Virtual PCD 00 01'));
    expect(text).toContain('WPE web process PSS growth');
    expect(text).toContain('≤ 5.0 MB: met');
    expect(text).toContain('stage elements');
    expect(text).toContain('120 → 121');
    expect(text).toContain('bridge RSS growth');
    expect(text).toContain('Virtual PCD 00 01');
  });
});

describe('bimodal series (WPE PSS jumping ~50 MB for tens of cycles)', () => {
  const cycle = (lowMb: number, highMb: number, pattern: string) =>
    [...pattern].map((mode) => (mode === 'h' ? highMb : lowMb));

  it('takes growth within each mode, the larger one', () => {
    // 10 warm-up, then modes alternating in runs; the high mode rises 4 MB, the low one 2 MB
    const early = [...cycle(220, 268, 'hhhhhlllll'.repeat(3))];
    const middle = cycle(221, 270, 'hl'.repeat(15));
    const late = [...cycle(222, 272, 'llllhhhhhh'.repeat(3))];
    const samples = [200, ...Array(10).fill(250), ...early, ...middle, ...late].map((mb) => mb * MB);
    const summary = summariseSeries(samples, 100);
    expect(summary.method).toBe('per mode');
    expect(summary.modes?.map((m) => [m.mode, m.growthKb / MB])).toEqual([
      ['low', 2],
      ['high', 4],
    ]);
    expect(summary.growthKb).toBe(4 * MB);
  });

  it('a steady leak is not mistaken for two modes', () => {
    const samples = [200, ...Array.from({ length: 100 }, (_, i) => 220 + i * 0.6)].map((mb) => mb * MB);
    const summary = summariseSeries(samples, 100);
    expect(summary.method).toBe('windows');
    expect(summary.growthKb / MB).toBeCloseTo(48, 0);
  });

  it('says so when the run switched modes between the windows', () => {
    const samples = [200, ...Array(40).fill(270), ...Array(60).fill(222)].map((mb) => mb * MB);
    expect(summariseSeries(samples, 100).method).toBe('windows, modes switched');
  });
});
