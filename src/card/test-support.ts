/**
 * Test helpers for the bridge client (Node only; not exported from index.ts): a real bridge over
 * the simulator backend on an ephemeral port, a scripted fake bridge, a WebSocket that sends an
 * allowed Origin, and a recorder for the client's events.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { JSONRPC_PATH } from '../../stb-spec/protocol/names';
import { CardService } from '../../native-bridge/src/bridge/card-service';
import { silentLogger } from '../../native-bridge/src/bridge/logger';
import { BridgeServer } from '../../native-bridge/src/bridge/server';
import { SimulatorBackend } from '../../mocks/dev-bridge/simulator-backend';
import { simulatorMethods } from '../../mocks/dev-bridge/simulator-methods';
import { startOlderSpecFront } from '../../mocks/dev-bridge/older-spec-front';
import { BridgeClient } from './bridge-client';
import type { BridgeClientOptions, WebSocketConstructor } from './client-options';
import { BridgeError } from './errors';
import type { BridgeEvent } from './event-stream';
import { SimulatorControls } from './simulator-controls';

const TEST_ORIGIN = 'http://madoguchi.test';
export const TEST_PINS = { auth: '1234', sign: 'ABC123' };

/** The browser sends Origin by itself; in Node the `ws` client must be told. */
export function originWebSocket(origin = TEST_ORIGIN): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  };
}

export interface TempSimulator {
  sim: SimulatorBackend;
  /** Stops the simulator and removes its test PKI. */
  close(): Promise<void>;
}

/** A simulator backend over a test PKI made in a fresh temp dir (prefix: the dir's name). */
export async function startTempSimulator(prefix: string): Promise<TempSimulator> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const sim = await startSimulator(dir);
  return {
    sim,
    close: async () => {
      sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface TestBridge {
  port: number;
  url: string;
  server: BridgeServer;
  cards: CardService;
  close(): Promise<void>;
}

/** The real bridge (server + dispatcher + CardService) over `sim`, on `port` (0: ephemeral). */
export async function startBridge(
  sim: SimulatorBackend,
  options: { port?: number; token?: string } = {},
): Promise<TestBridge> {
  const cards = new CardService(sim);
  await cards.settled();
  const server = new BridgeServer(cards, {
    port: options.port ?? 0,
    allowedOrigins: [TEST_ORIGIN],
    token: options.token,
    logger: silentLogger,
    extensions: simulatorMethods(sim),
  });
  const port = await server.listen();
  return { port, url: `ws://127.0.0.1:${port}${JSONRPC_PATH}`, server, cards, close: () => server.close() };
}

function startSimulator(pkiDir: string, initialScenario: string | undefined = 'normal') {
  return SimulatorBackend.start({ pkiDir, pins: TEST_PINS, initialScenario });
}

/**
 * A client on a real bridge of spec 1.x (the current one behind the development bridge's 1.x
 * front), connected; `cleanups` gets what stops it all, in the order to run them backwards.
 */
export async function startOlderClient(prefix: string, cleanups: (() => unknown)[]) {
  const simulator = await startTempSimulator(prefix);
  cleanups.push(() => simulator.close());
  const bridge = await startBridge(simulator.sim);
  cleanups.push(() => bridge.close());
  const front = await startOlderSpecFront(0, () => bridge.port);
  cleanups.push(() => front.close());
  const client = testClient(`ws://127.0.0.1:${front.port}${JSONRPC_PATH}`);
  cleanups.push(() => client.close());
  const recorder = new EventRecorder(client);
  await recorder.waitFor(isConnection('open'));
  return { client, recorder, controls: new SimulatorControls(client) };
}

/** The client on a real bridge over a temp simulator, connected, with its events recorded. */
export interface ClientStack {
  simulator: TempSimulator;
  bridge: TestBridge;
  client: BridgeClient;
  recorder: EventRecorder;
  controls: SimulatorControls;
  close(): Promise<void>;
}

export async function startClientStack(prefix: string): Promise<ClientStack> {
  const simulator = await startTempSimulator(prefix);
  const bridge = await startBridge(simulator.sim);
  const client = testClient(bridge.url);
  const recorder = new EventRecorder(client);
  const controls = new SimulatorControls(client);
  await recorder.waitFor(isConnection('open'));
  return {
    simulator,
    bridge,
    client,
    recorder,
    controls,
    close: async () => {
      client.close();
      await bridge.close();
      await simulator.close();
    },
  };
}

/** The rejection of `promise`, which must be a BridgeError. */
export async function bridgeErrorOf(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a BridgeError, the call succeeded');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BridgeError);
  return error as BridgeError;
}

/** A client for tests: Origin set, short backoff, started. */
export function testClient(url: string, options: Partial<BridgeClientOptions> = {}): BridgeClient {
  const client = new BridgeClient({
    WebSocket: originWebSocket(),
    url,
    backoff: { initialMs: 20, maxMs: 200 },
    ...options,
  });
  client.start();
  return client;
}

/** Records every event of a client; `waitFor` finds the next matching one after the last found. */
export class EventRecorder {
  readonly events: BridgeEvent[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];
  readonly stop: () => void;

  constructor(client: BridgeClient) {
    this.stop = client.subscribe((event) => {
      this.events.push(event);
      for (const wake of this.waiters) wake();
    });
  }

  /** Ignores what was recorded so far. */
  skipPast(): void {
    this.cursor = this.events.length;
  }

  waitFor<E extends BridgeEvent>(
    predicate: (event: BridgeEvent) => event is E,
    timeoutMs?: number,
  ): Promise<E>;
  waitFor(predicate: (event: BridgeEvent) => boolean, timeoutMs?: number): Promise<BridgeEvent>;
  waitFor(predicate: (event: BridgeEvent) => boolean, timeoutMs = 5000): Promise<BridgeEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = this.cursor; i < this.events.length; i++) {
          const event = this.events[i]!;
          if (predicate(event)) {
            this.cursor = i + 1;
            finish();
            resolve(event);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
      };
      this.waiters.push(check);
      check();
    });
  }
}

export const isConnection =
  (state: 'connecting' | 'open' | 'closed') =>
  (event: BridgeEvent): boolean =>
    event.type === 'connection' && event.state === state;

export const isStatusEvent =
  (card?: 'absent' | 'present' | 'unsupported' | 'mute') =>
  (event: BridgeEvent): event is Extract<BridgeEvent, { type: 'status' }> =>
    event.type === 'status' && (card === undefined || event.status.readers[0]?.card === card);

export interface FakeRequest {
  id?: number | string;
  method: string;
  params?: unknown;
}

/** How the fake answers one request: an object or raw text to send, or undefined for silence. */
export type FakeHandler = (request: FakeRequest, socket: WebSocket) => object | string | undefined;

/** Answers the handshake (register, getStatus with an empty reader) like a bridge would. */
/** getInfo as a current bridge answers it (the fake's limits are never checked by the client). */
export const FAKE_INFO = {
  specVersion: '2.0',
  protocolVersion: 1,
  implementation: { name: 'fake-bridge', version: '0.0.0' },
  capabilities: ['cardId', 'lastAttemptConfirmation'],
  limits: {},
};

export const handshakeHandler: FakeHandler = (request) => {
  if (request.method === 'MyNumberCard.1.register') return { jsonrpc: '2.0', id: request.id, result: 0 };
  if (request.method === 'MyNumberCard.1.getInfo')
    return { jsonrpc: '2.0', id: request.id, result: FAKE_INFO };
  if (request.method === 'MyNumberCard.1.getStatus') {
    return {
      jsonrpc: '2.0',
      id: request.id,
      result: { readerService: 'running', readers: [{ name: 'Fake', card: 'absent' }] },
    };
  }
  return undefined;
};

export interface FakeBridge {
  url: string;
  server: WebSocketServer;
  received: FakeRequest[];
  close(): Promise<void>;
}

/** A scripted bridge for what the real one never does: stay silent, send garbage. */
export async function startFakeBridge(handler: FakeHandler): Promise<FakeBridge> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: JSONRPC_PATH });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const received: FakeRequest[] = [];
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const request = JSON.parse(String(data)) as FakeRequest;
      received.push(request);
      const reply = handler(request, socket);
      if (reply !== undefined) socket.send(typeof reply === 'string' ? reply : JSON.stringify(reply));
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}${JSONRPC_PATH}`,
    server,
    received,
    close: async () => {
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
