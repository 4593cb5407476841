/**
 * The launcher at an operator's app root, `dist/<id>/`, beside the release folders:
 *
 *   index.html        the page the box opens (the launch URL), with its CSP
 *   app-<hash>.js     the launcher (src/launcher/), built like the app for WebKit 2.28
 *   app-<hash>.css    the page style
 *   launcher.json     { operator, support, keys: [{ keyId, publicKey }] }: the keys rollout.json and the
 *                     releases' manifest.json must be signed with
 *
 * Every box runs the launcher first and there is no older one to fall back to, so it is installed
 * once and replaced only when asked (`--update-launcher`).
 */
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { buildApp } from '../build-app.js';
import type { OperatorConfig } from '../../config/load-operator';
import { LAUNCHER_CONTENT_SECURITY_POLICY } from '../../config/app-csp';
import { keyIdOf, rawPublicKey } from '../../native-bridge/service/release-signature';
import { LAUNCHER_CONFIG_FILE, parseLauncherConfig, type LauncherConfig } from '../../src/launcher/signature';

const LAUNCHER_ENTRY = 'src/launcher/index.ts';
/** The launcher's own files at the root (release folders are never touched). */
const isLauncherFile = (name: string) =>
  name === 'index.html' || name === LAUNCHER_CONFIG_FILE || /^(app|chunk)-[\w-]+\.(js|css)$/.test(name);

export function launcherConfigFor(operator: OperatorConfig, key: KeyObject): LauncherConfig {
  return {
    operator: operator.id,
    support: { name: { ja: operator.name.ja, en: operator.name.en }, phone: operator.support.phone },
    keys: [{ keyId: keyIdOf(key), publicKey: rawPublicKey(key) }],
  };
}

/** The installed launcher's configuration, or undefined when there is none (or it is unreadable). */
export function installedLauncher(root: string): LauncherConfig | undefined {
  try {
    return parseLauncherConfig(JSON.parse(readFileSync(path.join(root, LAUNCHER_CONFIG_FILE), 'utf8')));
  } catch {
    return undefined;
  }
}

/** Builds the launcher aside, then swaps its files in at `root`; returns the files written. */
export async function installLauncher(root: string, config: LauncherConfig): Promise<string[]> {
  const building = mkdtempSync(path.join(root, '.launcher-'));
  try {
    await buildApp({
      outDir: building,
      settings: config,
      csp: LAUNCHER_CONTENT_SECURITY_POLICY,
      entry: LAUNCHER_ENTRY,
    });
    renameSync(path.join(building, 'settings.json'), path.join(building, LAUNCHER_CONFIG_FILE));
    const files = readdirSync(building).filter(isLauncherFile);
    // Page last: until it names them, the new scripts are unused, and the old ones go only after.
    for (const file of files.filter((name) => name !== 'index.html'))
      renameSync(path.join(building, file), path.join(root, file));
    renameSync(path.join(building, 'index.html'), path.join(root, 'index.html'));
    for (const stale of readdirSync(root).filter((name) => isLauncherFile(name) && !files.includes(name)))
      rmSync(path.join(root, stale));
    return files.sort();
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
