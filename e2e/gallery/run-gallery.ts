/**
 * Renders every gallery entry in WPE WebKit (cog headless through WPEWebDriver) from one test
 * build: the test hook shows each fixed view, the canvas is captured (WebDriver screenshots miss
 * WebGL in WPE), and the page measures its own layout with the real glyphs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '../harness/static-server';
import { startWpe } from '../harness/wpe';
import { ROOT } from '../harness/screens';
import { bookingGallery } from './gallery-booking';
import { inboxGallery } from './gallery-inbox';
import { COMMON_GALLERY, type GalleryEntry } from './gallery-common';
import { MOVING_GALLERY } from './gallery-moving';
import { COMPANION_GALLERY } from './gallery-companion';
import { TEXT_SIZES, type TextSize } from '../../src/app/theme/tokens';

/** Every entry again at each larger text size (文字の大きさ 大, 特大), named e.g. `home@largest`. */
export const atEveryTextSize = (entries: GalleryEntry[]): GalleryEntry[] =>
  TEXT_SIZES.flatMap((textSize) =>
    entries.map((entry) =>
      textSize === 'standard' ? entry : { ...entry, name: `${entry.name}@${textSize}`, textSize },
    ),
  );

/** Every screen, in the order a viewer meets them, at every text size. */
export const gallery = async (): Promise<GalleryEntry[]> =>
  atEveryTextSize([
    ...COMMON_GALLERY,
    ...(await bookingGallery()),
    ...(await inboxGallery()),
    ...MOVING_GALLERY,
    ...COMPANION_GALLERY,
  ]);
export const GALLERY_APP_DIR = join(ROOT, '.tmp/gallery-app');
export const GALLERY_DIR = join(ROOT, '.tmp/screenshots');

export interface GalleryShot {
  name: string;
  textSize: TextSize;
  file: string;
  png: Buffer;
  /** The screen the app showed (should be the entry's). */
  screen: string | null;
  layoutProblems: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runGallery(only?: GalleryEntry[]): Promise<GalleryShot[]> {
  const entries = only ?? (await gallery());
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts/build-app.js'), '--test-hook', `--out=${GALLERY_APP_DIR}`],
    { stdio: 'ignore' },
  );
  mkdirSync(GALLERY_DIR, { recursive: true });
  const server = await serveStatic(GALLERY_APP_DIR);
  const driver = await startWpe();
  const { session } = driver;
  const shots: GalleryShot[] = [];
  try {
    await session.navigate(server.url);
    for (
      let i = 0;
      !(await session.execute<boolean>('return !!(window.__madoguchi && window.__madoguchi.screen)'));
      i++
    ) {
      if (i > 200) throw new Error(`the app did not start:\n${driver.log()}`);
      await sleep(50);
    }
    for (const entry of entries) {
      await session.execute(
        'var h = window.__madoguchi, e = arguments[0];' +
          'h.closeHelp(); h.setLanguage(e.language || "ja"); h.setTextSize(e.textSize || "standard");' +
          'h.showView(e.view); if (e.help) h.openHelp(e.helpPage);',
        [entry],
      );
      await sleep(700); // text textures load, the focus ring settles, animations pass their start
      const url = await session.executeAsync<string>(
        'var done = arguments[arguments.length - 1];' +
          'window.__madoguchi.capture().then(done, function (e) { done("error:" + e); });',
      );
      if (!url.startsWith('data:image/png;base64,'))
        throw new Error(`capture of ${entry.name} failed: ${url.slice(0, 200)}`);
      const png = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
      const file = join(GALLERY_DIR, `${entry.name}.png`);
      writeFileSync(file, png);
      const [screen, layoutProblems] = await session.execute<[string | null, string[]]>(
        'return [window.__madoguchi.screen || null, window.__madoguchi.layoutProblems()]',
      );
      shots.push({
        name: entry.name,
        textSize: entry.textSize ?? 'standard',
        file,
        png,
        screen,
        layoutProblems,
      });
    }
  } finally {
    await driver.quit();
    await server.close();
  }
  return shots;
}
