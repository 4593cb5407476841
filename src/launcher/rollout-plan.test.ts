import { randomBytes } from 'node:crypto';
import {
  BUCKETS,
  bucketOf,
  inWave,
  parseRollout,
  releasesToTry,
  rolloutText,
  type Rollout,
} from './rollout-plan';

const STABLE = '0.1.0-aaaaaaaaaaaa';
const NEXT = '0.2.0-bbbbbbbbbbbb';
const OLD = '0.0.9-cccccccccccc';

const rollout = (extra: Partial<Rollout> = {}): Rollout => ({
  format: 1,
  operator: 'minato-catv',
  sequence: 7,
  stable: STABLE,
  withdrawn: [],
  ...extra,
});

describe('the rollout file', () => {
  it('reads back what it writes', () => {
    const file = rollout({ candidate: { release: NEXT, percent: 12.5 }, halted: true, withdrawn: [OLD] });
    expect(parseRollout(JSON.parse(rolloutText(file)))).toEqual(file);
  });

  it.each([
    ['not an object', []],
    ['format is not 1', { ...rollout(), format: 2 }],
    ['unknown member extra', { ...rollout(), extra: 1 }],
    ['operator is not an operator id', { ...rollout(), operator: '../x' }],
    ['sequence is not a positive integer', { ...rollout(), sequence: 1.5 }],
    ['stable is not a release name', { ...rollout(), stable: '../../evil-aaaaaaaaaaaa' }],
    ['stable is not a release name', { ...rollout(), stable: 'https://evil.example/-aaaaaaaaaaaa' }],
    ['candidate.percent is not 0.01 to 100', rollout({ candidate: { release: NEXT, percent: 0 } })],
    ['candidate.percent is not 0.01 to 100', rollout({ candidate: { release: NEXT, percent: 100.5 } })],
    ['candidate.percent is not 0.01 to 100', rollout({ candidate: { release: NEXT, percent: 0.001 } })],
    ['candidate.release is the stable release', rollout({ candidate: { release: STABLE, percent: 5 } })],
    [
      'candidate.release is withdrawn',
      rollout({ candidate: { release: NEXT, percent: 5 }, withdrawn: [NEXT] }),
    ],
    ['the stable release is withdrawn', rollout({ withdrawn: [STABLE] })],
    ['halted without a candidate', rollout({ halted: true })],
  ])('refuses a file whose %s', (reason, value) => {
    expect(parseRollout(value)).toContain(reason.replace(/^not an object$/, 'not a JSON object'));
  });
});

describe('a box’s bucket', () => {
  const ids = Array.from({ length: 20_000 }, () => randomBytes(16).toString('base64url'));

  it('is the same for one box every time, and another for another operator', () => {
    const id = ids[0]!;
    expect(bucketOf('minato-catv', id)).toBe(bucketOf('minato-catv', id));
    const moved = ids.filter((box) => bucketOf('minato-catv', box) !== bucketOf('other-catv', box));
    expect(moved.length).toBeGreaterThan(ids.length * 0.99);
  });

  it('puts about the asked share of random boxes in the wave', () => {
    const buckets = ids.map((id) => bucketOf('minato-catv', id));
    expect(buckets.every((bucket) => Number.isInteger(bucket) && bucket >= 0 && bucket < BUCKETS)).toBe(true);
    for (const percent of [1, 10, 50]) {
      const share = buckets.filter((bucket) => inWave(bucket, percent)).length / ids.length;
      // 20 000 boxes: the binomial spread is below 0.4 points at 50 %; 1.2 points is > 3 sigma.
      expect(Math.abs(share * 100 - percent)).toBeLessThan(1.2);
    }
  });

  it('only gains boxes as the wave widens', () => {
    const at1 = ids.filter((id) => inWave(bucketOf('minato-catv', id), 1));
    expect(at1.length).toBeGreaterThan(0);
    expect(at1.every((id) => inWave(bucketOf('minato-catv', id), 10))).toBe(true);
    expect(ids.every((id) => inWave(bucketOf('minato-catv', id), 100))).toBe(true);
  });
});

describe('the releases a box tries', () => {
  const wave = rollout({ candidate: { release: NEXT, percent: 10 } });
  const inside = 999; // bucket < 1000 = 10 %
  const outside = 1000;

  it('gives the wave’s release to boxes in the wave and the stable one to the others', () => {
    expect(releasesToTry(wave, inside, { failedRecently: [] }).order).toEqual([NEXT, STABLE]);
    expect(releasesToTry(wave, outside, { failedRecently: [] }).order).toEqual([STABLE]);
  });

  it('falls back to the release that started here when the chosen one did not', () => {
    expect(releasesToTry(wave, inside, { lastGood: OLD, failedRecently: [NEXT] }).order).toEqual([
      OLD,
      STABLE,
    ]);
    expect(releasesToTry(wave, inside, { lastGood: STABLE, failedRecently: [NEXT] }).order).toEqual([STABLE]);
  });

  it('after a halt, keeps the wave only on the boxes already running it', () => {
    const halted = { ...wave, halted: true as const };
    expect(releasesToTry(halted, inside, { lastGood: STABLE, failedRecently: [] }).order).toEqual([STABLE]);
    expect(releasesToTry(halted, outside, { lastGood: NEXT, failedRecently: [] }).order).toEqual([
      NEXT,
      STABLE,
    ]);
  });

  it('never chooses a withdrawn release, not even the one that ran here', () => {
    const rolledBack = rollout({ withdrawn: [NEXT] });
    expect(releasesToTry(rolledBack, inside, { lastGood: NEXT, failedRecently: [] }).order).toEqual([STABLE]);
  });

  it('has nothing to try when every release failed here lately', () => {
    expect(releasesToTry(wave, outside, { failedRecently: [STABLE] }).order).toEqual([]);
  });
});
