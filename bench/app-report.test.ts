import {
  appTable,
  keyLatencies,
  markTime,
  methodOffsets,
  parseKeySamples,
  type AppBenchResult,
} from './app-report';
import { seededRandom } from '../mocks/seeded-random';
import { renderTable } from './report';

const result = (over: Partial<AppBenchResult> = {}): AppBenchResult => ({
  runs: 3,
  pressesPerRun: 4,
  ours: {
    size: { raw: 600 * 1024, gzip: 150 * 1024 },
    coldStartMs: [100, 120, 110],
    keyFrameMs: [10, 20, 30, 33],
  },
  floor: {
    size: { raw: 400 * 1024, gzip: 100 * 1024 },
    coldStartMs: [80, 90, 100],
    keyFrameMs: [10, 20, 30, 30],
  },
  methodCheck: { samples: 4, minMs: 0, maxMs: 1 },
  ...over,
});

describe('parseKeySamples', () => {
  it('keeps well-formed samples', () => {
    expect(parseKeySamples([{ keyAt: 1, frameAt: 20 }])).toEqual([{ keyAt: 1, frameAt: 20 }]);
  });

  it('rejects what a broken probe would hand back', () => {
    expect(() => parseKeySamples(null)).toThrow('not an array');
    expect(() => parseKeySamples([{ keyAt: 1 }])).toThrow('key sample 0');
    expect(() => parseKeySamples([{ keyAt: 5, frameAt: 4 }])).toThrow('key sample 0');
  });
});

describe('keyLatencies', () => {
  it('drops the warm-up presses and subtracts', () => {
    const samples = [
      { keyAt: 0, frameAt: 50 },
      { keyAt: 100, frameAt: 110 },
      { keyAt: 200, frameAt: 233 },
    ];
    expect(keyLatencies(samples, 1)).toEqual([10, 33]);
  });
});

describe('markTime', () => {
  it('reads the first entry, or nothing', () => {
    expect(markTime([{ startTime: 84.5 }])).toBe(84.5);
    expect(markTime([])).toBeUndefined();
    expect(markTime(null)).toBeUndefined();
    expect(markTime([{ startTime: 'x' }])).toBeUndefined();
  });
});

describe('methodOffsets', () => {
  it('pairs samples with frame ends in order, as far as both go', () => {
    const samples = [
      { keyAt: 0, frameAt: 20 },
      { keyAt: 50, frameAt: 66 },
    ];
    expect(methodOffsets(samples, [19])).toEqual([1]);
    expect(methodOffsets(samples, [19, 66, 99])).toEqual([1, 0]);
  });
});

describe('seededRandom (the press timings)', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const values = Array.from({ length: 50 }, () => a());
    expect(values).toEqual(Array.from({ length: 50 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(40);
  });
});

describe('appTable', () => {
  it('has one row per figure with ratios and goals', () => {
    const table = appTable(result());
    const byFigure = Object.fromEntries(table.rows.map((row) => [row.figure.split(' (')[0], row]));
    expect(byFigure['initial JS, gzip']).toMatchObject({
      ours: '150.0 KB',
      floor: '100.0 KB',
      ratio: '1.50×',
      goal: { text: '≤ 1.6×', met: true },
    });
    expect(byFigure['initial JS, raw']?.goal).toBeUndefined();
    expect(byFigure['cold start → first focused frame']).toMatchObject({
      ours: '110 ms',
      floor: '90.0 ms',
      ratio: '1.22×',
      goal: { text: '≤ 1.3×', met: true },
    });
    expect(byFigure['key → next frame, p50']).toMatchObject({ ours: '20.0 ms', floor: '20.0 ms' });
    expect(byFigure['key → next frame, p95']).toMatchObject({
      ratio: '1.10×',
      goal: { text: '≤ 1.1×', met: true },
    });
    expect(renderTable(table)).toContain('method check (bare)');
  });

  it('judges a ratio exactly at the goal as met', () => {
    const edge = result();
    edge.ours.keyFrameMs = [55];
    edge.floor.keyFrameMs = [50];
    const p95 = appTable(edge).rows.find((row) => row.figure.includes('p95'));
    expect(p95).toMatchObject({ ratio: '1.10×', goal: { text: '≤ 1.1×', met: true } });
  });

  it('says when a goal is missed and leaves out figures that were not measured', () => {
    const slow = result();
    slow.ours.coldStartMs = [200];
    slow.ours.keyFrameMs = [];
    const table = appTable(slow);
    expect(table.rows.find((row) => row.figure.startsWith('cold'))?.goal).toEqual({
      text: '≤ 1.3×',
      met: false,
    });
    expect(renderTable(table)).toMatch(/cold start.*≤ 1\.3×: missed/);
    expect(table.rows.some((row) => row.figure.startsWith('key'))).toBe(false);
  });

  it('judges ours against the same-screen floor: cold start within 1.15×, key p95 within 1.1×', () => {
    const table = appTable(
      result({ sameScreen: { coldStartMs: [100, 100, 100], keyFrameMs: [10, 20, 30, 30] } }),
    );
    const cold = table.rows.find((row) => row.figure.startsWith('cold start, same-screen'));
    expect(cold).toMatchObject({ ours: '110 ms', floor: '100 ms', goal: { text: '≤ 1.15×', met: true } });
    const key = table.rows.find((row) => row.figure.startsWith('key → next frame p95, same-screen'));
    expect(key?.goal).toEqual({ text: '≤ 1.1×', met: true });
    const slow = appTable(result({ sameScreen: { coldStartMs: [90], keyFrameMs: [10, 20, 30, 30] } }));
    expect(slow.rows.find((row) => row.figure.startsWith('cold start, same-screen'))?.goal?.met).toBe(false);
    expect(appTable(result()).rows.some((row) => row.figure.includes('same-screen'))).toBe(false);
  });
});
