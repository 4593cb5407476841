/**
 * Control groups for a bench profile: a CPU cap (a fraction of one core) and a memory cap on the
 * processes a box runs. cgroup v1 (`cpu.cfs_quota_us`, `memory.limit_in_bytes`, one hierarchy per
 * controller) and v2 (`cpu.max`, `memory.max`, one unified tree) are both handled; which one is read
 * from /proc/self/cgroup. Any step that cannot be written is an error that says what and why: the
 * profile never runs unconfined.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class ProfileSetupError extends Error {}

export interface CgroupLimits {
  /** The share of one core the group may use, 0–1. */
  cpuFraction: number;
  memoryBytes: number;
}

export interface Confinement {
  version: 1 | 2;
  /** The `cgroup.procs` files a process writes its pid into to be confined. */
  procsFiles: string[];
  /** Changes the CPU cap (calibration adjusts it once it has measured inside the group). */
  setCpuFraction(fraction: number): void;
  /** Moves what is left in the groups back to their parents and removes them. */
  remove(): void;
}

/** A short period: the cap is felt within every frame, not as 100 ms bursts and stalls. */
export const CPU_PERIOD_US = 10_000;

/** Where the process's cgroups are, from /proc/self/cgroup ("id:controllers:path" lines). */
export function parseProcCgroup(text: string): { v1: Map<string, string>; v2?: string } {
  const v1 = new Map<string, string>();
  let v2: string | undefined;
  for (const line of text.split('\n')) {
    const match = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, id, controllers, where] = match;
    if (id === '0' && controllers === '') v2 = where;
    else for (const controller of controllers!.split(',')) v1.set(controller, where!);
  }
  return { v1, ...(v2 === undefined ? {} : { v2 }) };
}

export function quotaFor(fraction: number, periodUs = CPU_PERIOD_US): number {
  if (!(fraction > 0 && fraction <= 1))
    throw new RangeError(`CPU fraction must be in (0, 1], got ${fraction}`);
  return Math.max(1000, Math.round(fraction * periodUs));
}

function write(file: string, value: string, why: string): void {
  try {
    writeFileSync(file, value);
  } catch (error) {
    throw new ProfileSetupError(
      `cgroup に書き込めません / cannot write ${value.trim()} to ${file} (${why}): ${(error as Error).message}. ` +
        'The profile needs root and writable cgroups (a container may need --privileged or a delegated cgroup).',
    );
  }
}

function makeGroup(parent: string, name: string): string {
  if (!existsSync(parent)) throw new ProfileSetupError(`cgroup ${parent} はありません / does not exist`);
  const dir = path.join(parent, name);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new ProfileSetupError(`cgroup を作れません / cannot create ${dir}: ${(error as Error).message}`);
  }
  return dir;
}

function emptyAndRemove(dir: string, parentProcs: string): void {
  try {
    for (const pid of readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean))
      writeFileSync(parentProcs, pid);
    rmdirSync(dir);
  } catch {
    // Left behind when a process would not move: empty groups cost nothing, and the name is unique.
  }
}

/**
 * Creates the profile's groups, named `name`, below the process's own groups under `root`
 * (/sys/fs/cgroup on a real machine; a temporary tree in tests).
 */
export function createConfinement(
  name: string,
  limits: CgroupLimits,
  root = '/sys/fs/cgroup',
  procCgroup = readFileSync('/proc/self/cgroup', 'utf8'),
): Confinement {
  const where = parseProcCgroup(procCgroup);
  const v1Cpu = where.v1.get('cpu');
  const v1Memory = where.v1.get('memory');
  if (v1Cpu !== undefined && v1Memory !== undefined && existsSync(path.join(root, 'cpu'))) {
    const cpuParent = path.join(root, 'cpu', v1Cpu);
    const memoryParent = path.join(root, 'memory', v1Memory);
    const cpu = makeGroup(cpuParent, name);
    const memory = makeGroup(memoryParent, name);
    const setCpuFraction = (fraction: number) => {
      write(path.join(cpu, 'cpu.cfs_period_us'), String(CPU_PERIOD_US), 'CPU period');
      write(path.join(cpu, 'cpu.cfs_quota_us'), String(quotaFor(fraction)), 'CPU cap');
    };
    setCpuFraction(limits.cpuFraction);
    write(path.join(memory, 'memory.limit_in_bytes'), String(limits.memoryBytes), 'memory cap');
    return {
      version: 1,
      procsFiles: [path.join(cpu, 'cgroup.procs'), path.join(memory, 'cgroup.procs')],
      setCpuFraction,
      remove() {
        emptyAndRemove(cpu, path.join(cpuParent, 'cgroup.procs'));
        emptyAndRemove(memory, path.join(memoryParent, 'cgroup.procs'));
      },
    };
  }
  if (where.v2 !== undefined) {
    const parent = path.join(root, where.v2);
    // A v2 group may hold processes or children, not both: the parent hands cpu and memory down.
    write(path.join(parent, 'cgroup.subtree_control'), '+cpu +memory', 'cpu and memory for child groups');
    const group = makeGroup(parent, name);
    const setCpuFraction = (fraction: number) =>
      write(path.join(group, 'cpu.max'), `${quotaFor(fraction)} ${CPU_PERIOD_US}`, 'CPU cap');
    setCpuFraction(limits.cpuFraction);
    write(path.join(group, 'memory.max'), String(limits.memoryBytes), 'memory cap');
    return {
      version: 2,
      procsFiles: [path.join(group, 'cgroup.procs')],
      setCpuFraction,
      remove: () => emptyAndRemove(group, path.join(parent, 'cgroup.procs')),
    };
  }
  throw new ProfileSetupError(
    'cgroup の cpu と memory が見つかりません / no cpu and memory cgroup controllers for this process in /proc/self/cgroup',
  );
}
