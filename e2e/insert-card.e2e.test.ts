/**
 * WPE smoke test: the built app, loaded in cog (headless) through WPEWebDriver, with a bridge to
 * talk to (`--backend simulator --no-card`: an empty reader) and a settings.json pointing at it,
 * reaches the insert-card screen, and its canvas capture is a real picture (not a blank frame).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng, pixelStats } from './harness/png';
import { SCREENSHOT_DIR } from './harness/screens';
import { Stack, type Journey } from './harness/stack';
import { SCREEN } from '../src/app/screens/ids';

describe('WPE WebKit (cog) smoke', () => {
  let stack: Stack | undefined;
  let journey: Journey;
  let navigated = 0;

  beforeAll(async () => {
    stack = await Stack.start({
      browser: 'wpe',
      withCard: false,
      bridge: { backend: 'simulator', args: ['--no-card'] },
    });
    navigated = Date.now();
    journey = await stack.journey('insert-card-smoke');
  }, 90000);

  afterAll(async () => {
    await stack?.close();
  });

  it('reaches the insert-card screen and renders it', async () => {
    await journey.waitForScreen(SCREEN.insertCard, undefined, 15000);
    const ms = Date.now() - navigated;
    const capture = await journey.shot('insert-card');
    const png = readFileSync(capture);
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
    await journey.press('Back');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await journey.read()).screen).toBe(SCREEN.insertCard);
    expect(await stack!.session.execute('return document.querySelectorAll("canvas").length')).toBe(1);
  });
});
