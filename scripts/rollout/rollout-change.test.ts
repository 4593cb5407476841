import { changeRollout, describeRollout, type RolloutChange } from './rollout-change';
import type { Rollout } from '../../src/launcher/rollout-plan';

const A = '0.1.0-aaaaaaaaaaaa';
const B = '0.2.0-bbbbbbbbbbbb';
const C = '0.3.0-cccccccccccc';
const NOW = 1_800_000_000_000;

const ok = (change: RolloutChange): Rollout => {
  if (!change.ok) throw new Error(change.problem);
  return change.rollout;
};
const problem = (change: RolloutChange) => (change.ok ? '(accepted)' : change.problem);
const step = (current: Rollout | undefined, command: Parameters<typeof changeRollout>[2], now = NOW) =>
  changeRollout(current, 'minato-catv', command, now);

describe('a rollout, step by step', () => {
  const first = ok(step(undefined, { kind: 'release', release: A, percent: 100 }));

  it('sends the first release to every box, and only that way', () => {
    expect(first).toEqual({
      format: 1,
      operator: 'minato-catv',
      sequence: NOW / 1000,
      stable: A,
      withdrawn: [],
    });
    expect(problem(step(undefined, { kind: 'release', release: A, percent: 10 }))).toMatch(/--percent 100/);
  });

  it('goes to 10 %, halts, resumes, and rolls back, each a newer sequence', () => {
    const wave = ok(step(first, { kind: 'release', release: B, percent: 10 }));
    expect(wave).toMatchObject({ stable: A, candidate: { release: B, percent: 10 } });
    const halted = ok(step(wave, { kind: 'halt' }));
    expect(halted).toMatchObject({ halted: true, candidate: { release: B, percent: 10 } });
    const resumed = ok(step(halted, { kind: 'release', release: B, percent: 25 }));
    expect(resumed.halted).toBeUndefined();
    const back = ok(step(resumed, { kind: 'rollback' }));
    expect(back).toMatchObject({ stable: A, withdrawn: [B] });
    expect(back.candidate).toBeUndefined();
    const sequences = [first, wave, halted, resumed, back].map(({ sequence }) => sequence);
    expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
    expect(new Set(sequences).size).toBe(5);
  });

  it('makes a wave at 100 % the stable release when the next one starts', () => {
    const full = ok(
      step(ok(step(first, { kind: 'release', release: B, percent: 10 })), {
        kind: 'release',
        release: B,
        percent: 100,
      }),
    );
    expect(ok(step(full, { kind: 'release', release: C, percent: 1 }))).toMatchObject({
      stable: B,
      candidate: { release: C, percent: 1 },
    });
  });

  it('refuses what would lose track of boxes, each with a way forward', () => {
    const wave = ok(step(first, { kind: 'release', release: B, percent: 10 }));
    expect(problem(step(wave, { kind: 'release', release: C, percent: 10 }))).toMatch(
      /--percent 100.*--rollback/,
    );
    expect(
      problem(step(ok(step(wave, { kind: 'rollback' })), { kind: 'release', release: B, percent: 5 })),
    ).toMatch(/rolled back; build a fixed release/);
    expect(problem(step(wave, { kind: 'release', release: A, percent: 100 }))).toMatch(/--rollback/);
    expect(problem(step(first, { kind: 'halt' }))).toMatch(/no wave is running/);
    expect(problem(step(first, { kind: 'rollback' }))).toMatch(/no wave is running/);
    expect(problem(step(wave, { kind: 'release', release: B, percent: 0 }))).toMatch(/0\.01 to 100/);
    expect(problem(step(wave, { kind: 'release', release: B, percent: Number.NaN }))).toMatch(/0\.01 to 100/);
  });

  it('changes nothing when asked for what already is', () => {
    const wave = ok(step(first, { kind: 'release', release: B, percent: 10 }));
    expect(step(wave, { kind: 'release', release: B, percent: 10 })).toEqual({
      ok: true,
      changed: false,
      rollout: wave,
    });
    const halted = ok(step(wave, { kind: 'halt' }));
    expect(step(halted, { kind: 'halt' })).toEqual({ ok: true, changed: false, rollout: halted });
  });

  it('stays newer than a file written with a clock that ran ahead', () => {
    const ahead = ok(step(first, { kind: 'release', release: B, percent: 10 }, NOW + 3_600_000));
    expect(ok(step(ahead, { kind: 'halt' })).sequence).toBe(ahead.sequence + 1);
  });

  it('says who runs what in one line', () => {
    const halted = ok(step(ok(step(first, { kind: 'release', release: B, percent: 10 })), { kind: 'halt' }));
    expect(describeRollout(halted)).toBe(
      `minato-catv: ${B} 10 %（停止中 / halted: no new boxes）, stable ${A} (sequence ${halted.sequence})`,
    );
  });
});
