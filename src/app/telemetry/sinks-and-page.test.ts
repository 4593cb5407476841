/**
 * The sinks and the page's figures: the operator's beacon (batched, bounded whatever the flood,
 * retried with back-off, https only), Firebolt Metrics, uncaught errors and key-to-frame.
 */
import type { TelemetryRecord } from '../../../stb-spec/protocol/telemetry';
import { AppTelemetry } from './app-telemetry';
import { Beacon, MAX_BATCH, MAX_QUEUED, RETRY_FIRST_MS, RETRY_LONGEST_MS, SPREAD_MS } from './beacon';
import { FIREBOLT_ACTION, fireboltSink } from './firebolt-metrics';
import { installUncaughtHandler, measureKeyToFrame } from './page-figures';

const URL = 'https://telemetry.operator.example/records';

/** The beacon with its timers and the collector in the test's hands. */
function rig(answers: Array<number | 'offline'>) {
  const waits: Array<{ run: () => void; ms: number }> = [];
  const posted: TelemetryRecord[][] = [];
  const dropped: number[] = [];
  const beacon = new Beacon({
    url: URL,
    fetch: async (_url, init) => {
      posted.push((JSON.parse(String(init!.body)) as { records: TelemetryRecord[] }).records);
      const answer = answers.shift() ?? 204;
      if (answer === 'offline') throw new TypeError('Failed to fetch');
      return new Response(null, { status: answer });
    },
    onDropped: (n) => dropped.push(n),
    setTimeout: (run, ms) => waits.push({ run, ms }),
    random: () => 0.5,
  });
  const next = async () => {
    const wait = waits.shift()!;
    wait.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return wait.ms;
  };
  return { beacon, waits, posted, dropped, next };
}

const records = (n: number) => Array.from({ length: n }, () => new AppTelemetry().flush());

describe('Beacon', () => {
  it('sends waiting records together, at most a batch a request, spread over a minute', async () => {
    const { beacon, posted, next } = rig([]);
    for (const record of records(MAX_BATCH + 2)) beacon.emit(record);
    expect(await next()).toBe(SPREAD_MS / 2);
    expect(posted.map((batch) => batch.length)).toEqual([MAX_BATCH]);
    await next();
    expect(posted.map((batch) => batch.length)).toEqual([MAX_BATCH, 2]);
    expect(beacon.waiting).toBe(0);
  });

  it('keeps at most MAX_QUEUED records in a flood, the oldest dropped and counted', () => {
    const { beacon, dropped } = rig([]);
    for (const record of records(MAX_QUEUED + 100)) beacon.emit(record);
    expect(beacon.waiting).toBe(MAX_QUEUED);
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('retries offline and 5xx with doubling waits up to an hour, and a 2xx ends it', async () => {
    const { beacon, posted, next } = rig(['offline', 503, 429, ...Array<number>(10).fill(500), 204]);
    beacon.emit(records(1)[0]!);
    await next();
    const waits = [];
    for (let i = 0; i < 13; i++) waits.push((await next()) - SPREAD_MS / 2);
    expect(waits.slice(0, 3)).toEqual([RETRY_FIRST_MS, RETRY_FIRST_MS * 2, RETRY_FIRST_MS * 4]);
    expect(Math.max(...waits)).toBe(RETRY_LONGEST_MS);
    expect(posted).toHaveLength(14);
    expect(beacon.waiting).toBe(0);
  });

  it('drops a batch the collector refuses (4xx), and counts it', async () => {
    const { beacon, dropped, next } = rig([400]);
    beacon.emit(records(1)[0]!);
    await next();
    expect(beacon.waiting).toBe(0);
    expect(dropped).toEqual([1]);
  });

  it('sends what waits at once when the page goes away, with the app leaving', async () => {
    const { beacon, posted, waits } = rig([]);
    const telemetry = new AppTelemetry();
    telemetry.addSink(beacon);
    telemetry.tally.count('app.uncaught.error');
    telemetry.leave();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted).toHaveLength(1);
    expect(posted[0]![0]!.counts).toMatchObject({ 'app.starts': 1, 'app.uncaught.error': 1 });
    expect(beacon.waiting).toBe(0);
    waits.shift()!.run(); // the spread send scheduled before: nothing left to send
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted).toHaveLength(1);
  });

  it('goes to https only', () => {
    expect(() => new Beacon({ url: 'http://collector.example', fetch, onDropped: () => 0 })).toThrow('https');
  });
});

describe('Firebolt sink', () => {
  it('hands a record to Metrics.action as flat parameters, and a refusal stays there', async () => {
    const calls: unknown[][] = [];
    const sink = fireboltSink({
      action: async (...args) => {
        calls.push(args);
        throw new Error('not permitted');
      },
    });
    const telemetry = new AppTelemetry(() => 0);
    telemetry.tally.latency('app.keyToFrame.ms', 30);
    sink.emit(telemetry.flush());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([
      ['app', FIREBOLT_ACTION, expect.objectContaining({ 'app.starts': 1, 'app.keyToFrame.ms.p99': 30 })],
    ]);
  });
});

describe('the page', () => {
  it('counts uncaught errors and rejections by kind and keeps them from the console', () => {
    const telemetry = new AppTelemetry();
    const page = new EventTarget() as unknown as Window;
    installUncaughtHandler(page, telemetry);
    const error = new Event('error', { cancelable: true });
    const rejection = new Event('unhandledrejection', { cancelable: true });
    page.dispatchEvent(error);
    page.dispatchEvent(rejection);
    page.dispatchEvent(new Event('unhandledrejection', { cancelable: true }));
    expect(error.defaultPrevented && rejection.defaultPrevented).toBe(true);
    expect(telemetry.flush().counts).toMatchObject({ 'app.uncaught.error': 1, 'app.uncaught.rejection': 2 });
  });

  it('measures a key press to the next frame, one measurement at a time', () => {
    const telemetry = new AppTelemetry();
    const frames: Array<() => void> = [];
    const target = new EventTarget();
    const page = Object.assign(target, {
      requestAnimationFrame: (run: () => void) => frames.push(run),
    }) as unknown as Window;
    let now = 0;
    measureKeyToFrame(page, telemetry, () => now);
    page.dispatchEvent(new Event('keydown'));
    page.dispatchEvent(new Event('keydown')); // held: no second measurement while one waits
    now = 48;
    frames.shift()!();
    expect(frames).toHaveLength(0);
    expect(telemetry.flush().latency['app.keyToFrame.ms']).toMatchObject({ n: 1, max: 48 });
  });
});
