/** Connection life: bridge restarts, calls while disconnected, token and Origin refusals, close(). */
import { createServer } from 'node:net';
import { SIMULATED_READER } from '../../mocks/dev-bridge/simulator-backend';
import { BridgeClient } from './bridge-client';
import { isBridgeError } from './errors';
import type { BridgeEvent } from './event-stream';
import { SimulatorControls } from './simulator-controls';
import {
  EventRecorder,
  isConnection,
  isStatusEvent,
  bridgeErrorOf,
  originWebSocket,
  startBridge,
  startTempSimulator,
  testClient,
  type TempSimulator,
  type TestBridge,
} from './test-support';

let simulator: TempSimulator;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  simulator = await startTempSimulator('madoguchi-card-reconnect-');
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await simulator.close();
});

async function bridgeOn(port = 0, token?: string): Promise<TestBridge> {
  const bridge = await startBridge(simulator.sim, { port, token });
  cleanups.push(() => bridge.close());
  return bridge;
}

function clientFor(url: string, options: ConstructorParameters<typeof BridgeClient>[0] = {}) {
  const client = testClient(url, options);
  cleanups.push(() => client.close());
  return { client, recorder: new EventRecorder(client) };
}

/** A port nothing listens on (taken from the OS, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when `promise` settles on microtasks alone, before any timer could fire. */
async function settlesBeforeAnyTimer(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

it('reconnects to a restarted bridge: fresh status, registration renewed, calls fail fast meanwhile', async () => {
  await simulator.sim.insertCard('normal');
  const first = await bridgeOn();
  const { client, recorder } = clientFor(first.url);
  await recorder.waitFor(isConnection('open'));
  expect(client.status?.token).toBe('JPKIAPICCTOKEN2');

  await first.close();
  await recorder.waitFor(isConnection('closed'));
  expect(client.status).toBeUndefined(); // no stale card status while the bridge is away
  const pending = client.getPinStatus('auth');
  expect(await settlesBeforeAnyTimer(pending)).toBe(true); // no waiting for a call timeout
  const error = await bridgeErrorOf(pending);
  expect(isBridgeError(error, 'BRIDGE_UNAVAILABLE') && error.details.reason).toBe('not-connected');

  simulator.sim.removeCard(); // changes while no bridge runs must show after the reconnection
  recorder.skipPast();
  await bridgeOn(first.port);
  const refreshed = await recorder.waitFor(isStatusEvent('absent'));
  expect(refreshed.status).toEqual({
    readerService: 'running',
    readers: [{ name: SIMULATED_READER, card: 'absent' }],
  });
  await recorder.waitFor(isConnection('open'));

  // Notifications reach the client again, so the new bridge holds its registration.
  await new SimulatorControls(client).insertCard('normal');
  await recorder.waitFor(isStatusEvent('present'));
});

it('fails calls at once before start, while no bridge listens, and after close', async () => {
  const port = await freePort();
  const client = new BridgeClient({ WebSocket: originWebSocket(), url: `ws://127.0.0.1:${port}/jsonrpc` });
  cleanups.push(() => client.close());
  const before = await bridgeErrorOf(client.getStatus());
  expect(before.details).toEqual({ reason: 'not-connected' });

  client.start();
  const recorder = new EventRecorder(client);
  await recorder.waitFor(isConnection('closed')); // the first attempt was refused
  const signing = client.sign({ key: 'auth', pin: '1234', digest: new Uint8Array(32) });
  expect(await settlesBeforeAnyTimer(signing)).toBe(true);
  expect((await bridgeErrorOf(signing)).kind).toBe('BRIDGE_UNAVAILABLE');

  client.close();
  expect((await bridgeErrorOf(client.getStatus())).details).toEqual({ reason: 'closed' });
});

it('keeps retrying with backoff until a bridge appears', async () => {
  const port = await freePort();
  const { recorder } = clientFor(`ws://127.0.0.1:${port}/jsonrpc`);
  await wait(150);
  const attempts = recorder.events.filter(isConnection('connecting')).length;
  expect(attempts).toBeGreaterThanOrEqual(2);
  await bridgeOn(port);
  await recorder.waitFor(isConnection('open'), 2000);
});

it('close() stops reconnecting and fails calls in flight', async () => {
  await simulator.sim.insertCard('normal');
  const bridge = await bridgeOn();
  const { client, recorder } = clientFor(bridge.url);
  await recorder.waitFor(isConnection('open'));
  const inFlight = client.sign({ key: 'auth', pin: '1234', digest: new Uint8Array(32) });
  client.close();
  expect((await bridgeErrorOf(inFlight)).details).toEqual({ reason: 'closed' });
  expect(client.connectionState).toBe('closed');
  expect(recorder.events.slice(-1)).toEqual([{ type: 'connection', state: 'closed' }]);
  const seen = recorder.events.length;
  await wait(100);
  expect(recorder.events.slice(seen)).toEqual([]); // no reconnection attempt
});

it('start() after close() connects again (the box brought a suspended app back)', async () => {
  await simulator.sim.insertCard('normal');
  const bridge = await bridgeOn();
  const { client, recorder } = clientFor(bridge.url);
  await recorder.waitFor(isConnection('open'));
  client.close();
  await recorder.waitFor(isConnection('closed'));
  client.start();
  await recorder.waitFor(isConnection('open'));
  expect(client.connectionState).toBe('open');
  expect((await client.getStatus()).readers.length).toBeGreaterThan(0);
});

it('passes the token in the URL; without it, or from a foreign Origin, the bridge refuses', async () => {
  const token = 'tok/en+ with spaces';
  const bridge = await bridgeOn(0, token);
  const good = clientFor(bridge.url, { token });
  await good.recorder.waitFor(isConnection('open'));

  const noToken = clientFor(bridge.url);
  const wrongToken = clientFor(bridge.url, { token: `${token}x` });
  const foreign = clientFor(bridge.url, { token, WebSocket: originWebSocket('http://evil.example') });
  for (const { recorder } of [noToken, wrongToken, foreign]) {
    // Up, but turned away: the client says so (not "down"), and keeps trying.
    await expect(recorder.waitFor(isConnectFailed)).resolves.toEqual({
      type: 'connectFailed',
      refused: true,
    });
  }
  await wait(150);
  for (const { client, recorder } of [noToken, wrongToken, foreign]) {
    expect(client.connectionState).not.toBe('open');
    expect(recorder.events.filter(isConnection('connecting')).length).toBeGreaterThanOrEqual(2);
    expect(recorder.events.filter(isConnectFailed).every((event) => event.refused)).toBe(true);
  }
});

it('tells a bridge that is not there from one that refuses, and forgets it once connected', async () => {
  const port = await freePort();
  const { client, recorder } = clientFor(`ws://127.0.0.1:${port}/jsonrpc`, { token: 'right' });
  await expect(recorder.waitFor(isConnectFailed)).resolves.toEqual({ type: 'connectFailed', refused: false });
  await bridgeOn(port, 'right');
  await recorder.waitFor(isConnection('open'), 3000);
  const late: BridgeEvent[] = [];
  client.subscribe((event) => late.push(event));
  expect(late.map((event) => event.type).sort()).toEqual(['connection', 'status']);
});

const isConnectFailed = (event: BridgeEvent): event is Extract<BridgeEvent, { type: 'connectFailed' }> =>
  event.type === 'connectFailed';
