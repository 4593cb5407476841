/**
 * What `npm run rollout` does to the rollout file (src/launcher/rollout-plan.ts), as one pure step:
 * the file as it is (or none yet), the operator's command, the time — the new file, or why not,
 * in Japanese and English.
 *
 * - `release`: the first release goes to every box (100 %); later ones start a wave beside the
 *   stable release, or change the share of the running wave. A new release may start only once the
 *   running wave reached 100 %: then the wave's release becomes the stable one.
 * - `halt`: no box joins the wave any more; those running it keep it.
 * - `rollback`: the wave's release is withdrawn; every box goes back to the stable release.
 */
import { isPercent, type Rollout } from '../../src/launcher/rollout-plan';

export type RolloutCommand =
  { kind: 'release'; release: string; percent: number } | { kind: 'halt' } | { kind: 'rollback' };

export type RolloutChange = { ok: true; rollout: Rollout; changed: boolean } | { ok: false; problem: string };

const MAX_WITHDRAWN = 64;
const refuse = (ja: string, en: string): RolloutChange => ({ ok: false, problem: `${ja} / ${en}` });

/** Grows with every write and with the clock, so a file made after a fresh start is still newer. */
const nextSequence = (current: Rollout | undefined, now: number) =>
  Math.max((current?.sequence ?? 0) + 1, Math.floor(now / 1000));

export function changeRollout(
  current: Rollout | undefined,
  operator: string,
  command: RolloutCommand,
  now: number,
): RolloutChange {
  const written = (rollout: Omit<Rollout, 'sequence' | 'format' | 'operator'>): RolloutChange => ({
    ok: true,
    changed: true,
    rollout: { format: 1, operator, sequence: nextSequence(current, now), ...rollout },
  });
  if (command.kind === 'release') {
    const { release, percent } = command;
    if (!isPercent(percent))
      return refuse(
        '--percent は 0.01〜100 です',
        `--percent must be 0.01 to 100 (steps of 0.01), not ${percent}`,
      );
    if (!current) {
      return percent === 100
        ? written({ stable: release, withdrawn: [] })
        : refuse(
            '最初のリリースは全台に配ります: --percent 100',
            'the first release goes to every box: use --percent 100',
          );
    }
    if (current.withdrawn.includes(release))
      return refuse(
        `${release} は取り消し済みです。直したリリースを作ってください`,
        `${release} was rolled back; build a fixed release instead`,
      );
    if (release === current.stable)
      return refuse(
        `${release} はすでに全台の版です${current.candidate ? '（波を戻すには --rollback）' : ''}`,
        `${release} is the stable release already${current.candidate ? ' (to end the wave: --rollback)' : ''}`,
      );
    const { candidate } = current;
    if (candidate && candidate.release !== release) {
      if (candidate.percent < 100)
        return refuse(
          `${candidate.release} の配信（${candidate.percent} %）が途中です。--version ${candidate.release} --percent 100 で終えるか、--rollback で戻してください`,
          `the wave of ${candidate.release} is at ${candidate.percent} %: finish it (--version ${candidate.release} --percent 100) or --rollback first`,
        );
      return written({
        stable: candidate.release,
        candidate: { release, percent },
        withdrawn: current.withdrawn,
      });
    }
    if (candidate && candidate.percent === percent && !current.halted)
      return { ok: true, changed: false, rollout: current };
    return written({ stable: current.stable, candidate: { release, percent }, withdrawn: current.withdrawn });
  }
  if (!current?.candidate)
    return refuse(
      '配信中の波がありません',
      `no wave is running, nothing to ${command.kind === 'halt' ? 'halt' : 'roll back'} (to return to an older release, roll it out as a new one)`,
    );
  if (command.kind === 'halt') {
    if (current.halted) return { ok: true, changed: false, rollout: current };
    return written({
      stable: current.stable,
      candidate: current.candidate,
      halted: true,
      withdrawn: current.withdrawn,
    });
  }
  return written({
    stable: current.stable,
    withdrawn: [...current.withdrawn, current.candidate.release].slice(-MAX_WITHDRAWN),
  });
}

/** One line for the operator: who runs what. */
export function describeRollout(rollout: Rollout): string {
  const { candidate } = rollout;
  const wave = candidate
    ? `${candidate.release} ${candidate.percent} %${rollout.halted ? '（停止中 / halted: no new boxes）' : ''}, `
    : '';
  return `${rollout.operator}: ${wave}stable ${rollout.stable} (sequence ${rollout.sequence}${
    rollout.withdrawn.length ? `, withdrawn ${rollout.withdrawn.join(' ')}` : ''
  })`;
}
