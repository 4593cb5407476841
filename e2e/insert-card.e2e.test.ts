/**
 * WPE smoke test: the built app, loaded in cog (headless) through WPEWebDriver, reaches the
 * insert-card screen, and its canvas capture is a real picture (not a blank or white frame).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runApp, type AppRun } from './harness/app-run';
import { decodePng, pixelStats } from './harness/png';
import { buildTestApp, E2E_APP_DIR, SCREENSHOT_DIR } from './harness/screens';

describe('WPE WebKit (cog) smoke', () => {
  let run: AppRun | undefined;

  beforeAll(async () => {
    buildTestApp();
    run = await runApp(E2E_APP_DIR);
  }, 60000);

  afterAll(async () => {
    await run?.close();
  });

  it('reaches the insert-card screen and renders it', async () => {
    const app = run!;
    const ms = await app.waitForScreen('insert-card');
    const png = await app.capture();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = join(SCREENSHOT_DIR, 'insert-card.e2e.png');
    writeFileSync(file, png);
    const image = decodePng(png);
    const stats = pixelStats(image);
    console.log(
      `insert-card in ${ms} ms after navigate; ${file}: ${image.width}×${image.height}, ` +
        `luma variance ${stats.variance.toFixed(0)}, ${stats.distinctColors} colours`,
    );
    expect(image.width).toBe(1920);
    expect(image.height).toBe(1080);
    expect(stats.variance).toBeGreaterThan(100);
    expect(stats.distinctColors).toBeGreaterThan(8);
  });

  it('stays on the insert-card screen when Back (Backspace) is pressed', async () => {
    const app = run!;
    await app.driver.session.sendKeys('\uE003'); // WebDriver's Backspace
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await app.driver.session.execute('return window.__madoguchi.screen')).toBe('insert-card');
    expect(await app.driver.session.execute('return document.querySelectorAll("canvas").length')).toBe(1);
  });
});
