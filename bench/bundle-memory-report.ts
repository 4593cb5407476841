/**
 * The bridge bench's memory half, pure: the production bundle's resident set under plain `node`,
 * idle and over card cycles (insert → read certificate → sign → remove). Goal: at most
 * BUNDLE_RSS_GOAL_KB idle and after the cycles, and flat across them (growth as the memory bench
 * takes it: median of the last samples − median of the first after a warm-up, memory-report.ts).
 */
import { formatMb, summariseSeries, type SeriesSummary } from './memory-report';
import { goalOf, type Row } from './report';

/** 48 MiB resident, idle and after the cycles. */
export const BUNDLE_RSS_GOAL_KB = 48 * 1024;
/** "Flat": the cycles grow the resident set by at most this much. */
export const BUNDLE_GROWTH_GOAL_KB = 1024;

export interface BundleMemory {
  /** How the bundle was started (plain node, its flags if any). */
  commandLine: string;
  cycles: number;
  /** VmRSS (kB): median of a few samples with the bridge idle (reader watched, no card, 15 s without calls). */
  idleKb: number;
  /** After each cycle, back to no card; [0] is the idle figure. */
  series: SeriesSummary;
  peakKb: number;
}

/**
 * The node options of the unit's ExecStart (between the node binary and the bundle), so the bench
 * starts the bundle exactly as a box does.
 */
export function nodeFlagsOf(execStart: string, bundleName: string): string[] {
  const words = execStart.trim().split(/\s+/);
  const bundleAt = words.findIndex((word) => word === bundleName || word.endsWith(`/${bundleName}`));
  if (!/(^|\/)node$/.test(words[0] ?? '') || bundleAt < 1) {
    throw new Error(`ExecStart does not run node on ${bundleName}: ${execStart}`);
  }
  return words.slice(1, bundleAt);
}

/** `samplesKb[0]` idle, then one per cycle. */
export function bundleMemory(
  commandLine: string,
  idleKb: number,
  samplesKb: readonly number[],
  peakKb: number,
): BundleMemory {
  const cycles = samplesKb.length - 1;
  return { commandLine, cycles, idleKb, series: summariseSeries(samplesKb, cycles), peakKb };
}

export function bundleMemoryRows(memory: BundleMemory): Row[] {
  const { series } = memory;
  const rssGoal = `≤ ${formatMb(BUNDLE_RSS_GOAL_KB)}`;
  return [
    {
      figure: 'bundle RSS, idle (plain node, pcsc, no card)',
      ours: formatMb(memory.idleKb),
      goal: goalOf(rssGoal, memory.idleKb <= BUNDLE_RSS_GOAL_KB),
    },
    {
      figure: `bundle RSS after ${memory.cycles} card cycles (last samples)`,
      ours: `${formatMb(series.endKb)} (peak ${formatMb(memory.peakKb)})`,
      goal: goalOf(rssGoal, series.endKb <= BUNDLE_RSS_GOAL_KB),
    },
    {
      figure: '  growth over the cycles (flat)',
      ours: `${formatMb(series.growthKb, true)} (${formatMb(series.baselineKb)} → ${formatMb(series.endKb)})`,
      goal: goalOf(`≤ ${formatMb(BUNDLE_GROWTH_GOAL_KB, true)}`, series.growthKb <= BUNDLE_GROWTH_GOAL_KB),
    },
  ];
}

export function bundleMemoryNotes(memory: BundleMemory): string[] {
  return [
    `bundle: npm run bridge:bundle's madoguchi-bridge.cjs as the systemd unit starts it: ${memory.commandLine}`,
    '  (backend pcsc, the bench reader only, info logging to a file); its own process, VmRSS from /proc.',
    '  idle: it watches the empty reader, a client is connected, then 15 s without calls (V8 shrinks its',
    '  heap and flushes start-up bytecode by then), median of 5 samples over 1 s.',
    '  a cycle: the virtual card in, readCertificate auth, sign auth (correct PIN, signature verified),',
    `  card out, back to "absent"; one sample after each. growth: ${memory.series.method}, as the memory bench.`,
  ];
}
