/** Where the harness finds the repository and puts the e2e app build and its screenshots. */
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const E2E_APP_DIR = join(ROOT, '.tmp/e2e-app');
export const SCREENSHOT_DIR = join(ROOT, '.tmp/screenshots');
