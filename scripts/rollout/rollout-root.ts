/**
 * The operator's app root as `npm run rollout` reads and writes it: its release folders and the
 * signed rollout file. Every read is checked the way a box would check it.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  releaseSignatureProblems,
  signRelease,
  SIGNATURE_SUFFIX,
} from '../../native-bridge/service/release-signature';
import { isReleaseName } from '../../src/launcher/release-name';
import { parseRollout, rolloutText, type Rollout } from '../../src/launcher/rollout-plan';
import type { TrustedKey } from '../../src/launcher/signature';

/** A refusal for the operator, in Japanese and English. */
export class Refusal extends Error {}
export const both = (ja: string, en: string) => `${ja} / ${en}`;

/** A key of launcher.json (raw Ed25519, base64) as a node:crypto public key. */
export const publicKeyOf = ({ publicKey }: TrustedKey): KeyObject =>
  createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey, 'base64').toString('base64url') },
    format: 'jwk',
  });

/** The release folder `wanted` names: itself, or a version's one release. */
export function releaseFolder(root: string, wanted: string): string {
  if (isReleaseName(wanted)) return wanted;
  const matching = (existsSync(root) ? readdirSync(root) : []).filter(
    (name) => isReleaseName(name) && name.slice(0, -13) === wanted,
  );
  if (matching.length === 1) return matching[0]!;
  throw new Refusal(
    matching.length
      ? both(
          `${wanted} のリリースが複数あります: ${matching.join(' ')}`,
          `${wanted} has several releases, name one: ${matching.join(' ')}`,
        )
      : both(
          `${root} に ${wanted} のリリースがありません（先に npm run dist）`,
          `no release of ${wanted} in ${root} (npm run dist first)`,
        ),
  );
}

/**
 * The rollout file as the boxes see it: signed by a key they trust (`trusted`; none = not checked),
 * valid and this operator's. Undefined when there is none yet; a Refusal when it cannot be trusted.
 */
export function currentRollout(file: string, trusted: KeyObject[], operator: string): Rollout | undefined {
  if (!existsSync(file)) return undefined;
  const problems = trusted.map((key) => releaseSignatureProblems(file, key));
  if (problems.length && !problems.some((list) => list.length === 0))
    throw new Refusal(
      [both(`${file} を信用できません`, `${file} cannot be trusted`), ...problems[0]!].join('\n  - '),
    );
  let parsed: Rollout | string;
  try {
    parsed = parseRollout(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    parsed = (error as Error).message;
  }
  if (typeof parsed === 'string')
    throw new Refusal(both(`${file} が正しくありません`, `${file} is invalid: ${parsed}`));
  if (parsed.operator !== operator)
    throw new Refusal(
      both(
        `${file} は ${parsed.operator} のものです`,
        `${file} belongs to ${parsed.operator}, not ${operator}`,
      ),
    );
  return parsed;
}

/**
 * Writes and signs aside, then moves both in: a box reads the old pair or the new one, or for an
 * instant a mismatch, which it treats as no file (it keeps the release that last started there).
 */
export function writeSignedRollout(file: string, rollout: Rollout, key: KeyObject): void {
  const staged = `${file}.new`;
  writeFileSync(staged, rolloutText(rollout));
  renameSync(signRelease(staged, key), `${file}${SIGNATURE_SUFFIX}`);
  renameSync(staged, file);
}
