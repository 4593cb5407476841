/**
 * `npm run dist -- --operator config/operators/NAME.json [--out DIR] [--sign-key KEY.pem]`: validates
 * the operator configuration and builds its TV app release into DIR/<id>/<release>/ (default dist/),
 * see scripts/app-package.ts and docs/operators.md. With --sign-key (an Ed25519 private key) it signs
 * manifest.json (manifest.json.sig). Exit code 0 = built, 1 = invalid configuration, unusable key or
 * failed build (every problem printed in Japanese and English).
 */
import path from 'node:path';
import { reportBuild } from './build-app.js';
import { buildDist, MANIFEST } from './app-package';
import { loadSigningKey, ReleaseKeyError, signRelease } from '../native-bridge/service/release-signature';
import { OperatorConfigError } from '../config/load-operator';

const USAGE =
  '使い方 / usage: npm run dist -- --operator config/operators/NAME.json [--out DIR] [--sign-key KEY.pem]';

function option(args: string[], name: string): string | undefined {
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
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
    const { dir, manifest, stats } = await buildDist({
      operatorFile,
      ...(out !== undefined ? { outRoot: path.resolve(out) } : {}),
    });
    reportBuild(dir, stats, false);
    const signed = key === undefined ? undefined : signRelease(path.join(dir, MANIFEST), key);
    console.log(
      `OK ${path.relative(process.cwd(), dir) || '.'}: ${manifest.operator} ${manifest.version} ` +
        `(stb-spec ${manifest.specVersion}), ${Object.keys(manifest.files).length} files + manifest.json` +
        (signed ? ` + ${path.basename(signed)}` : ' (署名なし / unsigned)'),
    );
    return 0;
  } catch (error) {
    if (error instanceof OperatorConfigError || error instanceof ReleaseKeyError) {
      console.error(error.message);
    } else {
      console.error(
        `パッケージを作れません / building the package failed: ${(error as Error).message ?? error}`,
      );
    }
    return 1;
  }
}

main().then((code) => process.exit(code));
