import {
  BUNDLE_GROWTH_GOAL_KB,
  BUNDLE_RSS_GOAL_KB,
  bundleMemory,
  bundleMemoryRows,
  nodeFlagsOf,
} from './bundle-memory-report';
import { passes, verdictsOf } from './report';

const MiB = 1024;
const flat = (kb: number, cycles: number) => [kb, ...Array<number>(cycles).fill(kb)];
const verdicts = (idleKb: number, samples: number[]) => {
  const rows = bundleMemoryRows(bundleMemory('node bundle.cjs', idleKb, samples, Math.max(...samples)));
  return verdictsOf({ title: 'bridge', rows });
};

describe('the bundle memory verdicts', () => {
  it('meets every goal for a bundle under 48 MiB whose resident set stays flat over the cycles', () => {
    const figures = verdicts(45 * MiB, flat(45 * MiB, 30));
    expect(figures.map((f) => [f.figure, f.verdict])).toEqual([
      ['bundle RSS, idle (plain node, pcsc, no card)', 'met'],
      ['bundle RSS after 30 card cycles (last samples)', 'met'],
      ['  growth over the cycles (flat)', 'met'],
    ]);
    expect(passes([], figures)).toBe(true);
  });

  it('meets the goals exactly at 48 MiB and at the growth allowed, and misses them just above', () => {
    expect(verdicts(BUNDLE_RSS_GOAL_KB, flat(BUNDLE_RSS_GOAL_KB, 30)).every((f) => f.verdict === 'met')).toBe(
      true,
    );
    const over = verdicts(BUNDLE_RSS_GOAL_KB + 1, flat(BUNDLE_RSS_GOAL_KB + 1, 30));
    expect(over.map((f) => f.verdict)).toEqual(['missed', 'missed', 'met']);
    expect(passes([], over)).toBe(false);
  });

  it('misses "flat" for a bundle that grows with every cycle, even while still under 48 MiB', () => {
    const growing = Array.from({ length: 31 }, (_, i) => 40 * MiB + i * 100); // 100 kB a cycle
    const figures = verdicts(40 * MiB, growing);
    expect(figures.map((f) => f.verdict)).toEqual(['met', 'met', 'missed']);
    expect(figures[2]!.ours).toMatch(/^\+2\.\d MB/);
  });

  it('takes growth after the warm-up: a first cycle that settles the JIT is not a leak', () => {
    const settled = [40 * MiB, 40 * MiB + BUNDLE_GROWTH_GOAL_KB * 2, ...Array<number>(29).fill(42 * MiB)];
    expect(verdicts(40 * MiB, settled)[2]!.verdict).toBe('met');
  });

  it('judges the idle figure and the figure after the cycles each on its own', () => {
    const figures = verdicts(47 * MiB, flat(49 * MiB, 30));
    expect(figures.map((f) => f.verdict)).toEqual(['met', 'missed', 'met']);
  });
});

describe('nodeFlagsOf', () => {
  it('takes the node options of the unit’s ExecStart, so the bench starts the bundle as a box does', () => {
    const bundle = 'madoguchi-bridge.cjs';
    expect(
      nodeFlagsOf(`/usr/bin/node --lite-mode /opt/b/current/${bundle} --config /etc/x.json`, bundle),
    ).toEqual(['--lite-mode']);
    expect(nodeFlagsOf(`/usr/bin/node /opt/b/${bundle} --config /etc/x.json`, bundle)).toEqual([]);
    expect(() => nodeFlagsOf('/usr/bin/python3 x.py', bundle)).toThrow(/ExecStart/);
  });
});
