/** Types of scripts/build-app.js (CommonJS), for scripts/app-package.ts and bench/app-rig.ts. */
import type { AppSettings } from '../src/app/settings/settings';

export interface BuildStats {
  ms: number;
  /** Initial JS: the entry and the chunks it imports statically (each file gzipped on its own). */
  raw: number;
  gzip: number;
  /** The entry (app-<hash>.js) first, then those chunks: what index.html loads. */
  initialFiles: string[];
  /** The chunks loaded on demand (dynamic import()). */
  lazy: { files: string[]; raw: number; gzip: number };
  core: number;
  deps: number;
  xstate: number;
  src: number;
  /** The initial JS's modules (esbuild's metafile), biggest first: bytes in the output before minifying. */
  biggest: Array<{ file: string; bytes: number }>;
}

export function buildApp(options: {
  outDir: string;
  testHook?: boolean;
  /** Written as settings.json: the app's AppSettings, or another entry's own configuration. */
  settings: AppSettings | object;
  csp?: string;
  /** The entry module, relative to the repo (default src/app/index.ts). */
  entry?: string;
}): Promise<BuildStats>;

export function reportBuild(outDir: string, stats: BuildStats, testHook: boolean, inputs?: number): void;
export const ESBUILD_TARGET: string;
export const SWC_TARGETS: { safari: string };
