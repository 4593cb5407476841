/**
 * `npm run dist -- --operator config/operators/NAME.json [--out DIR] [--sign-key KEY.pem]`: validates
 * the operator configuration and builds its TV app release into DIR/<id>/<release>/ (default dist/),
 * see scripts/app-package.ts and docs/operators.md. With --sign-key (an Ed25519 private key) it signs
 * manifest.json (manifest.json.sig). Exit code 0 = built, 1 = invalid configuration, unusable key or
 * failed build (every problem printed in Japanese and English).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportBuild } from './build-app.js';
import { buildDist, MANIFEST } from './app-package';
import { printFailure } from './cli-failure';
import { loadSigningKey, ReleaseKeyError, signRelease } from '../native-bridge/service/release-signature';
import { OperatorConfigError, type OperatorConfig } from '../config/load-operator';
import {
  boxConfigDir,
  bridgeConfigFromOperator,
  bridgeConfigMismatches,
} from '../config/bridge-config-from-operator';
import { BridgeConfigError, validateBridgeConfig } from '../native-bridge/service/config';

const USAGE =
  '使い方 / usage: npm run dist -- --operator config/operators/NAME.json [--out DIR] [--sign-key KEY.pem]';

function option(args: string[], name: string): string | undefined {
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
}

/**
 * `<out>/_box/<id>/bridge.json` from the same operator file, checked by the bridge's own validator
 * and against the operator file; returns its path (undefined in development without app.url).
 */
function writeBoxBridgeConfig(operator: OperatorConfig, outRoot: string): string | undefined {
  const config = bridgeConfigFromOperator(operator);
  if (!config) return undefined;
  const file = path.join(boxConfigDir(outRoot, operator.id), 'bridge.json');
  validateBridgeConfig(config, file);
  const mismatches = bridgeConfigMismatches(operator, config);
  if (mismatches.length) throw new Error(mismatches.join('\n'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 });
  return file;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const operatorFile = option(args, 'operator');
  const out = option(args, 'out');
  const signKey = option(args, 'sign-key');
  if ([operatorFile, out, signKey].some((value) => value?.startsWith('--')) || !operatorFile) {
    console.error(USAGE);
    return 1;
  }
  try {
    const key = signKey === undefined ? undefined : loadSigningKey(signKey);
    const { dir, manifest, stats, operator } = await buildDist({
      operatorFile,
      ...(out !== undefined ? { outRoot: path.resolve(out) } : {}),
    });
    reportBuild(dir, stats, false);
    const signed = key === undefined ? undefined : signRelease(path.join(dir, MANIFEST), key);
    const boxConfig = writeBoxBridgeConfig(operator, path.dirname(path.dirname(dir)));
    console.log(
      `OK ${path.relative(process.cwd(), dir) || '.'}: ${manifest.operator} ${manifest.version} ` +
        `(stb-spec ${manifest.specVersion}), ${Object.keys(manifest.files).length} files + manifest.json` +
        (signed ? ` + ${path.basename(signed)}` : ' (署名なし / unsigned)'),
    );
    console.log(
      boxConfig
        ? `   受信機の設定 / the boxes' bridge configuration: ${path.relative(process.cwd(), boxConfig)}`
        : '   app.url がないため bridge.json は作りません / no app.url: no bridge.json (development)',
    );
    return 0;
  } catch (error) {
    printFailure(
      error,
      [OperatorConfigError, ReleaseKeyError, BridgeConfigError],
      (detail) => `パッケージを作れません / building the package failed: ${detail}`,
    );
    return 1;
  }
}

main().then((code) => process.exit(code));
