/**
 * The rollout file (`rollout.json` at the operator's app root, signed as `rollout.json.sig`) and the
 * rule by which a box picks its release from it. Written once here: `npm run rollout` writes the
 * file with these types and checks, and the launcher on the box reads it with the same ones.
 *
 * A box belongs to the wave when its bucket — a hash of the operator and the box's random id, 0 to
 * 9 999 — is below `percent` × 100, so a wave only grows by boxes joining it: at 10 % the same boxes
 * that ran the candidate at 1 % still do.
 */
import nacl from 'tweetnacl';
import { isReleaseName } from './release-name';

export const ROLLOUT_FILE = 'rollout.json';
export const BUCKETS = 10_000;

interface Candidate {
  /** A release folder beside the launcher, `<version>-<12 hex>`. */
  release: string;
  /** The share of boxes in the wave, 0.01 to 100 in steps of 0.01. */
  percent: number;
}

export interface Rollout {
  format: 1;
  operator: string;
  /** Grows with every write; a box never accepts a smaller one (no replay of an old file). */
  sequence: number;
  /** What every box outside the wave runs. */
  stable: string;
  candidate?: Candidate;
  /** No box joins the wave; the boxes already running the candidate keep it. */
  halted?: true;
  /** Rolled back: never chosen, and boxes running one leave it. */
  withdrawn: string[];
}

export const isPercent = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  value > 0 &&
  value <= 100 &&
  Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;

const MAX_WITHDRAWN = 64;

/** The rollout file's content, or the reason it is not one (English: for logs and the tool). */
export function parseRollout(value: unknown): Rollout | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const file = value as Record<string, unknown>;
  const known = ['format', 'operator', 'sequence', 'stable', 'candidate', 'halted', 'withdrawn'];
  const unknown = Object.keys(file).filter((key) => !known.includes(key));
  if (unknown.length) return `unknown member ${unknown[0]}`;
  if (file.format !== 1) return 'format is not 1';
  if (typeof file.operator !== 'string' || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(file.operator))
    return 'operator is not an operator id';
  if (typeof file.sequence !== 'number' || !Number.isSafeInteger(file.sequence) || file.sequence < 1)
    return 'sequence is not a positive integer';
  if (!isReleaseName(file.stable)) return 'stable is not a release name';
  if (file.halted !== undefined && file.halted !== true) return 'halted is not true';
  if (
    !Array.isArray(file.withdrawn) ||
    file.withdrawn.length > MAX_WITHDRAWN ||
    !file.withdrawn.every(isReleaseName)
  )
    return `withdrawn is not a list of at most ${MAX_WITHDRAWN} release names`;
  if (file.withdrawn.includes(file.stable)) return 'the stable release is withdrawn';
  let candidate: Candidate | undefined;
  if (file.candidate !== undefined) {
    const raw = file.candidate as Record<string, unknown> | null;
    if (
      typeof raw !== 'object' ||
      raw === null ||
      Object.keys(raw).some((k) => k !== 'release' && k !== 'percent')
    )
      return 'candidate is not { release, percent }';
    if (!isReleaseName(raw.release)) return 'candidate.release is not a release name';
    if (!isPercent(raw.percent)) return 'candidate.percent is not 0.01 to 100';
    if (raw.release === file.stable) return 'candidate.release is the stable release';
    if (file.withdrawn.includes(raw.release)) return 'candidate.release is withdrawn';
    candidate = { release: raw.release, percent: raw.percent };
  } else if (file.halted) return 'halted without a candidate';
  return {
    format: 1,
    operator: file.operator,
    sequence: file.sequence,
    stable: file.stable,
    ...(candidate ? { candidate } : {}),
    ...(file.halted ? { halted: true as const } : {}),
    withdrawn: [...(file.withdrawn as string[])],
  };
}

/** The file's bytes: fixed member order, 2-space indent, final newline (what is signed). */
export function rolloutText(rollout: Rollout): string {
  const ordered: Rollout = {
    format: 1,
    operator: rollout.operator,
    sequence: rollout.sequence,
    stable: rollout.stable,
    ...(rollout.candidate
      ? { candidate: { release: rollout.candidate.release, percent: rollout.candidate.percent } }
      : {}),
    ...(rollout.halted ? { halted: true as const } : {}),
    withdrawn: [...rollout.withdrawn],
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** This box's bucket, 0 to BUCKETS − 1: stable for one box id, independent between operators. */
export function bucketOf(operator: string, boxId: string): number {
  const digest = nacl.hash(new TextEncoder().encode(`${operator}\n${boxId}`));
  const word = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  return word % BUCKETS;
}

export const inWave = (bucket: number, percent: number): boolean => bucket < Math.round(percent * 100);

/** What the box remembers, as far as the choice needs it. */
export interface BoxHistory {
  /** The last release that started on this box. */
  lastGood?: string;
  /** Releases that did not start here lately (launch-record.ts decides how long that lasts). */
  failedRecently: string[];
}

/**
 * The rollout's choice for this box, and the releases to try, best first: the choice, the last release that
 * started here, then the stable one — leaving out withdrawn releases and those that did not start.
 */
export function releasesToTry(
  rollout: Rollout,
  bucket: number,
  box: BoxHistory,
): { choice: string; order: string[] } {
  const { candidate } = rollout;
  const choice =
    candidate && (rollout.halted ? box.lastGood === candidate.release : inWave(bucket, candidate.percent))
      ? candidate.release
      : rollout.stable;
  const all = [choice, ...(box.lastGood ? [box.lastGood] : []), rollout.stable];
  const order = all.filter(
    (release, index) =>
      all.indexOf(release) === index &&
      !rollout.withdrawn.includes(release) &&
      !box.failedRecently.includes(release),
  );
  return { choice, order };
}
