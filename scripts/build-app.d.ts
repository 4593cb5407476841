/** Types of scripts/build-app.js (CommonJS), for scripts/dist.ts and config/app-package.ts. */
import type { AppSettings } from '../src/app/settings/settings';

export interface BuildStats {
  ms: number;
  raw: number;
  gzip: number;
  core: number;
  deps: number;
  xstate: number;
  src: number;
}

export function buildApp(options: {
  outDir: string;
  testHook?: boolean;
  platform?: 'stb' | 'keyboard';
  settings: AppSettings;
  csp?: string;
}): Promise<BuildStats>;

export function reportBuild(outDir: string, stats: BuildStats, testHook: boolean): void;
export const ESBUILD_TARGET: string;
export const SWC_TARGETS: { safari: string };
