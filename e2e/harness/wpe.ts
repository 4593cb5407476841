/**
 * Starts WPEWebDriver on a free loopback port and opens a session that drives `cog` headless.
 * Capabilities (WebKit's WPE driver): `wpe:browserOptions` { binary, args }; cog needs
 * `--automation` to accept the driver's control (without it, it loads its working directory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './ports';
import { newSession, status, type Session } from './webdriver';

export const COG = process.env.MADOGUCHI_COG ?? '/usr/bin/cog';
export const WPE_WEBDRIVER = process.env.MADOGUCHI_WPE_WEBDRIVER ?? 'WPEWebDriver';

export const wpeCapabilities = () => ({
  'wpe:browserOptions': { binary: COG, args: ['--platform=headless', '--automation'] },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Driver {
  session: Session;
  /** What the driver and cog wrote, for a failure's message. */
  log(): string;
  quit(): Promise<void>;
}

export const startWpe = async (): Promise<Driver> => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const driver: ChildProcess = spawn(WPE_WEBDRIVER, [`--port=${port}`, '--host=local'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  driver.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  driver.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => driver.once('exit', () => resolve()));
  const stop = async () => {
    if (driver.exitCode === null && driver.signalCode === null) driver.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 3000)))]);
    clearTimeout(timer);
    // cog inherits the driver's pipes; drop our ends so they cannot keep the test runner alive.
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
      if (i > 100 || driver.exitCode !== null) throw new Error(`WPEWebDriver did not start:\n${output}`);
      await sleep(50);
    }
    const session = await newSession(base, wpeCapabilities());
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
