/**
 * `--profile stb`: the benches on a 2016-class cable box. The browser and the bridge start inside
 * control groups that cap them together to the share of one core found by calibration and to the
 * box's memory, with software rendering. The platform is the operator's server, not the box: it
 * runs as it does without the profile.
 */
import { CONFINE_ENV } from '../../e2e/harness/confine';
import { createConfinement, ProfileSetupError, type Confinement } from './cgroup';
import { correction, fractionFor, timeWorkload, type Samples } from './calibration';

export interface BoxProfile {
  name: string;
  /** How long the calibration workload takes on one core of the box. */
  workloadMs: number;
  memoryBytes: number;
  /** Set for the confined processes: no GPU on the box the profile stands for. */
  env: Record<string, string>;
}

/**
 * A third-generation cable box of 2016 (Broadcom BCM7252S/BCM7445 class: ARM Cortex-A15 at about
 * 1.5 GHz, 1–2 GB shared with video): one of its cores runs single-threaded JavaScript about five
 * times slower than one core of the 2-core Xeon CI machines (browser benchmark scores of the two
 * classes), where the workload takes about 200 ms. The browser and the bridge get 512 MiB.
 */
const STB_PROFILE: BoxProfile = {
  name: 'stb',
  workloadMs: 1_000,
  memoryBytes: 512 * 1024 * 1024,
  env: { LIBGL_ALWAYS_SOFTWARE: '1', WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
};

export const PROFILES: Record<string, BoxProfile> = { stb: STB_PROFILE };

export interface ActiveProfile {
  profile: BoxProfile;
  cpuFraction: number;
  host: Samples;
  confined: Samples;
  cgroupVersion: 1 | 2;
  /** One line for the report's header. */
  describe(): string;
  end(): void;
}

const CALIBRATION_RUNS = 5;

/**
 * Calibrates, creates the groups and sets the environment the rig's processes start with. Throws a
 * ProfileSetupError when the machine is too loaded, too slow, or its cgroups cannot be written.
 */
export async function startProfile(
  profile: BoxProfile,
  progress: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ActiveProfile> {
  progress(`profile ${profile.name}: calibrating (${CALIBRATION_RUNS} runs of the workload)`);
  const host = await timeWorkload(CALIBRATION_RUNS, { ...env, [CONFINE_ENV]: '' });
  const verdict = fractionFor(host, profile.workloadMs);
  if (!verdict.ok) throw new ProfileSetupError(verdict.message);
  let cpuFraction = verdict.cpuFraction;
  const confinement: Confinement = createConfinement(`madoguchi-bench-${process.pid}`, {
    cpuFraction,
    memoryBytes: profile.memoryBytes,
  });
  try {
    const confinedEnv = { ...env, [CONFINE_ENV]: confinement.procsFiles.join(':') };
    let inside = await timeWorkload(3, confinedEnv);
    const next = correction(cpuFraction, inside.median, profile.workloadMs);
    if (next !== undefined) {
      cpuFraction = next;
      confinement.setCpuFraction(cpuFraction);
      inside = await timeWorkload(3, confinedEnv);
      if (correction(cpuFraction, inside.median, profile.workloadMs) !== undefined) {
        throw new ProfileSetupError(
          `CPU 制限が安定しません / the CPU cap does not hold: the workload took ${Math.round(inside.median)} ms ` +
            `inside the group, the box takes ${profile.workloadMs} ms (the machine may be too loaded)`,
        );
      }
    }
    Object.assign(env, confinedEnv, profile.env);
    const active: ActiveProfile = {
      profile,
      cpuFraction,
      host,
      confined: inside,
      cgroupVersion: confinement.version,
      describe: () =>
        `profile ${profile.name}: ${(cpuFraction * 100).toFixed(1)}% of one core (cgroup v${confinement.version}), ` +
        `${profile.memoryBytes / 2 ** 20} MiB, software rendering; workload ${Math.round(host.median)} ms here, ` +
        `${Math.round(inside.median)} ms confined (box: ${profile.workloadMs} ms)`,
      end: () => {
        delete env[CONFINE_ENV];
        for (const key of Object.keys(profile.env)) delete env[key];
        confinement.remove();
      },
    };
    return active;
  } catch (error) {
    confinement.remove();
    throw error;
  }
}
