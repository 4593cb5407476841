import { bridgeTable, methodResult, spreadOf, type BridgeBenchResult } from './bridge-report';
import { parseLogLine } from './bridge-rig';
import { bundleMemory } from './bundle-memory-report';

/** 1, 2, …, n milliseconds, shuffled a little so nothing relies on order. */
const ramp = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => ((i * 7) % n) + 1 + offset);

describe('spreadOf', () => {
  it('gives median, nearest-rank p95, min and max, rounded to microseconds', () => {
    expect(spreadOf(ramp(100))).toEqual({ median: 50.5, p95: 95, min: 1, max: 100 });
    expect(spreadOf([0.1239, 0.1231, 0.1234])).toEqual({ median: 0.123, p95: 0.124, min: 0.123, max: 0.124 });
  });
});

describe('methodResult', () => {
  const runs = [
    { ours: ramp(20, 0.5), floor: ramp(20) },
    { ours: ramp(20, 0.7), floor: ramp(20) },
  ];

  it('pools the runs and subtracts the floor statistic by statistic', () => {
    const result = methodResult('getStatus', '', runs);
    expect(result.calls).toBe(40);
    expect(result.floor.median).toBe(10.5);
    expect(result.ours.median).toBe(11.1); // 11 + 0.5 and 11 + 0.7 around the middle of the pool
    expect(result.added.median).toBe(0.6);
    expect(result.added.p95).toBe(0.7); // 20.7 − 20
    expect(result.addedMedianPerRun).toEqual([0.5, 0.7]);
  });

  it('meets the goal at or under 1 ms added, median', () => {
    expect(methodResult('sign', '', runs).goalMet).toBe(true);
    expect(methodResult('sign', '', [{ ours: [2.5], floor: [1.5] }]).goalMet).toBe(true);
    expect(methodResult('sign', '', [{ ours: [2.6], floor: [1.5] }]).goalMet).toBe(false);
    expect(methodResult('sign', '', runs, 0.5).goalMet).toBe(false);
  });
});

describe('bridgeTable', () => {
  const MiB = 1024 * 1024;
  const result: BridgeBenchResult = {
    runs: 2,
    iterationsPerRun: { getStatus: 200, sign: 50 },
    warmupPerRun: { getStatus: 20, sign: 5 },
    warmupRuns: 2,
    goalMs: 1,
    bridge: {
      commandLine: 'node --import tsx mocks/dev-bridge/cli.ts …',
      memory: {
        atStart: { rssBytes: 100 * MiB, peakRssBytes: 100 * MiB },
        afterWarmup: { rssBytes: 110 * MiB, peakRssBytes: 110 * MiB },
        atEnd: { rssBytes: 110.5 * MiB, peakRssBytes: 111 * MiB },
      },
      logLines: 500,
    },
    methods: [
      methodResult('getStatus', '', [{ ours: [0.2, 0.3], floor: [0.001, 0.003] }]),
      methodResult('sign', "{key:'auth'}", [{ ours: [3.5], floor: [1.5] }]),
    ],
    bundle: bundleMemory(
      'node madoguchi-bridge.cjs …',
      46 * 1024,
      [46 * 1024, ...Array(20).fill(46.5 * 1024)],
      47 * 1024,
    ),
    host: { cpus: 2, loadAverage: 0.5 },
    wallSeconds: 6.25,
  };
  const text = bridgeTable(result);
  const row = (figure: string) => text.rows.find((r) => r.figure.startsWith(figure))!;

  it('shows median / p95 of ours and the floor, the ratio and the added latency with its goal', () => {
    expect(row('getStatus')).toEqual({
      figure: 'getStatus: median / p95',
      ours: '0.250 ms / 0.300 ms',
      floor: '0.002 ms / 0.003 ms',
      ratio: '125.00×',
    });
    const added = text.rows[text.rows.indexOf(row('getStatus')) + 1]!;
    expect(added).toMatchObject({ ours: '0.248 ms / 0.297 ms', goal: { text: '≤ 1 ms median', met: true } });
    expect(row("sign {key:'auth'}").ratio).toBe('2.33×');
    expect(text.rows.filter((r) => r.goal?.met === false)).toHaveLength(1);
  });

  it('reports the bridge process memory and how it was measured', () => {
    expect(row('bridge process RSS').ours).toBe('100.0 MiB → 110.0 MiB → 110.5 MiB (111.0 MiB)');
    const notes = text.notes!.join('\n');
    expect(notes).toContain('node --import tsx mocks/dev-bridge/cli.ts');
    expect(notes).toContain('2 whole warm-up runs, then getStatus 20, sign 5 calls');
    expect(notes).toContain('getStatus 0.248; sign 2');
    expect(notes).toContain('load average 0.5 on 2 CPUs');
    expect(notes).not.toMatch(/1234/);
  });

  it('ends with the bundle’s memory rows, each with its verdict', () => {
    expect(row('bundle RSS, idle').goal).toEqual({ text: '≤ 48.0 MB', met: true });
    expect(row('bundle RSS after 20 card cycles').ours).toBe('46.5 MB (peak 47.0 MB)');
    expect(text.notes!.join('\n')).toContain('node madoguchi-bridge.cjs …');
  });

  it('says n/a for memory where /proc is missing', () => {
    const bare = bridgeTable({ ...result, bridge: { ...result.bridge, memory: {} } });
    expect(bare.rows.find((r) => r.figure.startsWith('bridge process RSS'))!.ours).toBe('n/a (no /proc)');
  });
});

describe('parseLogLine', () => {
  it('reads the bridge’s JSON log lines and ignores anything else', () => {
    expect(parseLogLine('{"event":"listening","port":9930}')).toEqual({ event: 'listening', port: 9930 });
    expect(parseLogLine('Debugger attached.')).toBeUndefined();
    expect(parseLogLine('42')).toBeUndefined();
  });
});
