/** Reconnection timing with a scripted WebSocket and manual timers: no sockets, no waiting. */
import { BridgeClient } from './bridge-client';
import type { WebSocketLike } from './client-options';
import type { BridgeEvent } from './event-stream';
import type { Timers } from './timing';
import { FAKE_INFO } from './test-support';

class ManualTimers implements Timers {
  readonly scheduled: { ms: number; run: () => void; handle: number }[] = [];
  private nextHandle = 1;
  constructor(readonly randomValue: number) {}
  setTimeout(run: () => void, ms: number) {
    const handle = this.nextHandle++;
    this.scheduled.push({ ms, run, handle });
    return handle;
  }
  clearTimeout(handle: unknown) {
    const index = this.scheduled.findIndex((timer) => timer.handle === handle);
    if (index >= 0) this.scheduled.splice(index, 1);
  }
  random() {
    return this.randomValue;
  }
  /** Runs the pending timer of `ms` (the retry or the connect timeout), returning false if none. */
  fire(ms: number): boolean {
    const index = this.scheduled.findIndex((timer) => timer.ms === ms);
    if (index < 0) return false;
    const [timer] = this.scheduled.splice(index, 1);
    timer!.run();
    return true;
  }
  /** Delays of the pending timers other than the connect timeout and call timeouts. */
  retryDelays(): number[] {
    return this.scheduled
      .map((timer) => timer.ms)
      .filter((ms) => ms !== CONNECT_TIMEOUT && ms !== CALL_TIMEOUT);
  }
}

const CONNECT_TIMEOUT = 7777;
const CALL_TIMEOUT = 10_000;

class ScriptedSocket implements WebSocketLike {
  static all: ScriptedSocket[] = [];
  readyState = 0;
  readonly sent: { id: number; method: string }[] = [];
  onopen: ((event: never) => void) | null = null;
  onmessage: ((event: never) => void) | null = null;
  onclose: ((event: never) => void) | null = null;
  onerror: ((event: never) => void) | null = null;
  constructor(readonly url: string) {
    ScriptedSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as { id: number; method: string });
  }
  close() {
    this.readyState = 3;
  }
  /** Fires an event: the client's handlers ignore the event object's type, so any value will do. */
  private fire(handler: ((event: never) => void) | null, event: object) {
    (handler as ((event: object) => void) | null)?.(event);
  }
  refuse() {
    this.readyState = 3;
    this.fire(this.onerror, {});
    this.fire(this.onclose, { code: 1006 });
  }
  /** Opens and answers the handshake like a bridge. */
  async accept() {
    this.readyState = 1;
    this.fire(this.onopen, {});
    await answer(this, 'MyNumberCard.1.register', 0);
    await answer(this, 'MyNumberCard.1.getInfo', FAKE_INFO);
    await answer(this, 'MyNumberCard.1.getStatus', { readerService: 'running', readers: [] });
  }
}

async function answer(socket: ScriptedSocket, method: string, result: unknown) {
  await flush();
  const request = socket.sent.find((r) => r.method === method);
  if (!request) throw new Error(`${method} was not sent`);
  (socket.onmessage as ((event: object) => void) | null)?.({
    data: JSON.stringify({ jsonrpc: '2.0', id: request.id, result }),
  });
  await flush();
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const latestSocket = () => ScriptedSocket.all[ScriptedSocket.all.length - 1]!;

/** The probe's HTTP request to the bridge: resolves when "the bridge" is up, rejects when it is down. */
class ScriptedFetch {
  readonly calls: { url: string; resolve(): void; reject(): void }[] = [];
  readonly fetch = (url: string) =>
    new Promise<unknown>((resolve, reject) => {
      this.calls.push({
        url,
        resolve: () => resolve({}),
        reject: () => reject(new TypeError('Failed to fetch')),
      });
    });
}

function setUp(randomValue: number, probe = new ScriptedFetch()) {
  ScriptedSocket.all = [];
  const timers = new ManualTimers(randomValue);
  const client = new BridgeClient({
    WebSocket: ScriptedSocket,
    fetch: probe.fetch,
    timers,
    connectTimeoutMs: CONNECT_TIMEOUT,
    idPrefix: 'madoguchi-test',
  });
  const events: BridgeEvent[] = [];
  client.subscribe((event) => events.push(event));
  client.start();
  return { client, timers, events, probe };
}

it('connects to the default URL', () => {
  const { client } = setUp(0);
  expect(latestSocket().url).toBe('ws://127.0.0.1:9930/jsonrpc');
  client.close();
});

it('doubles the delay after each failure up to 8 s, and starts over after a success', async () => {
  const { client, timers } = setUp(1); // random 1: the delay's upper bound
  const delays: number[] = [];
  for (let attempt = 0; attempt < 7; attempt++) {
    latestSocket().refuse();
    delays.push(...timers.retryDelays());
    expect(timers.fire(delays[delays.length - 1]!)).toBe(true);
  }
  expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000]);
  expect(ScriptedSocket.all).toHaveLength(8);

  await latestSocket().accept();
  expect(client.connectionState).toBe('open');
  latestSocket().refuse();
  expect(timers.retryDelays()).toEqual([250]);
  client.close();
});

it('jitters each delay within its upper half', () => {
  const { client, timers } = setUp(0);
  latestSocket().refuse();
  expect(timers.retryDelays()).toEqual([125]);
  timers.fire(125);
  latestSocket().refuse();
  expect(timers.retryDelays()).toEqual([250]);
  client.close();
});

it('gives up an attempt that does not open within the connect timeout', () => {
  const { client, timers, events } = setUp(0.5);
  const first = latestSocket();
  expect(timers.fire(CONNECT_TIMEOUT)).toBe(true);
  expect(first.readyState).toBe(3);
  // No answer at all within the timeout: "not there" at once, without asking over HTTP.
  expect(events.slice(-2)).toEqual([
    { type: 'connection', state: 'closed' },
    { type: 'connectFailed', refused: false },
  ]);
  expect(timers.retryDelays()).toHaveLength(1);
  client.close();
});

it('close() cancels the pending retry', () => {
  const { client, timers, events } = setUp(0.5);
  latestSocket().refuse();
  client.close();
  expect(timers.scheduled).toEqual([]);
  expect(ScriptedSocket.all).toHaveLength(1);
  expect(events.map((e) => e.type === 'connection' && e.state)).toEqual(['closed', 'connecting', 'closed']);
});

it('counts a constructor that throws as a failed attempt', () => {
  const timers = new ManualTimers(1);
  const client = new BridgeClient({
    WebSocket: class {
      constructor() {
        throw new SyntaxError('bad url');
      }
    } as unknown as typeof ScriptedSocket,
    timers,
  });
  client.start();
  expect(client.connectionState).toBe('closed');
  expect(timers.retryDelays()).toEqual([250]);
  client.close();
});

describe('refused or not there (the probe after an upgrade that failed)', () => {
  const verdicts = (events: BridgeEvent[]) =>
    events.flatMap((event) => (event.type === 'connectFailed' ? [event.refused] : []));

  it.each([
    ['an answer means it is up and refused the app', 'resolve', true],
    ['no answer means it is not there', 'reject', false],
  ] as const)('asks the bridge over HTTP: %s', async (_, outcome, upAndRefusing) => {
    const { client, events, probe } = setUp(0.5);
    latestSocket().refuse();
    expect(probe.calls.map((call) => call.url)).toEqual(['http://127.0.0.1:9930/']);
    expect(verdicts(events)).toEqual([]);
    probe.calls[0]![outcome]();
    await flush();
    expect(verdicts(events)).toEqual([upAndRefusing]);
    client.close();
  });

  it('an HTTP request that hangs counts as not there after the connect timeout', async () => {
    const { client, events, timers } = setUp(0.5);
    latestSocket().refuse();
    expect(timers.fire(CONNECT_TIMEOUT)).toBe(true);
    expect(verdicts(events)).toEqual([false]);
    client.close();
  });

  it('keeps retrying while refused, and a connection that opens ends it (the verdict is not replayed)', async () => {
    const { client, events, timers, probe } = setUp(0.5);
    latestSocket().refuse();
    probe.calls[0]!.resolve();
    await flush();
    expect(timers.fire(timers.retryDelays()[0]!)).toBe(true);
    await latestSocket().accept();
    expect(client.connectionState).toBe('open');
    const late: BridgeEvent[] = [];
    client.subscribe((event) => late.push(event));
    expect(late.map((event) => event.type)).not.toContain('connectFailed');
    expect(verdicts(events)).toEqual([true]);
    client.close();
  });

  it('a late probe answer is dropped once a newer attempt opened', async () => {
    const { client, events, timers, probe } = setUp(0.5);
    latestSocket().refuse();
    expect(timers.fire(timers.retryDelays()[0]!)).toBe(true);
    await latestSocket().accept();
    probe.calls[0]!.resolve();
    await flush();
    expect(verdicts(events)).toEqual([]);
    expect(client.connectionState).toBe('open');
    client.close();
  });

  it('close() stops a probe under way: no verdict, no timer left', async () => {
    const { client, events, timers, probe } = setUp(0.5);
    latestSocket().refuse();
    client.close();
    expect(timers.scheduled).toEqual([]);
    probe.calls[0]!.resolve();
    await flush();
    expect(verdicts(events)).toEqual([]);
  });
});
