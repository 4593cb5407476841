/** The screens the harness can reach and capture, in order (more arrive with their screens). */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { SCREEN } from '../../src/app/screens/ids';

export const ROOT = resolve(__dirname, '../..');
export const E2E_APP_DIR = join(ROOT, '.tmp/e2e-app');
export const SCREENSHOT_DIR = join(ROOT, '.tmp/screenshots');

export const SCREENS = [SCREEN.insertCard] as const;

/** A test build of the app (with `window.__madoguchi`) in .tmp/e2e-app, keyboard key map. */
export const buildTestApp = (): void => {
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts/build-app.js'), '--test-hook', '--platform=keyboard', `--out=${E2E_APP_DIR}`],
    { stdio: 'inherit' },
  );
};
