/**
 * `npm run bench -- app`: our TV app against a bare @lightningjs/sdk app (bench/fixtures/bare-app),
 * both built by our pipeline in this run and driven in WPE WebKit (cog headless):
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
  buildBoth,
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

/** Presses per run and app, and how many at the start of each run are not counted. */
const PRESSES_PER_RUN = 120;
const WARM_UP_PRESSES = 6;
/** WebDriver key codepoints: ours types a digit and deletes it (Backspace = Back); never OK. */
const OURS_KEYS = ['1', '\uE003'];
const BARE_KEYS = ['\uE014', '\uE012']; // Right, Left
/** After the screen is up, let its first textures settle before pressing. */
const SETTLE_MS = 500;

export async function runAppBench(context: BenchContext): Promise<BenchOutcome> {
  const { cleanup, progress, runs } = context;
  checkWpe();
  const tempDir = mkdtempSync(path.join(tmpdir(), 'madoguchi-bench-app-'));
  cleanup.add('remove the temp dir', () => rmSync(tempDir, { recursive: true, force: true }));

  progress('app: building ours and the bare app (esbuild + swc, as npm run build)');
  const builds = await buildBoth(path.join(REPO_ROOT, '.tmp', 'app-bench'));

  let bridgeUrl = DEFAULT_SETTINGS.bridge.url;
  const ours = await serveApp(builds.dirs.ours, cleanup, () => ({
    ...DEFAULT_SETTINGS,
    bridge: { url: bridgeUrl },
  }));
  const bare = await serveApp(builds.dirs.bare, cleanup);
  const urls: Record<AppName, string> = { ours: ours.url, bare: bare.url };
  const origin = ours.url.replace(/\/$/, '');

  // Cold start: a fresh cog per run (no memory cache, no warm web process), apps alternating.
  const coldStart: Record<AppName, number[]> = { ours: [], bare: [] };
  {
    const bridge = await startBridge(origin, 'none', path.join(tempDir, 'pki'), cleanup);
    bridgeUrl = bridge.url;
    // One untimed launch of each first: the very first cog after a build loads its libraries from disk.
    for (const name of ['ours', 'bare'] as const) {
      const browser = await openBrowser(cleanup);
      await launchTime(browser.session, urls[name]);
      await browser.quit();
    }
    for (let run = 0; run < runs; run += 1) {
      for (const name of run % 2 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const)) {
        const browser = await openBrowser(cleanup);
        coldStart[name].push(await launchTime(browser.session, urls[name]));
        await browser.quit();
      }
      progress(
        `app: cold start run ${run + 1}/${runs}: ours ${coldStart.ours.at(-1)?.toFixed(0)} ms, bare ${coldStart.bare.at(-1)?.toFixed(0)} ms`,
      );
    }
    await bridge.stop();
  }

  // Keys: ours on the PIN entry (the simulator's normal card inserted), bare on its two boxes.
  const keyFrames: Record<AppName, number[]> = { ours: [], bare: [] };
  const offsets: number[] = [];
  {
    const bridge = await startBridge(origin, 'normal', path.join(tempDir, 'pki'), cleanup);
    bridgeUrl = bridge.url;
    for (let run = 0; run < runs; run += 1) {
      const random = seededRandom(run + 1);
      const pausesMs = Array.from({ length: PRESSES_PER_RUN }, () => Math.round(random() * 40));
      for (const name of run % 2 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const)) {
        const keys = name === 'ours' ? OURS_KEYS : BARE_KEYS;
        const plan: PressPlan = { keys: pausesMs.map((_, i) => keys[i % 2]!), pausesMs };
        const browser = await openBrowser(cleanup);
        bridge.log.lines.length = 0;
        await launchTime(browser.session, urls[name]);
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
