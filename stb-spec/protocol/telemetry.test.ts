/** The telemetry contract: the one check every record passes, and the tally's bounded memory. */
import { PROTOCOL_VERSION } from './names';
import { BRIDGE_FIGURES, reportableVersion, telemetryProblems, type TelemetryRecord } from './telemetry';
import { LatencyHistogram, TelemetryTally } from './telemetry-tally';

const record = (): TelemetryRecord => ({
  schema: 1,
  source: 'bridge',
  versions: { bridge: '1.2.3', protocol: PROTOCOL_VERSION },
  seq: 1,
  periodS: 900,
  counts: { 'bridge.error.PIN_INCORRECT': 2 },
  gauges: { 'bridge.readers': 1 },
  latency: { 'bridge.sign.ms': { n: 3, p50: 500, p90: 750, p99: 750, max: 700 } },
});

describe('telemetryProblems', () => {
  it('passes a record of declared figures', () => {
    expect(telemetryProblems(record(), BRIDGE_FIGURES)).toEqual([]);
  });

  it.each<[string, (r: Record<string, unknown>) => void, string]>([
    ['a field of its own', (r) => (r.reader = 'ACS 00'), '"reader" is not a field'],
    [
      'a figure not declared',
      (r) => ((r.counts as object as Record<string, number>)['bridge.pin'] = 1),
      'not a count figure',
    ],
    [
      'a figure of another kind',
      (r) => ((r.gauges as Record<string, number>)['bridge.calls'] = 1),
      'not a gauge figure',
    ],
    [
      'text as a count',
      (r) => ((r.counts as Record<string, unknown>)['bridge.calls'] = '1234'),
      'must be a count',
    ],
    [
      'a negative count',
      (r) => ((r.counts as Record<string, unknown>)['bridge.calls'] = -1),
      'must be a count',
    ],
    [
      'free text as a version',
      (r) => ((r.versions as Record<string, unknown>).bridge = 'Hanako'),
      'not a version',
    ],
    [
      'a member in percentiles',
      (r) => ((r.latency as Record<string, Record<string, unknown>>)['bridge.sign.ms']!.who = 1),
      '"who"',
    ],
    [
      'no version of its own part',
      (r) => delete (r.versions as Record<string, unknown>).bridge,
      'names the version',
    ],
  ])('refuses %s', (_what, change, problem) => {
    const changed = record() as unknown as Record<string, unknown>;
    change(changed);
    expect(telemetryProblems(changed, BRIDGE_FIGURES).join('\n')).toContain(problem);
  });

  it('reports a version only in a release form', () => {
    expect(reportableVersion('0.1.0')).toBe('0.1.0');
    expect(reportableVersion('1.2.3-rc.1')).toBe('1.2.3-rc.1');
    expect(reportableVersion('vendor build for 03-1234-5678')).toBe('other');
    expect(reportableVersion(undefined)).toBe('unknown');
  });
});

describe('TelemetryTally', () => {
  const tally = () =>
    new TelemetryTally({
      source: 'bridge',
      figures: BRIDGE_FIGURES,
      versions: () => ({ bridge: '1.0.0' }),
      now: () => 0,
    });

  it('ignores names it was not given, so no input can add a key', () => {
    const t = tally();
    for (let i = 0; i < 10_000; i++) t.count(`bridge.error.X${i}` as 'bridge.calls');
    t.count('bridge.error.BUSY', 3);
    expect(t.record().counts).toEqual({ 'bridge.error.BUSY': 3 });
  });

  it('starts each period from zero, keeping gauges and numbering the records', () => {
    const t = tally();
    t.count('bridge.calls');
    t.gauge('bridge.readers', 2);
    expect(t.record()).toMatchObject({
      seq: 1,
      counts: { 'bridge.calls': 1 },
      gauges: { 'bridge.readers': 2 },
    });
    expect(t.record()).toMatchObject({ seq: 2, counts: {}, gauges: { 'bridge.readers': 2 }, latency: {} });
  });
});

describe('LatencyHistogram', () => {
  it('gives percentiles as bucket bounds, never above the largest value seen', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 100; i++) h.add(i * 10); // 10 … 1000 ms
    expect(h.percentiles()).toEqual({ n: 100, p50: 500, p90: 1000, p99: 1000, max: 1000 });
    h.clear();
    h.add(42);
    expect(h.percentiles()).toEqual({ n: 1, p50: 42, p90: 42, p99: 42, max: 42 });
  });

  it('keeps a runaway value from skewing the maximum, and ignores what is not a time', () => {
    const h = new LatencyHistogram();
    h.add(1e12);
    h.add(Number.NaN);
    h.add(-5);
    expect(h.percentiles()).toEqual({ n: 1, p50: 600_000, p90: 600_000, p99: 600_000, max: 600_000 });
  });

  it('is empty without an observation', () => {
    expect(new LatencyHistogram().percentiles()).toBeUndefined();
  });
});
