/**
 * `npm run bridge:bundle`: the card bridge service as one self-contained file for the box,
 *
 *   dist/bridge/madoguchi-bridge.cjs           the bridge, its config reading and every runtime
 *                                              dependency (ws, ajv)
 *   dist/bridge/node_modules/pcsclite/…        the PC/SC addon, copied as built for this machine
 *                                              (with `bindings`): native code cannot be bundled
 *   dist/bridge/madoguchi-bridge.service       the systemd unit, bridge.example.json, the operators'
 *                                              guide (README-operators.md), the NOC runbook with
 *                                              the health check (README-operations.md), SHA256SUMS
 *   dist/bridge/BUILD-INFO                     the bridge version and the Node.js (and its ABI) the
 *                                              addon was built for
 *
 * The output depends only on the sources (no timestamps), so two builds of one commit are equal.
 * A box image for another CPU rebuilds pcsclite for it (see docs/operators.md).
 */
import type { KeyObject } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';
import { SUMS_FILE, writeSums } from './bundle-sums';
import { precompiledValidators } from './precompiled-validators';
import { IMPLEMENTATION } from '../src/bridge/version';
import { loadSigningKey, ReleaseKeyError, signRelease, SIGNATURE_SUFFIX } from './release-signature';

const REPO = path.resolve(__dirname, '..', '..');
export const BRIDGE_DIST = path.join(REPO, 'dist', 'bridge');
export const BUNDLE_NAME = 'madoguchi-bridge.cjs';
/** Which bridge, and for which Node.js: the PC/SC addon runs only on the Node ABI it was built for. */
export const BUILD_INFO = 'BUILD-INFO';

function buildInfo(native: string[]): string {
  const info = {
    bridge: IMPLEMENTATION.version,
    node: process.version,
    nodeAbi: process.versions.modules,
    platform: `${process.platform}-${process.arch}`,
    pcscAddon: native.includes('pcsclite'),
  };
  return `${JSON.stringify(info, null, 2)}\n`;
}

/** The files of each runtime package the addon needs; nothing else (no sources, tests, build objects). */
const NATIVE_PACKAGES: Record<string, string[]> = {
  pcsclite: ['package.json', 'LICENSE', 'index.js', 'lib', 'build/Release/pcsclite.node'],
  bindings: ['package.json', 'LICENSE.md', 'bindings.js'],
  'file-uri-to-path': ['package.json', 'LICENSE', 'index.js'],
};

function copyNativePackages(outDir: string): string[] {
  const copied: string[] = [];
  for (const [name, files] of Object.entries(NATIVE_PACKAGES)) {
    const from = path.join(REPO, 'node_modules', name);
    if (!existsSync(path.join(from, files.at(-1)!))) continue;
    for (const file of files) {
      if (!existsSync(path.join(from, file))) continue;
      cpSync(path.join(from, file), path.join(outDir, 'node_modules', name, file), { recursive: true });
    }
    copied.push(name);
  }
  return copied;
}

export async function bundleBridge(
  outDir = BRIDGE_DIST,
  /** The operator's Ed25519 release key (loadSigningKey): SHA256SUMS gets SHA256SUMS.sig. */
  signingKey?: KeyObject,
): Promise<{ bundle: string; bytes: number; native: string[]; sources: string[] }> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundle = path.join(outDir, BUNDLE_NAME);
  const result = await build({
    entryPoints: [path.join(__dirname, 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['pcsclite'],
    // The schemas' validators are generated now rather than compiled on the box at every start.
    plugins: [precompiledValidators()],
    // cli.ts runs its own main() when `require.main === module`; inside one bundle that would be true
    // for every module, so the guard is made false and main.ts (which has none) is the only start.
    define: { 'require.main': 'undefined' },
    banner: { js: '#!/usr/bin/env node\n"use strict";' },
    legalComments: 'eof',
    // Whitespace and syntax only: names stay for stack traces in the journal. The source text stays in
    // memory for the life of the process (twice over as UTF-16 when a comment holds one non-ASCII
    // character), so the unminified bundle cost the idle box about 2 MB.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    // Which files went in, by repository path: the tests hold them to the bridge and the contract.
    metafile: true,
    absWorkingDir: REPO,
  });
  if (result.errors.length) throw new Error('esbuild failed');
  chmodSync(bundle, 0o755);
  const native = copyNativePackages(outDir);
  cpSync(
    path.join(REPO, 'deploy', 'systemd', 'madoguchi-bridge.service'),
    path.join(outDir, 'madoguchi-bridge.service'),
  );
  cpSync(path.join(REPO, 'deploy', 'bridge.example.json'), path.join(outDir, 'bridge.example.json'));
  cpSync(path.join(REPO, 'docs', 'operators.md'), path.join(outDir, 'README-operators.md'));
  cpSync(path.join(REPO, 'docs', 'operations.md'), path.join(outDir, 'README-operations.md'));
  writeFileSync(path.join(outDir, BUILD_INFO), buildInfo(native));
  writeSums(outDir);
  if (signingKey) signRelease(path.join(outDir, SUMS_FILE), signingKey);
  const sources = Object.keys(result.metafile.inputs).sort();
  return { bundle, bytes: statSync(bundle).size, native, sources };
}

/** `npm run bridge:bundle [-- --sign-key KEY.pem]`. */
async function main(args: string[]): Promise<number> {
  let keyFile: string | undefined;
  try {
    keyFile = parseArgs({ args, options: { 'sign-key': { type: 'string' } }, strict: true }).values[
      'sign-key'
    ];
  } catch {
    console.error('使い方 / usage: npm run bridge:bundle [-- --sign-key KEY.pem]');
    return 2;
  }
  try {
    const key = keyFile === undefined ? undefined : loadSigningKey(keyFile);
    const { bundle, bytes, native } = await bundleBridge(BRIDGE_DIST, key);
    console.log(`${path.relative(REPO, bundle)}: ${(bytes / 1024).toFixed(0)} KiB`);
    console.log(
      native.length
        ? `PC/SC addon copied: ${native.join(', ')}`
        : '注意: pcsclite がないため PC/SC は使えません（シミュレーターのみ） / ' +
            'warning: pcsclite is not installed; the bundle cannot reach a reader',
    );
    console.log(
      key ? `${SUMS_FILE} signed: ${SUMS_FILE}${SIGNATURE_SUFFIX}` : `${SUMS_FILE} unsigned (no --sign-key)`,
    );
    return 0;
  } catch (error) {
    const message = error instanceof ReleaseKeyError ? error.message : (error as Error).message;
    console.error(`ブリッジをまとめられません / bundling the bridge failed: ${message}`);
    return 1;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => process.exit(code));
