/**
 * A WebDriver server (WPEWebDriver, chromedriver) as a child process on a free loopback port, with
 * one session opened on it. Its output is kept for failure messages; quitting closes the session,
 * then stops the process (SIGTERM, at most 3 s) and drops our ends of its pipes — the browser
 * inherits them and would otherwise keep the test runner alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './ports';
import { newSession, status, type Session } from './webdriver';
import { confined } from './confine';

export interface Driver {
  session: Session;
  /** The driver process's id (the browser runs below it: the memory bench finds WPEWebProcess there). */
  pid: number | undefined;
  /** What the driver and the browser wrote, for a failure's message. */
  log(): string;
  quit(): Promise<void>;
}

export interface DriverProcessOptions {
  /** For messages, e.g. 'WPEWebDriver'. */
  name: string;
  command: string;
  args(port: number): string[];
  capabilities: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const startDriverProcess = async (options: DriverProcessOptions): Promise<Driver> => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const command = confined(options.command, options.args(port));
  const driver: ChildProcess = spawn(command.program, command.args, {
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
      if (i > 100 || driver.exitCode !== null) throw new Error(`${options.name} did not start:\n${output}`);
      await sleep(50);
    }
    const session = await newSession(base, options.capabilities);
    return {
      session,
      pid: driver.pid,
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
