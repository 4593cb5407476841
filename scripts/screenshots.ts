// `npm run screenshots`: builds a test build of the app, loads it in WPE WebKit (cog headless via
// WPEWebDriver) and saves one PNG per screen under .tmp/screenshots/ (git-ignored), printing the paths.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runApp } from '../e2e/harness/app-run';
import { decodePng, pixelStats } from '../e2e/harness/png';
import { buildTestApp, E2E_APP_DIR, ROOT, SCREENS, SCREENSHOT_DIR } from '../e2e/harness/screens';

const main = async () => {
  buildTestApp();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const run = await runApp(E2E_APP_DIR);
  try {
    for (const screen of SCREENS) {
      const ms = await run.waitForScreen(screen);
      const png = await run.capture();
      const file = join(SCREENSHOT_DIR, `${screen}.png`);
      writeFileSync(file, png);
      const image = decodePng(png);
      const { variance } = pixelStats(image);
      console.log(
        `${relative(ROOT, file)}  ${image.width}×${image.height}, reached in ${ms} ms, luma variance ${variance.toFixed(0)}`,
      );
    }
  } finally {
    await run.close();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
