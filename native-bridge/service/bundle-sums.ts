/**
 * The bridge bundle's list of hashes, SHA256SUMS (`sha256sum -c` reads it), written by
 * `npm run bridge:bundle` and checked by `npm run dist:verify`: every file listed with its SHA-256,
 * none missing, none extra, and with a public key, the list signed by it (release-signature.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { releaseSignatureProblems, SIGNATURE_SUFFIX } from './release-signature';

export const SUMS_FILE = 'SHA256SUMS';

const both = (ja: string, en: string) => `${ja} / ${en}`;

/** Every file under dir, relative with '/', sorted (code-unit order, independent of the locale). */
export function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? listFiles(full, `${prefix}${entry}/`) : [`${prefix}${entry}`];
    });
}

/** A file's SHA-256 as lower-case hex, as SHA256SUMS and the app's manifest.json list it. */
export const sha256File = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

/** Writes SHA256SUMS over every file now in dir. */
export function writeSums(dir: string): string {
  const sums = listFiles(dir).map((file) => `${sha256File(path.join(dir, file))}  ${file}`);
  const sumsFile = path.join(dir, SUMS_FILE);
  writeFileSync(sumsFile, `${sums.join('\n')}\n`);
  return sumsFile;
}

/** The problems of a bundle folder, one bilingual line each; none when it is as it was built (and signed). */
export function bundleProblems(dir: string, { publicKey }: { publicKey?: string } = {}): string[] {
  const sumsFile = path.join(dir, SUMS_FILE);
  if (!existsSync(sumsFile)) return [both(`${SUMS_FILE} がありません`, `no ${SUMS_FILE}`)];
  const problems = publicKey === undefined ? [] : releaseSignatureProblems(sumsFile, publicKey);
  const present = new Set(
    listFiles(dir).filter((f) => f !== SUMS_FILE && f !== `${SUMS_FILE}${SIGNATURE_SUFFIX}`),
  );
  for (const line of readFileSync(sumsFile, 'utf8').split('\n').filter(Boolean)) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match) {
      problems.push(both(`${SUMS_FILE} の行が読めません: ${line}`, `${SUMS_FILE}: unreadable line: ${line}`));
      continue;
    }
    const [, hash, file] = match as unknown as [string, string, string];
    if (!present.delete(file)) problems.push(both(`ファイルがありません: ${file}`, `missing file: ${file}`));
    else if (sha256File(path.join(dir, file)) !== hash)
      problems.push(
        both(
          `ファイルが変更されています（SHA-256 不一致）: ${file}`,
          `changed file (SHA-256 mismatch): ${file}`,
        ),
      );
  }
  for (const file of present)
    problems.push(
      both(`${SUMS_FILE} にないファイルがあります: ${file}`, `extra file not in ${SUMS_FILE}: ${file}`),
    );
  return problems;
}
