/** The bridge bench's numbers and table: pure, so it is unit-tested without a bridge. */
import type { MemorySample } from './bridge-rig';
import { bundleMemoryNotes, bundleMemoryRows, type BundleMemory } from './bundle-memory-report';
import {
  formatCount,
  formatMs,
  formatRatio,
  goalOf,
  median,
  percentile,
  type Row,
  type Table,
} from './report';

/** The goal: the bridge may add at most this much to a call, median. */
export const ADDED_LATENCY_GOAL_MS = 1;

export interface Spread {
  median: number;
  p95: number;
  min: number;
  max: number;
}

export interface MethodResult {
  method: string;
  /** As shown after the method, e.g. `{pin:'auth'}`; a PIN value never appears here. */
  params: string;
  calls: number;
  ours: Spread;
  floor: Spread;
  /** ours − floor, per statistic (difference of the two medians, of the two p95s). */
  added: { median: number; p95: number };
  goalMet: boolean;
  /** Median added latency of each run, to show how stable the figure is. */
  addedMedianPerRun: number[];
}

export interface BridgeBenchResult {
  runs: number;
  iterationsPerRun: Record<string, number>;
  warmupPerRun: Record<string, number>;
  /** Untimed runs of every method before the first timed run. */
  warmupRuns: number;
  goalMs: number;
  bridge: {
    commandLine: string;
    /** Connected but no call yet; after the untimed warm-up runs; after the timed runs. */
    memory: { atStart?: MemorySample; afterWarmup?: MemorySample; atEnd?: MemorySample };
    logLines: number;
  };
  methods: MethodResult[];
  /** The production bundle's resident set, idle and over card cycles. */
  bundle: BundleMemory;
  /** Other load skews a sub-millisecond figure: the 1-minute load average when the timing began. */
  host: { cpus: number; loadAverage: number };
  wallSeconds: number;
}

export function spreadOf(samples: readonly number[]): Spread {
  return {
    median: round3(median(samples)),
    p95: round3(percentile(samples, 0.95)),
    min: round3(Math.min(...samples)),
    max: round3(Math.max(...samples)),
  };
}

/** Samples of every run pooled; the goal is judged on the pooled median. */
export function methodResult(
  method: string,
  params: string,
  runs: readonly { ours: readonly number[]; floor: readonly number[] }[],
  goalMs = ADDED_LATENCY_GOAL_MS,
): MethodResult {
  const ours = runs.flatMap((run) => run.ours);
  const floor = runs.flatMap((run) => run.floor);
  const addedMedian = round3(median(ours) - median(floor));
  return {
    method,
    params,
    calls: ours.length,
    ours: spreadOf(ours),
    floor: spreadOf(floor),
    added: { median: addedMedian, p95: round3(percentile(ours, 0.95) - percentile(floor, 0.95)) },
    goalMet: addedMedian <= goalMs,
    addedMedianPerRun: runs.map((run) => round3(median(run.ours) - median(run.floor))),
  };
}

export function bridgeTable(result: BridgeBenchResult): Table {
  const goal = `≤ ${result.goalMs} ms median`;
  const rows: Row[] = result.methods.flatMap((method): Row[] => [
    {
      figure: `${`${method.method} ${method.params}`.trim()}: median / p95`,
      ours: pair(method.ours.median, method.ours.p95),
      floor: pair(method.floor.median, method.floor.p95),
      ratio: formatRatio(method.ours.median, method.floor.median),
    },
    {
      figure: '  added latency (ours − floor)',
      ours: pair(method.added.median, method.added.p95),
      goal: goalOf(goal, method.goalMet),
    },
  ]);
  const { atStart, afterWarmup, atEnd } = result.bridge.memory;
  rows.push({
    figure: 'bridge process RSS: start → warm → end (peak)',
    ours:
      atStart && afterWarmup && atEnd
        ? `${mib(atStart.rssBytes)} → ${mib(afterWarmup.rssBytes)} → ${mib(atEnd.rssBytes)} (${mib(atEnd.peakRssBytes)})`
        : 'n/a (no /proc)',
  });
  rows.push(...bundleMemoryRows(result.bundle));
  const calls = result.methods.map((m) => `${m.method} ${m.calls}`).join(', ');
  const notes = [
    `ours: JSON-RPC round trip (send → reply parsed) to the reference bridge over a WebSocket on 127.0.0.1,`,
    '  one call at a time, client (`ws`) in this process; the bridge a child process, as on a box:',
    `  ${result.bridge.commandLine}`,
    '  (simulator backend, info logging: one JSON line per call, to a file).',
    'floor: the same card work in this process: JpkiCard over VirtualCardTransport (raw in-process transmit),',
    '  on a twin of the bridge’s card (its state file, built as the simulator builds it, selection cached alike).',
    '  getStatus touches no card in the bridge: its floor is reading the reader’s state, so its added latency',
    '  is the bare round trip.',
    `each iteration calls ours and the floor on the same input (fresh digest per sign), order alternating;`,
    `  discarded: ${result.warmupRuns} whole warm-up runs, then ${perMethod(result.warmupPerRun)} calls at the start of`,
    '  each run. Correct auth PIN, so it stays at full tries (checked after the run); every result checked',
    '  (certificate bytes, tries left, byte-identical signatures that verify).',
    `calls timed: ${calls} (${formatCount(result.runs, 'runs')}); added = ours − floor of each statistic.`,
    `added latency per run (median, ms): ${result.methods.map((m) => `${m.method} ${m.addedMedianPerRun.join(', ')}`).join('; ')}`,
    'RSS (informational): the bridge process once connected, after the warm-up runs, after the timed runs.',
    `bridge log: ${result.bridge.logLines} lines; load average ${result.host.loadAverage} on ${result.host.cpus} CPUs`,
    `  when timing began; bench wall time ${result.wallSeconds.toFixed(1)} s.`,
    ...bundleMemoryNotes(result.bundle),
    'no wall-clock assertion: times are for comparison within this run only.',
  ];
  return {
    title: `bridge — added latency per call: reference bridge over WebSocket vs in-process card work (${formatCount(result.runs, 'runs')}); the bundle's memory`,
    floorHeader: 'floor (in-process JpkiCard)',
    rows,
    notes,
  };
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;
const pair = (median: number, p95: number) => `${formatMs(median)} / ${formatMs(p95)}`;
const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
const perMethod = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
