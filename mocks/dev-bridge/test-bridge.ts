/** Test fixture: a real bridge (simulator backend) on an ephemeral loopback port, and a JSON-RPC test client. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CardService } from '../../native-bridge/src/bridge/card-service';
import { jsonLogger } from '../../native-bridge/src/bridge/logger';
import { BridgeServer } from '../../native-bridge/src/bridge/server';
import { serveReaders } from '../../native-bridge/src/bridge/served-readers';
import { WithForeignReader } from '../virtual-card/foreign-reader';
import { SimulatorBackend } from './simulator-backend';
import { simulatorMethods } from './simulator-methods';

export const ORIGIN = 'http://127.0.0.1:8080';

export interface TestBridge {
  url: string;
  simulator: SimulatorBackend;
  /** With `foreignCard`: the second reader and the foreign card in it. */
  foreign?: WithForeignReader;
  cards: CardService;
  logs: string[];
  close(): Promise<void>;
}

export async function startTestBridge(
  options: {
    pkiDir?: string;
    token?: string;
    scenario?: string;
    now?: () => number;
    /** A second reader with a card that is not a My Number Card (a B-CAS stand-in). */
    foreignCard?: boolean;
    /** Serve only these readers, by stable name (the bridge's --reader). */
    readers?: string[];
  } = {},
) {
  const pkiDir = options.pkiDir ?? mkdtempSync(join(tmpdir(), 'madoguchi-bridge-pki-'));
  const simulator = await SimulatorBackend.start({
    pkiDir,
    pins: { auth: '1234', sign: 'ABC123' },
    initialScenario: options.scenario ?? 'normal',
  });
  const foreign = options.foreignCard ? new WithForeignReader(simulator) : undefined;
  const cards = new CardService(serveReaders(foreign ?? simulator, options.readers));
  const logs: string[] = [];
  const server = new BridgeServer(cards, {
    port: 0,
    allowedOrigins: [ORIGIN],
    token: options.token,
    logger: jsonLogger((line) => logs.push(line), 'debug'),
    extensions: simulatorMethods(simulator),
    now: options.now,
  });
  const port = await server.listen();
  return {
    url: `ws://127.0.0.1:${port}/jsonrpc`,
    simulator,
    foreign,
    cards,
    logs,
    close: () => server.close(),
  } satisfies TestBridge;
}

/** A raw JSON-RPC client that also collects notifications, for asserting on the wire format. */
export class RawClient {
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly pending = new Map<unknown, (message: Record<string, unknown>) => void>();
  private readonly orphans: Record<string, unknown>[] = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.method) this.notifications.push(message as { method: string; params: unknown });
      else if (this.pending.has(message.id)) this.pending.get(message.id)!(message);
      else this.orphans.push(message);
    });
  }

  static connect(url: string, origin = ORIGIN, headers: Record<string, string> = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { origin, headers });
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  /** Calls `MyNumberCard.1.<method>` (or a fully qualified name) and resolves with the whole response. */
  call(method: string, params?: unknown): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const qualified = method.includes('.') ? method : `MyNumberCard.1.${method}`;
    return this.send(
      { jsonrpc: '2.0', id, method: qualified, ...(params === undefined ? {} : { params }) },
      id,
    );
  }

  send(message: unknown, id: unknown): Promise<Record<string, unknown>> {
    return this.sendRaw(JSON.stringify(message), id);
  }

  /** Sends any frame; resolves with the response carrying `id` (null for parse errors). */
  sendRaw(frame: string | Buffer, id: unknown, binary = false): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      const orphan = this.orphans.findIndex((m) => m.id === id);
      if (orphan >= 0) return resolve(this.orphans.splice(orphan, 1)[0]!);
      this.pending.set(id, (message) => {
        this.pending.delete(id);
        resolve(message);
      });
      this.ws.send(frame, { binary });
    });
  }

  close(): void {
    this.ws.close();
  }
}
