/**
 * Starts chromedriver on a free loopback port and opens a session that drives Chromium headless at
 * 1920×1080 (the app's stage), with WebGL on SwiftShader and the page's console kept for the log.
 * `MADOGUCHI_CHROMIUM` / `MADOGUCHI_CHROMEDRIVER` override the binaries (Debian: chromium,
 * chromium-driver).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './ports';
import { newSession, status } from './webdriver';
import type { Driver } from './wpe';

export const CHROMIUM = process.env.MADOGUCHI_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMEDRIVER = process.env.MADOGUCHI_CHROMEDRIVER ?? 'chromedriver';

export const chromiumCapabilities = () => ({
  browserName: 'chrome',
  'goog:chromeOptions': {
    binary: CHROMIUM,
    args: [
      '--headless=new',
      '--window-size=1920,1080',
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--no-first-run',
      '--disable-extensions',
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
  'goog:loggingPrefs': { browser: 'ALL' },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const startChromium = async (): Promise<Driver> => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const driver: ChildProcess = spawn(CHROMEDRIVER, [`--port=${port}`, '--allowed-ips=127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  driver.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  driver.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  driver.once('error', (error) => (output += `\n${error.message}`));
  const exited = new Promise<void>((resolve) => driver.once('exit', () => resolve()));
  const stop = async () => {
    if (driver.exitCode === null && driver.signalCode === null) driver.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 3000)))]);
    clearTimeout(timer);
    driver.stdout?.destroy();
    driver.stderr?.destroy();
  };
  try {
    for (let i = 0; ; i += 1) {
      try {
        if (await status(base)) break;
      } catch {
        // not listening yet
      }
      if (i > 100 || driver.exitCode !== null) throw new Error(`chromedriver did not start:\n${output}`);
      await sleep(50);
    }
    const session = await newSession(base, chromiumCapabilities());
    return {
      session,
      log: () => output,
      quit: async () => {
        await session.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
