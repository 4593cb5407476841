/**
 * `npm run bench -- app`: our TV app against a bare @lightningjs/sdk app (bench/fixtures/bare-app) and
 * against bare Lightning drawing our own screens from a snapshot (bench/fixtures/same-screen-app),
 * all built by our pipeline in this run and driven in WPE WebKit (cog headless):
 *   - initial JavaScript (the app entry and the chunks it imports statically) raw and gzip, and the
 *     chunks loaded on demand;
 *   - cold start: navigation start → the first frame showing a focused screen (User Timing mark);
 *   - key press → the next rendered frame, p50 and p95.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { seededRandom } from '../mocks/seeded-random';
import { DEFAULT_SETTINGS } from '../src/app/settings/settings';
import type { BenchContext, BenchOutcome } from './card';
import {
  appTable,
  keyLatencies,
  methodOffsets,
  type AppBenchResult,
  type AppSide,
  type KeySample,
} from './app-report';
import {
  REPO_ROOT,
  bareKeyFrameEnds,
  buildAll,
  checkWpe,
  launchTime,
  openBrowser,
  pressKeys,
  serveApp,
  startBridge,
  waitForPinEntry,
  type AppName,
  type PressPlan,
} from './app-rig';
import { captureSameScreens } from './same-screen';

/** Presses per run and app, and how many at the start of each run are not counted. */
const PRESSES_PER_RUN = 120;
const WARM_UP_PRESSES = 6;
/** WebDriver key codepoints: ours types a digit and deletes it (Backspace = Back); never OK. */
const OURS_KEYS = ['1', '\uE003'];
const BARE_KEYS = ['\uE014', '\uE012']; // Right, Left
/** After the screen is up, let its first textures settle before pressing. */
const SETTLE_MS = 500;

const APPS: readonly AppName[] = ['ours', 'bare', 'same'];

/** Each run starts with another app, so no app always follows the same one. */
function rotated(run: number): AppName[] {
  const shift = run % APPS.length;
  return [...APPS.slice(shift), ...APPS.slice(0, shift)];
}

export async function runAppBench(context: BenchContext): Promise<BenchOutcome> {
  const { cleanup, progress, runs } = context;
  checkWpe();
  const tempDir = mkdtempSync(path.join(tmpdir(), 'madoguchi-bench-app-'));
  cleanup.add('remove the temp dir', () => rmSync(tempDir, { recursive: true, force: true }));

  progress('app: building ours, the bare app and the same-screen floor (esbuild + swc, as npm run build)');
  const outRoot = path.join(REPO_ROOT, '.tmp', 'app-bench');
  const builds = await buildAll(outRoot);
  progress('app: taking our first screen and PIN entry for the same-screen floor (test-hook build)');
  const screens = await captureSameScreens(outRoot, path.join(tempDir, 'pki'), cleanup);

  let bridgeUrl = DEFAULT_SETTINGS.bridge.url;
  const ours = await serveApp(builds.dirs.ours, cleanup, () => ({
    ...DEFAULT_SETTINGS,
    bridge: { url: bridgeUrl },
  }));
  const bare = await serveApp(builds.dirs.bare, cleanup);
  const same = await serveApp(builds.dirs.same, cleanup, undefined, {
    '/screens.json': () => JSON.stringify(screens),
  });
  const urls: Record<AppName, string> = { ours: ours.url, bare: bare.url, same: `${same.url}?screen=first` };
  const keyUrls: Record<AppName, string> = { ...urls, same: `${same.url}?screen=pin` };
  const origin = ours.url.replace(/\/$/, '');

  // Cold start: a fresh cog per run (no memory cache, no warm web process), apps alternating.
  const coldStart: Record<AppName, number[]> = { ours: [], bare: [], same: [] };
  {
    const bridge = await startBridge(origin, 'none', path.join(tempDir, 'pki'), cleanup);
    bridgeUrl = bridge.url;
    // One untimed launch of each first: the very first cog after a build loads its libraries from disk.
    for (const name of APPS) {
      const browser = await openBrowser(cleanup);
      await launchTime(browser.session, urls[name]);
      await browser.quit();
    }
    for (let run = 0; run < runs; run += 1) {
      for (const name of rotated(run)) {
        const browser = await openBrowser(cleanup);
        coldStart[name].push(await launchTime(browser.session, urls[name]));
        await browser.quit();
      }
      progress(
        `app: cold start run ${run + 1}/${runs}: ours ${coldStart.ours.at(-1)?.toFixed(0)} ms, bare ${coldStart.bare.at(-1)?.toFixed(0)} ms, same screen ${coldStart.same.at(-1)?.toFixed(0)} ms`,
      );
    }
    await bridge.stop();
  }

  // Keys: ours on the PIN entry (the simulator's normal card inserted), bare on its two boxes.
  const keyFrames: Record<AppName, number[]> = { ours: [], bare: [], same: [] };
  const offsets: number[] = [];
  {
    const bridge = await startBridge(origin, 'normal', path.join(tempDir, 'pki'), cleanup);
    bridgeUrl = bridge.url;
    for (let run = 0; run < runs; run += 1) {
      const random = seededRandom(run + 1);
      const pausesMs = Array.from({ length: PRESSES_PER_RUN }, () => Math.round(random() * 40));
      for (const name of rotated(run)) {
        const keys = name === 'bare' ? BARE_KEYS : OURS_KEYS;
        const plan: PressPlan = { keys: pausesMs.map((_, i) => keys[i % 2]!), pausesMs };
        const browser = await openBrowser(cleanup);
        bridge.log.lines.length = 0;
        await launchTime(browser.session, keyUrls[name]);
        if (name === 'ours') await waitForPinEntry(bridge.log);
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const samples: KeySample[] = await pressKeys(browser.session, plan);
        keyFrames[name].push(...keyLatencies(samples, WARM_UP_PRESSES));
        if (name === 'bare') offsets.push(...methodOffsets(samples, await bareKeyFrameEnds(browser.session)));
        await browser.quit();
      }
      progress(`app: key run ${run + 1}/${runs} done`);
    }
    await bridge.stop();
  }

  const side = (name: AppName): AppSide => ({
    size: {
      raw: builds.size[name].raw,
      gzip: builds.size[name].gzip,
      ...(builds.size[name].lazy.files.length
        ? { lazy: { raw: builds.size[name].lazy.raw, gzip: builds.size[name].lazy.gzip } }
        : {}),
    },
    coldStartMs: coldStart[name],
    keyFrameMs: keyFrames[name],
  });
  const result: AppBenchResult = {
    runs,
    pressesPerRun: PRESSES_PER_RUN,
    ours: side('ours'),
    floor: side('bare'),
    sameScreen: { coldStartMs: coldStart.same, keyFrameMs: keyFrames.same },
    methodCheck: offsets.length
      ? { samples: offsets.length, minMs: Math.min(...offsets), maxMs: Math.max(...offsets) }
      : undefined,
    loadAverage: loadavg()[0],
  };
  const failures: string[] = [];
  // A sample before Lightning's frameEnd would mean the probe does not see the drawn change.
  if (result.methodCheck && result.methodCheck.minMs < 0) {
    failures.push(
      `method check: a key sample came ${-result.methodCheck.minMs} ms before the frame it should follow`,
    );
  }
  // Half a tick later: the probe's callback ran in a later frame than the one with the change.
  if (result.methodCheck && result.methodCheck.maxMs > 16) {
    failures.push(
      `method check: a key sample came ${result.methodCheck.maxMs} ms after the frame with the change`,
    );
  }
  return { table: appTable(result), data: result, failures };
}
