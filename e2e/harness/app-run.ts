/**
 * One run of the built app in cog: serve dist/app (a test build, with `window.__madoguchi`), start
 * WPEWebDriver + cog, navigate, wait for a screen and capture it through the test hook (WebDriver's
 * own screenshot misses the WebGL canvas in WPE).
 */
import { serveStatic, type StaticServer } from './static-server';
import { startWpe, type Driver } from './wpe';

export interface AppRun {
  driver: Driver;
  url: string;
  /** ms from navigate to the screen's appearance, set by `waitForScreen`. */
  waitForScreen(screen: string, timeoutMs?: number): Promise<number>;
  /** The stage canvas as PNG bytes, after a forced render, on the next frameEnd. */
  capture(): Promise<Buffer>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const runApp = async (distDir: string): Promise<AppRun> => {
  let server: StaticServer | undefined;
  let driver: Driver | undefined;
  try {
    server = await serveStatic(distDir);
    driver = await startWpe();
    const { session } = driver;
    const navigated = Date.now();
    await session.navigate(server.url);
    const run: AppRun = {
      driver,
      url: server.url,
      waitForScreen: async (screen, timeoutMs = 15000) => {
        for (;;) {
          const current = await session.execute<string | null>(
            'return window.__madoguchi ? window.__madoguchi.screen || null : null',
          );
          if (current === screen) return Date.now() - navigated;
          if (Date.now() - navigated > timeoutMs) {
            throw new Error(`screen '${screen}' not reached in ${timeoutMs} ms (on '${current}')`);
          }
          await sleep(50);
        }
      },
      capture: async () => {
        const url = await session.executeAsync<string>(
          'var done = arguments[arguments.length - 1];' +
            'window.__madoguchi.capture().then(done, function (e) { done("error:" + e); });',
        );
        if (!url.startsWith('data:image/png;base64,'))
          throw new Error(`capture failed: ${url.slice(0, 200)}`);
        return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
      },
      close: async () => {
        await driver?.quit();
        await server?.close();
      },
    };
    return run;
  } catch (error) {
    await driver?.quit();
    await server?.close();
    throw error;
  }
};
