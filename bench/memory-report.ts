/**
 * The pure half of `npm run bench -- memory`: growth over many login → health → logout cycles,
 * defined so that a single GC (not forceable in WPE) or warm-up cannot decide it:
 *   baseline = median of the first `window` samples after `warmup` cycles,
 *   end      = median of the last `window` samples,
 *   growth   = end − baseline.
 * WPE's PSS is bimodal on this rig: it jumps ~50 MB up or down and stays there for tens of cycles,
 * so which mode the two windows fall in would decide. When the samples fall in two clusters whose
 * means are ≥ MODE_GAP_KB apart (the split that best separates them, as Otsu's threshold), growth is
 * taken within each mode instead (its samples among the first and the last 30 after the warm-up, at
 * least 3 in each) and the larger is reported. A steady leak puts its early and late samples in
 * different clusters, no mode spans both windows, and the plain windows measure it.
 */
import { goalOf, median, type Row, type Table } from './report';

/** Goal: at most this much growth, for the web process and for the bridge. */
const MEMORY_GOAL_KB = 5 * 1024;

export interface GrowthWindows {
  warmup: number;
  window: number;
}

/**
 * Warm-up: a tenth of the cycles, at most 10 (caches, JIT, fonts, the first screens' textures).
 * Window: 10 samples, fewer for short runs; the two windows never overlap each other or the warm-up.
 */
export function growthWindows(cycles: number): GrowthWindows {
  if (!Number.isInteger(cycles) || cycles < 1) throw new RangeError(`cycles must be ≥ 1, got ${cycles}`);
  const warmup = Math.min(10, Math.floor(cycles / 10));
  const window = Math.max(1, Math.min(10, Math.floor((cycles - warmup) / 4)));
  return { warmup, window };
}

/** Two clusters of samples with means this far apart are two modes. */
const MODE_GAP_KB = 30 * 1024;
const MODE_WINDOW = 30;
const MODE_MIN_SAMPLES = 3;

interface ModeGrowth {
  /** The mode's range, e.g. the samples ≥ 250 MB. */
  mode: 'low' | 'high';
  baselineKb: number;
  endKb: number;
  growthKb: number;
}

export interface SeriesSummary {
  /** Before the first cycle (page loaded, insert-card screen). */
  startKb: number;
  minKb: number;
  maxKb: number;
  /** The last sample. */
  lastKb: number;
  baselineKb: number;
  endKb: number;
  growthKb: number;
  /**
   * How growth was taken: 'windows'; 'per mode' (bimodal series; `modes` holds each); 'windows,
   * modes switched' (bimodal, but no mode in both windows: the growth shows the switch).
   */
  method: 'windows' | 'per mode' | 'windows, modes switched';
  modes?: ModeGrowth[];
}

/**
 * `samples[0]` is taken before the first cycle, `samples[i]` after cycle i. Needs one sample per
 * cycle plus the start.
 */
export function summariseSeries(samples: readonly number[], cycles: number): SeriesSummary {
  if (samples.length !== cycles + 1) {
    throw new RangeError(`expected ${cycles + 1} samples (start + one per cycle), got ${samples.length}`);
  }
  const { warmup, window } = growthWindows(cycles);
  const afterCycles = samples.slice(1);
  const common = {
    startKb: samples[0]!,
    minKb: Math.min(...samples),
    maxKb: Math.max(...samples),
    lastKb: samples[samples.length - 1]!,
  };
  const modes = modeGrowths(afterCycles.slice(warmup));
  if (modes.length > 0) {
    const largest = modes.reduce((a, b) => (b.growthKb > a.growthKb ? b : a));
    return { ...common, ...largest, method: 'per mode', modes };
  }
  const baselineKb = median(afterCycles.slice(warmup, warmup + window));
  const endKb = median(afterCycles.slice(-window));
  const bimodal = modeThreshold(afterCycles.slice(warmup)) !== undefined;
  const method = bimodal ? 'windows, modes switched' : 'windows';
  return { ...common, baselineKb, endKb, growthKb: endKb - baselineKb, method };
}

/**
 * The value splitting the samples into the two clusters with the largest between-cluster variance,
 * or undefined when their means are less than MODE_GAP_KB apart or a cluster has under 3 samples.
 */
function modeThreshold(samples: readonly number[]): number | undefined {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, kb) => sum + kb, 0);
  let best: { score: number; at: number; gap: number } | undefined;
  let lowSum = 0;
  for (let i = 1; i < sorted.length; i++) {
    lowSum += sorted[i - 1]!;
    const lowMean = lowSum / i;
    const highMean = (total - lowSum) / (sorted.length - i);
    const score = i * (sorted.length - i) * (highMean - lowMean) ** 2;
    if (!best || score > best.score) best = { score, at: i, gap: highMean - lowMean };
  }
  if (!best || best.gap < MODE_GAP_KB) return undefined;
  if (best.at < MODE_MIN_SAMPLES || sorted.length - best.at < MODE_MIN_SAMPLES) return undefined;
  return sorted[best.at]!;
}

/** Growth within each mode of a bimodal series (empty when it is not, or no mode spans the run). */
function modeGrowths(samples: readonly number[]): ModeGrowth[] {
  const threshold = modeThreshold(samples);
  if (threshold === undefined) return [];
  const window = Math.min(MODE_WINDOW, Math.floor(samples.length / 3));
  const early = samples.slice(0, window);
  const late = samples.slice(-window);
  const growths: ModeGrowth[] = [];
  for (const mode of ['low', 'high'] as const) {
    const inMode = (kb: number) => (mode === 'high' ? kb >= threshold : kb < threshold);
    const first = early.filter(inMode);
    const last = late.filter(inMode);
    if (first.length < MODE_MIN_SAMPLES || last.length < MODE_MIN_SAMPLES) continue;
    const baselineKb = median(first);
    const endKb = median(last);
    growths.push({ mode, baselineKb, endKb, growthKb: endKb - baselineKb });
  }
  return growths;
}

/** kB → "12.3 MB" (MiB, as /proc counts kB of 1024 bytes); signed for growth. */
export function formatMb(kb: number, signed = false): string {
  const mb = kb / 1024;
  const text = `${Math.abs(mb).toFixed(1)} MB`;
  if (!signed) return mb < 0 ? `−${text}` : text;
  return mb < 0 ? `−${text}` : `+${text}`;
}

/** The test hook's counts (src/app/test-hook.ts) plus the harness's page-log lines. */
export interface AppStats {
  texturePixels: number;
  elements: number;
  scheduledEvents: number;
  pageLogLines: number;
}

export interface MemoryFigures {
  cycles: number;
  web: SeriesSummary;
  bridge: SeriesSummary;
  /** After the warm-up and after the last cycle: what an app-level leak would grow. */
  app: { afterWarmup: AppStats; end: AppStats };
  cycleMs: number;
}

export function memoryFailures(figures: MemoryFigures): string[] {
  const failures: string[] = [];
  if (figures.web.growthKb > MEMORY_GOAL_KB) {
    failures.push(`WPE PSS grew ${formatMb(figures.web.growthKb, true)}`);
  }
  if (figures.bridge.growthKb > MEMORY_GOAL_KB) {
    failures.push(`bridge RSS grew ${formatMb(figures.bridge.growthKb, true)}`);
  }
  return failures;
}

export function memoryTable(figures: MemoryFigures, readerName: string): Table {
  const { warmup, window } = growthWindows(figures.cycles);
  const goal = (growthKb: number) => goalOf(`≤ ${formatMb(MEMORY_GOAL_KB)}`, growthKb <= MEMORY_GOAL_KB);
  const series = (name: string, summary: SeriesSummary, withGoal: boolean): Row[] => [
    {
      figure: `${name} growth`,
      ours: formatMb(summary.growthKb, true),
      floor: '+0.0 MB',
      ...(withGoal ? { goal: goal(summary.growthKb) } : {}),
    },
    {
      figure: `  samples: start / min / max / end`,
      ours: [summary.startKb, summary.minKb, summary.maxKb, summary.lastKb]
        .map((kb) => formatMb(kb))
        .join(' / '),
    },
    ...(summary.method !== 'per mode'
      ? [
          {
            figure: `  baseline → end (medians of ${window})${summary.method === 'windows' ? '' : ', modes switched'}`,
            ours: `${formatMb(summary.baselineKb)} → ${formatMb(summary.endKb)}`,
          },
        ]
      : (summary.modes ?? []).map((mode) => ({
          figure: `  ${mode.mode} mode: first → last ${MODE_WINDOW} (medians)`,
          ours: `${formatMb(mode.baselineKb)} → ${formatMb(mode.endKb)} (${formatMb(mode.growthKb, true)})`,
        }))),
  ];
  return {
    title: `memory — ${figures.cycles} login → health → logout cycles in WPE`,
    floorHeader: 'floor (no leak)',
    rows: [
      ...series('WPE web process PSS', figures.web, true),
      ...appRows(figures.app.afterWarmup, figures.app.end),
      ...series('bridge RSS', figures.bridge, true),
      { figure: 'one cycle (median)', ours: `${(figures.cycleMs / 1000).toFixed(2)} s` },
    ],
    notes: [
      `cycle: card into "${readerName}", PIN, OK, home, health checkups, a checkup's detail, back, log out, card out`,
      `growth = median of the last ${window} samples − median of ${window} after ${warmup} warm-up cycles (JS GC cannot be forced in WPE);`,
      `  a bimodal series (samples split by ≥ ${formatMb(MODE_GAP_KB)}): growth within each mode, first vs last ${MODE_WINDOW} after the warm-up, the larger`,
      'WPE: Pss of /proc/<WPEWebProcess>/smaps_rollup under our WebDriver; bridge: VmRSS of /proc/<pid>/status',
      'app counts: test hook stats() after the warm-up → after the last cycle (texture pixels, stage elements, pending delayed events)',
    ],
  };
}

function appRows(before: AppStats, after: AppStats): Row[] {
  const change = (a: number, b: number, format = (n: number) => String(n)) => `${format(a)} → ${format(b)}`;
  return [
    {
      figure: '  Lightning textures in use',
      ours: change(before.texturePixels, after.texturePixels, (px) => `${(px / 1e6).toFixed(2)} MP`),
    },
    { figure: '  stage elements', ours: change(before.elements, after.elements) },
    {
      figure: '  pending delayed events (xstate)',
      ours: change(before.scheduledEvents, after.scheduledEvents),
    },
    { figure: '  page log lines held (harness)', ours: change(before.pageLogLines, after.pageLogLines) },
  ];
}
