/**
 * The app bench's pure half: what the page hands back (launch marks, key samples), the figures
 * made of them and the table. No browser here, so it is unit-tested without WPE.
 */
import { formatMs, formatRatio, goalOf, median, percentile, type Row, type Table } from './report';

/** The goals, as ratios of ours to the floors measured in the same run. */
const GOALS = { gzip: 1.6, coldStart: 1.3, coldStartSameScreen: 1.15, keyP95: 1.1 } as const;

interface BuildSize {
  /** Initial JS: the entry and the chunks it imports statically. */
  raw: number;
  gzip: number;
  /** The chunks loaded on demand (after the first frame or when a screen needs them). */
  lazy?: { raw: number; gzip: number };
}

/** One key press as the page saw it (performance.now(), ms). */
export interface KeySample {
  /** The capture-phase keydown listener ran. */
  keyAt: number;
  /** The first animation-frame callback after it ran (Lightning drew earlier in that same tick). */
  frameAt: number;
}

export interface AppSide {
  size: BuildSize;
  /** Navigation start → the first-focused-frame mark, one per fresh browser. */
  coldStartMs: number[];
  /** Key → next frame, every kept sample of every run. */
  keyFrameMs: number[];
}

export interface AppBenchResult {
  runs: number;
  pressesPerRun: number;
  ours: AppSide;
  floor: AppSide;
  /** Bare Lightning drawing our own screens from a snapshot: what our app adds to the same drawing. */
  sameScreen?: Omit<AppSide, 'size'>;
  /**
   * The bare app's own frameEnd after each key, against our rAF sample of that key: how far the
   * sample lies after the frame Lightning drew with the change (should be ~0, never negative).
   */
  methodCheck: { samples: number; minMs: number; maxMs: number } | undefined;
  /** 1-minute load average at the end: cog's frame timings move with other load. */
  loadAverage?: number;
}

/** The samples of a run the page collected; throws on a malformed answer (a broken injection). */
export function parseKeySamples(value: unknown): KeySample[] {
  if (!Array.isArray(value)) throw new TypeError('key samples: not an array');
  return value.map((entry, index) => {
    const { keyAt, frameAt } = (entry ?? {}) as Partial<KeySample>;
    if (typeof keyAt !== 'number' || typeof frameAt !== 'number' || frameAt < keyAt) {
      throw new TypeError(`key sample ${index}: ${JSON.stringify(entry)}`);
    }
    return { keyAt, frameAt };
  });
}

/** Key → frame latencies, the first `warmUp` presses of the run dropped (JIT, first textures). */
export function keyLatencies(samples: readonly KeySample[], warmUp: number): number[] {
  return samples.slice(warmUp).map((sample) => sample.frameAt - sample.keyAt);
}

/** The mark's startTime from `performance.getEntriesByName` (an array of entries), if present. */
export function markTime(entries: unknown): number | undefined {
  if (!Array.isArray(entries) || entries.length === 0) return undefined;
  const startTime = (entries[0] as { startTime?: unknown }).startTime;
  return typeof startTime === 'number' && Number.isFinite(startTime) ? startTime : undefined;
}

/**
 * Pairs each bare-app frameEnd after a key with our sample of that key: sample.frameAt − frameEnd.
 * Both lists are in press order; a missing frameEnd shortens the comparison.
 */
export function methodOffsets(samples: readonly KeySample[], frameEnds: readonly number[]): number[] {
  const count = Math.min(samples.length, frameEnds.length);
  return Array.from({ length: count }, (_, index) => samples[index]!.frameAt - frameEnds[index]!);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const goalCell = (limit: number, ours: number, floor: number) =>
  // A hair of slack: 55 / 50 is 1.1000000000000001 in floating point.
  goalOf(`≤ ${limit}×`, floor > 0 && ours <= floor * limit + 1e-9);

export function appTable(result: AppBenchResult): Table {
  const { ours, floor } = result;
  const rows: Row[] = [
    {
      figure: 'initial JS, gzip',
      ours: kb(ours.size.gzip),
      floor: kb(floor.size.gzip),
      ratio: formatRatio(ours.size.gzip, floor.size.gzip),
      goal: goalCell(GOALS.gzip, ours.size.gzip, floor.size.gzip),
    },
    {
      figure: 'initial JS, raw',
      ours: kb(ours.size.raw),
      floor: kb(floor.size.raw),
      ratio: formatRatio(ours.size.raw, floor.size.raw),
    },
  ];
  if (ours.size.lazy) {
    rows.push({
      figure: 'JS loaded later (on demand), gzip / raw',
      ours: `${kb(ours.size.lazy.gzip)} / ${kb(ours.size.lazy.raw)}`,
      floor: floor.size.lazy ? `${kb(floor.size.lazy.gzip)} / ${kb(floor.size.lazy.raw)}` : '–',
    });
  }
  rows.push(
    ...coldStartRow(
      `cold start → first focused frame (median of ${ours.coldStartMs.length})`,
      ours,
      floor,
      GOALS.coldStart,
    ),
  );
  if (ours.keyFrameMs.length && floor.keyFrameMs.length) {
    for (const [name, fraction] of [
      ['p50', 0.5],
      ['p95', 0.95],
    ] as const) {
      const [o, f] = [percentile(ours.keyFrameMs, fraction), percentile(floor.keyFrameMs, fraction)];
      rows.push({
        figure: `key → next frame, ${name} (${ours.keyFrameMs.length} presses)`,
        ours: formatMs(o),
        floor: formatMs(f),
        ratio: formatRatio(o, f),
        ...(name === 'p95' ? { goal: goalCell(GOALS.keyP95, o, f) } : {}),
      });
    }
  }
  rows.push(...sameScreenRows(result));
  const check = result.methodCheck;
  return {
    title: 'app: our TV app vs a bare @lightningjs/sdk app, WPE WebKit (cog headless)',
    floorHeader: 'floor (bare app)',
    rows,
    notes: [
      'JS: `npm run build` and bench/fixtures/bare-app, same esbuild+swc pipeline; initial = the app entry and',
      '  the chunks it imports statically (each gzipped on its own); the health/booking chunks load later.',
      `cold start: navigation start → the ${'madoguchi:first-focused-frame'} mark (frameEnd of the frame`,
      '  that first draws a screen with focus); a fresh cog per run, ours (simulator bridge, no card) and bare alternating.',
      `keys: ${result.pressesPerRun} presses per run (a few dropped at the start); ours on the PIN entry (digit, then`,
      '  Backspace to delete it, never OK), bare Left/Right. keydown (capture) → the first rAF callback after it.',
      '  cog headless ticks at a fixed 30 fps: a press waits 0–33 ms for the next tick, so p50 ≈ 17 ms and p95 ≈ 32 ms',
      '  are the floor of any app; a figure a tick (33 ms) higher means a frame was missed.',
      'same-screen floor: bare Lightning drawing, from a snapshot of our stage taken in this run, our first screen',
      '  (cold start) and our PIN entry with the change a digit makes (keys): same texts, fonts, images, places, focus.',
      check
        ? `method check (bare): rAF sample − Lightning's frameEnd after the key: ${formatMs(check.minMs)} … ${formatMs(check.maxMs)} over ${check.samples} keys.`
        : 'method check: no bare frameEnd samples.',
      ...(result.loadAverage === undefined
        ? []
        : [
            `load average ${result.loadAverage.toFixed(2)}: other load on the machine slows both apps' frames.`,
          ]),
    ],
  };
}

/** Cold start's medians against a floor, with the runs behind them; none when either was not measured. */
function coldStartRow(
  figure: string,
  ours: Pick<AppSide, 'coldStartMs'>,
  floor: Pick<AppSide, 'coldStartMs'>,
  goal: number,
): Row[] {
  if (!ours.coldStartMs.length || !floor.coldStartMs.length) return [];
  const [o, f] = [median(ours.coldStartMs), median(floor.coldStartMs)];
  const samples = { ours: ours.coldStartMs, floor: floor.coldStartMs };
  return [
    {
      figure,
      ours: formatMs(o),
      floor: formatMs(f),
      ratio: formatRatio(o, f),
      goal: goalCell(goal, o, f),
      samples,
    },
  ];
}

/** Ours against the same-screen floor: cold start and key → frame. */
function sameScreenRows(result: AppBenchResult): Row[] {
  const { ours, sameScreen } = result;
  if (!sameScreen) return [];
  const rows = coldStartRow(
    `cold start, same-screen floor (median of ${ours.coldStartMs.length})`,
    ours,
    sameScreen,
    GOALS.coldStartSameScreen,
  );
  if (ours.keyFrameMs.length && sameScreen.keyFrameMs.length) {
    const [o, f] = [percentile(ours.keyFrameMs, 0.95), percentile(sameScreen.keyFrameMs, 0.95)];
    rows.push({
      figure: `key → next frame p95, same-screen floor (PIN entry)`,
      ours: formatMs(o),
      floor: formatMs(f),
      ratio: formatRatio(o, f),
      goal: goalCell(GOALS.keyP95, o, f),
    });
  }
  return rows;
}
