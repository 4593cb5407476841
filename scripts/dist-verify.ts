/**
 * `npm run dist:verify -- dist/NAME/VERSION [...] [--public-key PUB.pem]`: checks packages made by
 * `npm run dist` — every file's SHA-256 against manifest.json, no missing or extra file, settings.json
 * readable by the app and the Content-Security-Policy in index.html matching it. With --public-key
 * (the operator's Ed25519 release key) a package must also be signed by that key: an unsigned one,
 * one signed by another key and one changed and re-hashed after signing are refused.
 * A bridge bundle folder (`npm run bridge:bundle`, SHA256SUMS) is checked the same way, its list
 * signed as SHA256SUMS.sig. Exit code 0 = all OK, 1 = a problem.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST, verifyPackage } from './app-package';
import { BUNDLE_NAME } from '../native-bridge/service/bundle';
import { bundleProblems, SUMS_FILE } from '../native-bridge/service/bundle-sums';
import { ReleaseKeyError } from '../native-bridge/service/release-signature';

const USAGE =
  '使い方 / usage: npm run dist:verify -- dist/NAME/VERSION|dist/bridge [...] [--public-key PUB.pem]';

function parse(args: string[]): { dirs: string[]; publicKey?: string } | undefined {
  const dirs: string[] = [];
  let publicKey: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--public-key') publicKey = args[++i];
    else if (arg.startsWith('--public-key=')) publicKey = arg.slice('--public-key='.length);
    else if (arg.startsWith('--')) return undefined;
    else dirs.push(arg);
  }
  if (dirs.length === 0 || publicKey === '' || (publicKey !== undefined && publicKey.startsWith('--')))
    return undefined;
  if (args.includes('--public-key') && publicKey === undefined) return undefined;
  return { dirs, ...(publicKey !== undefined ? { publicKey } : {}) };
}

/** A bridge bundle (`npm run bridge:bundle`) lists its files in SHA256SUMS and has no manifest.json. */
const isBridgeBundle = (dir: string) =>
  existsSync(path.join(dir, SUMS_FILE)) && !existsSync(path.join(dir, MANIFEST));

function reportBundle(dir: string, publicKey: string | undefined): boolean {
  const problems = bundleProblems(dir, publicKey === undefined ? {} : { publicKey });
  if (problems.length === 0) {
    console.log(`OK ${dir}: ${BUNDLE_NAME} (${SUMS_FILE})${signatureNote(publicKey)}`);
    return true;
  }
  console.error(`ブリッジのパッケージに問題があります / bridge bundle check failed: ${dir}`);
  for (const line of problems) console.error(`  - ${line}`);
  return false;
}

const signatureNote = (publicKey: string | undefined) =>
  publicKey
    ? '、署名を確認しました / signature verified'
    : '（署名は未確認: --public-key なし / signature not checked: no --public-key）';

function main(): number {
  const parsed = parse(process.argv.slice(2));
  if (!parsed) {
    console.error(USAGE);
    return 1;
  }
  let failed = false;
  for (const dir of parsed.dirs) {
    if (isBridgeBundle(dir)) {
      if (!reportBundle(dir, parsed.publicKey)) failed = true;
      continue;
    }
    const { ok, problems, manifest } = verifyPackage(dir, parsed);
    if (ok) {
      const count = Object.keys(manifest!.files).length;
      console.log(
        `OK ${dir}: ${manifest!.operator} ${manifest!.version} (stb-spec ${manifest!.specVersion}), ` +
          `${count} ファイルを確認しました / ${count} files verified${signatureNote(parsed.publicKey)}`,
      );
    } else {
      failed = true;
      console.error(`パッケージに問題があります / package check failed: ${dir}`);
      for (const line of problems) console.error(`  - ${line}`);
    }
  }
  return failed ? 1 : 0;
}

try {
  process.exit(main());
} catch (error) {
  if (!(error instanceof ReleaseKeyError)) throw error;
  console.error(error.message);
  process.exit(1);
}
