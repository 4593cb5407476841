/**
 * Calibration: a fixed CPU-bound JavaScript workload, timed in a fresh `node` each run, first on
 * the machine as it is, then inside the profile's group. The cap is the share of one core that
 * makes the workload take as long as on the box the profile stands for, so the profile means the
 * same speed on every machine; a run whose samples scatter too much says the machine is too loaded
 * to measure instead of reporting.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { confined } from '../../e2e/harness/confine';

const run = promisify(execFile);

/**
 * Integer mixing and array work, as a UI's JavaScript does: no I/O, no allocation spikes, the same
 * instructions on every machine. Prints its own time, so process start is not counted.
 */
const WORKLOAD = `
const t0 = performance.now();
let h = 0x811c9dc5;
const a = new Int32Array(4096);
for (let round = 0; round < 800; round++) {
  for (let i = 0; i < a.length; i++) {
    h = Math.imul(h ^ (i + round), 16777619) >>> 0;
    a[i] = (a[i] + h) | 0;
  }
  a.sort();
}
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, check: a[0] + a[4095] }));
`;

/** Samples whose spread ((max − min) / median) is above this come from a machine too busy to measure. */
export const MAX_SPREAD = 0.25;
/** Inside the group, the workload must take the box's time within this share. */
export const TOLERANCE = 0.15;

export interface Samples {
  median: number;
  spread: number;
  values: number[];
}

export function summarize(values: readonly number[]): Samples {
  if (values.length === 0) throw new RangeError('no samples');
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, spread: (sorted.at(-1)! - sorted[0]!) / median, values: [...values] };
}

export type Verdict =
  | { ok: true; cpuFraction: number }
  | { ok: false; reason: 'too-loaded' | 'machine-too-slow'; message: string };

/** The share of one core that makes `hostMs` of work take `boxMs`. */
export function fractionFor(host: Samples, boxMs: number): Verdict {
  if (host.spread > MAX_SPREAD) {
    return {
      ok: false,
      reason: 'too-loaded',
      message:
        `この機械は負荷が高く測れません / the machine is too loaded to measure: the calibration workload ` +
        `took ${host.values.map((v) => Math.round(v)).join(', ')} ms (spread ${pct(host.spread)}, at most ${pct(MAX_SPREAD)})`,
    };
  }
  if (host.median >= boxMs) {
    return {
      ok: false,
      reason: 'machine-too-slow',
      message:
        `この機械は想定する STB より遅いため模擬できません / this machine is no faster than the box the profile ` +
        `stands for (${Math.round(host.median)} ms against the box's ${boxMs} ms)`,
    };
  }
  return { ok: true, cpuFraction: host.median / boxMs };
}

/** After measuring inside the group: the fraction to use next, or undefined when it already fits. */
export function correction(cpuFraction: number, confinedMs: number, boxMs: number): number | undefined {
  const error = confinedMs / boxMs - 1;
  if (Math.abs(error) <= TOLERANCE) return undefined;
  return Math.min(1, cpuFraction * (confinedMs / boxMs));
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Times the workload `count` times, each in a fresh node (confined when the environment says so). */
export async function timeWorkload(count: number, env: NodeJS.ProcessEnv = process.env): Promise<Samples> {
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const command = confined(process.execPath, ['-e', WORKLOAD], env);
    const { stdout } = await run(command.program, command.args, { env, timeout: 120_000 });
    values.push((JSON.parse(stdout) as { ms: number }).ms);
  }
  return summarize(values);
}
