/**
 * `npm run bench -- memory`: `--cycles` (default 100) login → health → logout cycles in one page in
 * WPE, with the real bridge (pcsc), platform and card (bench/wpe-stack.ts). After each cycle, back on
 * the insert-card screen: the WPE web process's PSS and the bridge's RSS. Goal: ≤ 5 MB
 * growth each (bench/memory-report.ts defines growth).
 */
import { DEFAULT_LIMITS } from '../mocks/platform/simulator/limits';
import type { Journey, Stack } from '../e2e/harness/stack';
import { backToHome, logIn, logOut, openFromHome } from '../e2e/journeys/steps';
import type { BenchContext, BenchOutcome } from './card';
import {
  formatMb,
  growthWindows,
  memoryFailures,
  memoryTable,
  type AppStats,
  summariseSeries,
} from './memory-report';
import { findWebProcesses, readPssKb, readRssKb } from './proc-memory';
import { median } from './report';
import { startBenchStack, takeTimeline } from './wpe-stack';

/**
 * A cycle takes at least this long, as a viewer's would: the platform lets one card log in
 * `points` times a minute, and a bench faster than that meets its 429 RATE_LIMITED, not a leak.
 */
const MIN_CYCLE_MS = Math.ceil((60_000 / DEFAULT_LIMITS.certificate.login!.points) * 1.1);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runMemoryBench(context: BenchContext): Promise<BenchOutcome> {
  const { cycles, progress } = context;
  const stack = await startBenchStack(context, 'memory');
  const journey = await stack.journey('memory');
  await journey.waitForScreen('insert-card');

  const driverPid = stack.driver.pid;
  const bridgePid = stack.bridge.pid;
  if (driverPid === undefined || bridgePid === undefined)
    throw new Error(
      'WPEWebDriver かブリッジのプロセス ID がありません / no pid for WPEWebDriver or the bridge',
    );
  // After the navigation WebKit may keep about:blank's process: the app's is the big one (WebGL).
  const webPid = findWebProcesses(driverPid)
    .map((pid) => ({ pid, pss: readPssKb(pid) }))
    .sort((a, b) => b.pss - a.pss)[0]!.pid;

  const web = [readPssKb(webPid)];
  const bridge = [readRssKb(bridgePid)];
  const cycleMs: number[] = [];
  const { warmup } = growthWindows(cycles);
  let statsAfterWarmup = await appStats(stack);
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const started = performance.now();
    await oneCycle(stack, journey);
    cycleMs.push(performance.now() - started);
    await sleep(MIN_CYCLE_MS - (performance.now() - started));
    await takeTimeline(stack); // the hook keeps at most 500 entries anyway
    web.push(readPssKb(webPid));
    bridge.push(readRssKb(bridgePid));
    if (stack.card!.triesLeft?.auth !== 3)
      throw new Error('サイクルで PIN の試行回数が減りました / a cycle spent a PIN try');
    if (cycle === warmup) statsAfterWarmup = await appStats(stack);
    if (cycle % 10 === 0 || cycle === cycles) {
      progress(
        `memory: cycle ${cycle}/${cycles}: WPE PSS ${formatMb(web.at(-1)!)}, bridge RSS ${formatMb(bridge.at(-1)!)}`,
      );
    }
  }

  const figures = {
    cycles,
    web: summariseSeries(web, cycles),
    app: { afterWarmup: statsAfterWarmup, end: await appStats(stack) },
    bridge: summariseSeries(bridge, cycles),
    cycleMs: median(cycleMs),
  };
  const failures = memoryFailures(figures);
  return {
    table: memoryTable(figures, context.readerName),
    data: { reader: context.readerName, ...figures, samplesKb: { web, bridge }, cycleMsPerCycle: cycleMs },
    failures,
  };
}

/** The app's own counts (test hook) and how many page-log lines the harness holds. */
async function appStats(stack: Stack): Promise<AppStats> {
  return stack.session.execute<AppStats>(
    'var s = window.__madoguchi.stats(); s.pageLogLines = window.__e2eLog ? window.__e2eLog.length : 0; return s;',
  );
}

/** Card in, PIN, OK, home → health checkups → a detail → back → home → log out → card out. */
async function oneCycle(stack: Stack, journey: Journey): Promise<void> {
  await logIn(stack, journey);
  await openFromHome(journey, 'health');
  await journey.waitForScreen(
    'checkup-list',
    (p) => p.loading === false && (p.checkups as unknown[]).length > 0,
  );
  await journey.press('Enter');
  await journey.waitForScreen('checkup-detail', (p) => p.loading === false);
  await journey.press('Back');
  await journey.waitForScreen('checkup-list');
  await backToHome(journey);
  await logOut(journey);
  await stack.card!.remove();
  await journey.waitForScreen('insert-card');
}
