/**
 * The box profile's parts without timing anything: where the cgroups are, what is written to
 * them, what happens when they cannot be written, the calibration's arithmetic and its refusals,
 * and that a confined process really joins its groups before its program runs.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONFINE_ENV, confined } from '../../e2e/harness/confine';
import { correction, fractionFor, MAX_SPREAD, summarize, TOLERANCE } from './calibration';
import { createConfinement, CPU_PERIOD_US, parseProcCgroup, ProfileSetupError, quotaFor } from './cgroup';

const run = promisify(execFile);
const MiB = 2 ** 20;

const V1_PROC = '9:name=systemd:/\n4:memory:/jobs/42\n2:cpuacct:/\n1:cpu:/\n0::/\n';
const V2_PROC = '0::/user.slice/bench\n';

function fakeTree(layout: 'v1' | 'v2'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'madoguchi-cgroup-'));
  if (layout === 'v1') {
    mkdirSync(path.join(root, 'cpu'), { recursive: true });
    mkdirSync(path.join(root, 'memory/jobs/42'), { recursive: true });
  } else {
    mkdirSync(path.join(root, 'user.slice/bench'), { recursive: true });
  }
  return root;
}

describe('where the process’s cgroups are', () => {
  it('reads v1 controllers and the v2 path from /proc/self/cgroup', () => {
    const parsed = parseProcCgroup(V1_PROC);
    expect(parsed.v1.get('cpu')).toBe('/');
    expect(parsed.v1.get('memory')).toBe('/jobs/42');
    expect(parsed.v2).toBe('/');
    expect(parseProcCgroup(V2_PROC)).toEqual({ v1: new Map(), v2: '/user.slice/bench' });
  });
});

describe('creating the groups', () => {
  /** What a fake tree holds after createConfinement: each file's text, by path below the root. */
  const written = (root: string, files: string[]) =>
    Object.fromEntries(files.map((file) => [file, readFileSync(path.join(root, file), 'utf8')]));
  const V2_GROUP = 'user.slice/bench/bench-2';

  it.each([
    {
      what: 'v1: a CPU quota of the fraction over a short period and the memory cap, in groups below the process’s own',
      layout: 'v1' as const,
      proc: V1_PROC,
      limits: { cpuFraction: 0.2, memoryBytes: 512 * MiB },
      files: {
        'cpu/bench-1/cpu.cfs_period_us': String(CPU_PERIOD_US),
        'cpu/bench-1/cpu.cfs_quota_us': '2000',
        'memory/jobs/42/bench-1/memory.limit_in_bytes': String(512 * MiB),
      },
      procs: ['cpu/bench-1/cgroup.procs', 'memory/jobs/42/bench-1/cgroup.procs'],
      after: { 'cpu/bench-1/cpu.cfs_quota_us': '2500' },
    },
    {
      what: 'v2: the parent hands cpu and memory down; cpu.max and memory.max in one group',
      layout: 'v2' as const,
      proc: V2_PROC,
      limits: { cpuFraction: 0.5, memoryBytes: 256 * MiB },
      files: {
        'user.slice/bench/cgroup.subtree_control': '+cpu +memory',
        [`${V2_GROUP}/cpu.max`]: `5000 ${CPU_PERIOD_US}`,
        [`${V2_GROUP}/memory.max`]: String(256 * MiB),
      },
      procs: [`${V2_GROUP}/cgroup.procs`],
      after: { [`${V2_GROUP}/cpu.max`]: `2500 ${CPU_PERIOD_US}` },
    },
  ])('$what', ({ layout, proc, limits, files, procs, after }) => {
    const root = fakeTree(layout);
    const confinement = createConfinement(layout === 'v1' ? 'bench-1' : 'bench-2', limits, root, proc);
    expect(confinement.version).toBe(layout === 'v1' ? 1 : 2);
    expect(written(root, Object.keys(files))).toEqual(files);
    expect(confinement.procsFiles.map((file) => path.relative(root, file))).toEqual(procs);
    // Calibration corrects the share once it has measured inside the group.
    confinement.setCpuFraction(0.25);
    expect(written(root, Object.keys(after))).toEqual(after);
  });

  it('says which file could not be written, and never hands back an unconfined group', () => {
    const root = fakeTree('v1');
    // A directory where the quota file should be: the write fails as a read-only cgroupfs would.
    mkdirSync(path.join(root, 'cpu/bench-3/cpu.cfs_quota_us'), { recursive: true });
    expect(() => createConfinement('bench-3', { cpuFraction: 0.2, memoryBytes: MiB }, root, V1_PROC)).toThrow(
      ProfileSetupError,
    );
    expect(() => createConfinement('bench-3', { cpuFraction: 0.2, memoryBytes: MiB }, root, V1_PROC)).toThrow(
      /cpu\.cfs_quota_us .*CPU cap/,
    );
    expect(() =>
      createConfinement('x', { cpuFraction: 0.2, memoryBytes: MiB }, path.join(root, 'none'), V2_PROC),
    ).toThrow(ProfileSetupError);
    expect(() => createConfinement('x', { cpuFraction: 0.2, memoryBytes: MiB }, root, '')).toThrow(
      /no cpu and memory cgroup controllers/,
    );
  });

  it('refuses a CPU share that is not a share of one core', () => {
    expect(quotaFor(0.1)).toBe(1000);
    expect(quotaFor(0.01)).toBe(1000); // the kernel's smallest quota
    expect(() => quotaFor(0)).toThrow(RangeError);
    expect(() => quotaFor(1.5)).toThrow(RangeError);
  });
});

describe('calibration', () => {
  it('takes the median and the spread of the samples', () => {
    expect(summarize([210, 190, 200])).toEqual({ median: 200, spread: 0.1, values: [210, 190, 200] });
    expect(summarize([100, 300]).median).toBe(200);
  });

  it('finds the share of one core that makes this machine’s time the box’s', () => {
    expect(fractionFor(summarize([200, 205, 195]), 1000)).toEqual({ ok: true, cpuFraction: 0.2 });
  });

  it('says the machine is too loaded when the samples scatter, instead of reporting', () => {
    const scattered = summarize([150, 200, 150 + 200 * (MAX_SPREAD + 0.1)]);
    const verdict = fractionFor(scattered, 1000);
    expect(verdict).toMatchObject({ ok: false, reason: 'too-loaded' });
    expect(!verdict.ok && verdict.message).toMatch(/too loaded to measure/);
  });

  it('refuses to stand for a box faster than this machine', () => {
    expect(fractionFor(summarize([1200, 1210, 1190]), 1000)).toMatchObject({
      ok: false,
      reason: 'machine-too-slow',
    });
  });

  it('corrects the share once from the time measured inside the group, and keeps one that fits', () => {
    expect(correction(0.2, 1000 * (1 + TOLERANCE / 2), 1000)).toBeUndefined();
    expect(correction(0.2, 1500, 1000)).toBeCloseTo(0.3);
    expect(correction(0.2, 500, 1000)).toBeCloseTo(0.1);
    expect(correction(0.8, 3000, 1000)).toBe(1);
  });
});

describe('a confined process', () => {
  it('is unchanged without a profile', () => {
    expect(confined('node', ['-v'], {})).toEqual({ program: 'node', args: ['-v'] });
  });

  it('writes its own pid into every group before its program runs, and keeps that pid', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'madoguchi-confine-'));
    const procs = [path.join(dir, 'cpu.procs'), path.join(dir, 'memory.procs')];
    for (const file of procs) writeFileSync(file, '');
    const env = { ...process.env, [CONFINE_ENV]: procs.join(':') };
    const command = confined(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], env);
    const { stdout } = await run(command.program, command.args, { env });
    for (const file of procs) expect(readFileSync(file, 'utf8').trim()).toBe(stdout);
  });

  it('does not run its program when a group cannot be joined', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'madoguchi-confine-'));
    const marker = path.join(dir, 'ran');
    const env = { ...process.env, [CONFINE_ENV]: path.join(dir, 'missing/cgroup.procs') };
    const command = confined(
      process.execPath,
      ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`],
      env,
    );
    await expect(run(command.program, command.args, { env })).rejects.toMatchObject({
      code: expect.any(Number),
    });
    expect(() => readFileSync(marker)).toThrow();
  });
});
