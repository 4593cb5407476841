/**
 * The app bench's rig: builds both apps with our pipeline, serves them, runs the card bridge
 * (simulator backend) for ours, and drives cog headless through WPEWebDriver with the e2e
 * harness's modules. The page side is plain script injected through WebDriver, so the production
 * build is measured as shipped (no test hook).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildApp, type BuildStats } from '../scripts/build-app.js';
import { DEFAULT_SETTINGS, type AppSettings } from '../src/app/settings/settings';
import { FIRST_FOCUSED_FRAME } from '../src/app/first-frame';
import { BridgeProcess, CollectedLog } from '../e2e/harness/processes';
import { serveStatic, type Overrides, type StaticServer } from '../e2e/harness/static-server';
import { COG, WPE_WEBDRIVER, startWpe, type Driver } from '../e2e/harness/wpe';
import type { Session } from '../e2e/harness/webdriver';
import { markTime, parseKeySamples, type KeySample } from './app-report';
import { BenchSetupError } from './card-rig';
import { withTimeout, type Cleanup } from './cleanup';

export const REPO_ROOT = path.resolve(__dirname, '..');
const ENTRIES = {
  ours: 'src/app/index.ts',
  bare: 'bench/fixtures/bare-app/index.ts',
  same: 'bench/fixtures/same-screen-app/index.ts',
} as const;

/** Ours, the bare app, and bare Lightning drawing our screens (the same-screen floor). */
export type AppName = keyof typeof ENTRIES;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** cog and WPEWebDriver must be installed (scripts/ensure-system.sh); say so before building. */
export function checkWpe(): void {
  for (const program of [COG, WPE_WEBDRIVER]) {
    try {
      execFileSync('sh', ['-c', `command -v "$1"`, 'sh', program], { stdio: 'ignore' });
    } catch {
      throw new BenchSetupError(
        `WPE がありません / WPE missing: ${program} not found (run \`sudo bash scripts/ensure-system.sh\`)`,
      );
    }
  }
}

export interface AppBuilds {
  /** What `npm run build` makes, for the sizes. */
  size: Record<AppName, BuildStats>;
  /** The same builds, served to WPE. */
  dirs: Record<AppName, string>;
}

/** The apps into `outRoot`, built as `npm run build` builds ours (one key map for every box). */
export async function buildAll(outRoot: string): Promise<AppBuilds> {
  const size = {} as Record<AppName, BuildStats>;
  const dirs = {} as Record<AppName, string>;
  for (const name of Object.keys(ENTRIES) as AppName[]) {
    dirs[name] = path.join(outRoot, name);
    size[name] = await buildApp({ settings: DEFAULT_SETTINGS, entry: ENTRIES[name], outDir: dirs[name] });
  }
  return { size, dirs };
}

/** A build on a static server; our settings.json is answered from memory with the bridge's URL. */
export async function serveApp(
  dir: string,
  cleanup: Cleanup,
  settings?: () => AppSettings,
  files: Overrides = {},
): Promise<StaticServer> {
  const overrides: Overrides = {
    ...files,
    ...(settings ? { '/settings.json': () => JSON.stringify(settings()) } : {}),
  };
  const server = await serveStatic(dir, 0, overrides);
  cleanup.add(`close the server of ${path.basename(dir)}`, () => server.close());
  return server;
}

export interface RunningBridge {
  url: string;
  log: CollectedLog;
  stop(): Promise<void>;
}

/** The bridge CLI as a child, simulator backend: `--no-card`, or the normal test card inserted. */
export async function startBridge(
  origin: string,
  card: 'none' | 'normal',
  pkiDir: string,
  cleanup: Cleanup,
): Promise<RunningBridge> {
  if (cleanup.closed) throw new Error('bridge not started: the bench is shutting down');
  const log = new CollectedLog();
  const args = card === 'none' ? ['--no-card'] : ['--scenario', 'normal', '--pki', pkiDir];
  let bridge: BridgeProcess;
  try {
    bridge = await BridgeProcess.start(origin, log, { backend: 'simulator', args });
  } catch (error) {
    throw new BenchSetupError(
      `ブリッジを起動できません / the bridge did not start: ${(error as Error).message}`,
    );
  }
  const stop = cleanup.add('stop the bridge', () => bridge.close());
  return { url: bridge.url, log, stop };
}

/** A fresh cog (through a new WPEWebDriver) for one run; quit by the caller or the cleanup. */
export async function openBrowser(
  cleanup: Cleanup,
): Promise<{ session: Session; quit: () => Promise<void> }> {
  if (cleanup.closed) throw new Error('WPE not started: the bench is shutting down');
  let driver: Driver;
  try {
    driver = await startWpe();
  } catch (error) {
    throw new BenchSetupError(`WPE を起動できません / WPE did not start: ${(error as Error).message}`);
  }
  const quit = cleanup.add('quit WPE', () => driver.quit());
  return { session: driver.session, quit };
}

/** Navigates and waits for the launch mark; its startTime (ms after navigation start). */
export async function launchTime(session: Session, url: string, timeoutMs = 15_000): Promise<number> {
  await session.navigate(url);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entries = await session.execute<unknown>(
      'return typeof performance.getEntriesByName === "function" ? ' +
        'performance.getEntriesByName(arguments[0]).map(function (e) { return { startTime: e.startTime }; }) : null',
      [FIRST_FOCUSED_FRAME],
    );
    if (entries === null)
      throw new BenchSetupError('User Timing がありません / no performance.getEntriesByName');
    const time = markTime(entries);
    if (time !== undefined) return time;
    if (Date.now() > deadline) {
      throw new Error(`no "${FIRST_FOCUSED_FRAME}" mark within ${timeoutMs / 1000} s at ${url}`);
    }
    await sleep(20);
  }
}

/**
 * Capture-phase keydown on window (before Lightning's own listener): the time, then a rAF callback.
 * Lightning's loop registered its rAF in the previous tick, so it draws the change first in that
 * same tick and this callback's time is the end of the frame with the change.
 */
const INSTALL_KEY_PROBE = `
  var w = window;
  if (w.__benchKeys) return;
  w.__benchKeys = [];
  w.addEventListener('keydown', function () {
    var keyAt = performance.now();
    requestAnimationFrame(function () {
      w.__benchKeys.push({ keyAt: keyAt, frameAt: performance.now() });
      var waiter = w.__benchWaiter;
      w.__benchWaiter = undefined;
      if (waiter) waiter(w.__benchKeys.length);
    });
  }, true);`;

/** Resolves once the page holds more than arguments[0] samples (no polling in the page). */
const WAIT_FOR_SAMPLE = `
  var count = arguments[0], done = arguments[arguments.length - 1], w = window;
  if (w.__benchKeys.length > count) done(w.__benchKeys.length);
  else w.__benchWaiter = function (n) { if (n > count) done(n); };`;

export interface PressPlan {
  keys: string[];
  /** Milliseconds to wait before each press, so presses land at every phase of the 30 fps tick. */
  pausesMs: number[];
}

/** Presses one key at a time, each after its pause, waiting for its sample; returns the samples. */
export async function pressKeys(session: Session, plan: PressPlan): Promise<KeySample[]> {
  await session.execute(INSTALL_KEY_PROBE);
  for (let index = 0; index < plan.keys.length; index += 1) {
    await sleep(plan.pausesMs[index] ?? 0);
    await session.sendKeys(plan.keys[index]!);
    await withTimeout(
      session.executeAsync(WAIT_FOR_SAMPLE, [index]),
      5_000,
      `no frame after key ${index + 1} (${JSON.stringify(plan.keys[index])})`,
    );
  }
  return parseKeySamples(await session.execute('return window.__benchKeys'));
}

/** The bare app's frameEnd after each key (its own bookkeeping, for the method check). */
export async function bareKeyFrameEnds(session: Session): Promise<number[]> {
  const value = await session.execute<unknown>('return window.__bareKeyFrameEnds || []');
  return Array.isArray(value) ? value.filter((n): n is number => typeof n === 'number') : [];
}

/** Waits until the bridge log shows the app reading the PIN status: the login's PIN entry is up. */
export async function waitForPinEntry(log: CollectedLog, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!log.lines.some((line) => line.includes('"call"') && /PinStatus/.test(line))) {
    if (Date.now() > deadline) {
      throw new Error(`the app did not reach the PIN entry in ${timeoutMs / 1000} s:\n${log.text()}`);
    }
    await sleep(50);
  }
}
