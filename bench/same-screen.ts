/**
 * The same-screen floor's input, taken in the run: our app built with the test hook draws its first
 * screen and its PIN entry (before and after a digit) in WPE, and the hook hands back what the stage
 * draws. bench/fixtures/same-screen-app draws those snapshots again with bare Lightning.
 */
import path from 'node:path';
import { buildApp } from '../scripts/build-app.js';
import { DEFAULT_SETTINGS } from '../src/app/settings/settings';
import type { DrawnElement } from '../src/app/stage-snapshot';
import type { Session } from '../e2e/harness/webdriver';
import type { SameScreens } from './fixtures/same-screen-app/index';
import { openBrowser, serveApp, startBridge, waitForPinEntry } from './app-rig';
import { BenchSetupError } from './card-rig';
import type { Cleanup } from './cleanup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Nothing listens here: the hooked app stays on its first screen ("connecting"), as at the launch mark. */
const UNREACHABLE_BRIDGE = 'ws://127.0.0.1:9/jsonrpc';
/** Long enough for flex layout and the first text textures; the snapshot reads settings, not pixels. */
const SETTLE_MS = 600;

async function screenOf(session: Session, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = await session.execute<string | null>(
      'return window.__madoguchi && window.__madoguchi.screen || null',
    );
    if (screen) return screen;
    if (Date.now() > deadline) throw new BenchSetupError('the hooked app showed no screen in 15 s');
    await sleep(20);
  }
}

const snapshot = (session: Session) =>
  session.execute<DrawnElement[]>('return window.__madoguchi.snapshot()');

/** Snapshots of our first screen and of the PIN entry before and after one digit. */
export async function captureSameScreens(
  outRoot: string,
  pkiDir: string,
  cleanup: Cleanup,
): Promise<SameScreens> {
  const dir = path.join(outRoot, 'hooked');
  await buildApp({ settings: DEFAULT_SETTINGS, outDir: dir, testHook: true });
  let bridgeUrl = UNREACHABLE_BRIDGE;
  const server = await serveApp(dir, cleanup, () => ({ ...DEFAULT_SETTINGS, bridge: { url: bridgeUrl } }));
  const browser = await openBrowser(cleanup);
  try {
    await browser.session.navigate(server.url);
    const firstScreen = await screenOf(browser.session);
    await sleep(SETTLE_MS);
    const first = await snapshot(browser.session);
    const stillFirst = await screenOf(browser.session);
    if (stillFirst !== firstScreen)
      throw new BenchSetupError(
        `the first screen changed while it was read (${firstScreen} → ${stillFirst})`,
      );

    const bridge = await startBridge(server.url.replace(/\/$/, ''), 'normal', pkiDir, cleanup);
    bridgeUrl = bridge.url;
    try {
      await browser.session.navigate(server.url);
      await waitForPinEntry(bridge.log);
      await sleep(SETTLE_MS);
      const before = await snapshot(browser.session);
      await browser.session.sendKeys('1');
      await sleep(SETTLE_MS);
      const after = await snapshot(browser.session);
      await browser.session.sendKeys('\uE003'); // Backspace: the digit is deleted, never sent
      if (JSON.stringify(before) === JSON.stringify(after))
        throw new BenchSetupError(
          'a digit changed nothing on the PIN entry: the snapshot cannot stand for it',
        );
      return { first, pin: { before, after } };
    } finally {
      await bridge.stop();
    }
  } finally {
    await browser.quit();
  }
}
