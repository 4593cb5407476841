/**
 * The card bridge's WebSocket server, RDK Thunder style: `ws://127.0.0.1:<port>/jsonrpc`, loopback
 * only, upgrade refused with 403 unless the Host is the bridge's own loopback address, the Origin is
 * allowed and the token matches (when one is set). Connections, calls awaiting an answer and message
 * rates are bounded, so one flooding client cannot starve the app; so is the output queued for a
 * client that does not read it (BR-TRN-11). Each connection keeps its own statusChanged registrations.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Status } from '../../../stb-spec/protocol/methods';
import { JSONRPC_PATH, LIMITS, STATUS_CHANGED } from '../../../stb-spec/protocol/names';
import type { CardService } from './card-service';
import { Confirmations } from './confirmations';
import { Dispatcher, type Extensions, type Subscriptions } from './dispatcher';
import type { Logger } from './logger';

export interface BridgeServerOptions {
  port: number;
  /** Loopback only; anything else is refused at start. */
  host?: string;
  allowedOrigins: string[];
  token?: string;
  logger: Logger;
  /** Methods beyond the protocol, e.g. the simulator's card controls. */
  extensions?: Extensions;
  /** The clock of the one-time confirmations and the rate window (tests move it). */
  now?: () => number;
}

/** WebSocket close code "policy violation". */
const CLOSE_POLICY_VIOLATION = 1008;

/** Frames above this close the connection (ws 1009); between 64 KiB and this they get an error reply. */
const HARD_FRAME_LIMIT = 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export class BridgeServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly dispatcher: Dispatcher;
  private readonly subscribers = new Map<WebSocket, Set<string>>();
  private readonly connectionNumbers = new WeakMap<WebSocket, number>();
  private readonly now: () => number;
  private nextConnection = 1;
  private port = 0;

  constructor(
    private readonly cards: CardService,
    private readonly options: BridgeServerOptions,
  ) {
    const host = options.host ?? '127.0.0.1';
    if (!LOOPBACK.has(host)) throw new Error(`the bridge binds to loopback only, not ${host}`);
    this.now = options.now ?? Date.now;
    this.dispatcher = new Dispatcher(cards, options.logger, options.extensions, new Confirmations(this.now));
    this.http = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket upgrade required\n');
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT });
    this.http.on('upgrade', (request, socket, head) => {
      const refusal = this.refusal(request);
      if (refusal) {
        options.logger.log('warn', 'upgrade refused', {
          origin: String(request.headers.origin ?? ''),
          reason: refusal,
        });
        socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    });
    cards.on('statusChanged', (status) => this.broadcast(status));
  }

  async listen(): Promise<number> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, host, () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    this.port = port;
    this.options.logger.log('info', 'listening', { host, port });
    return port;
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private refusal(request: IncomingMessage): string | undefined {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'ws://bridge');
    } catch {
      return '400 Bad Request'; // a request target no URL parser accepts, e.g. "//["
    }
    if (url.pathname !== JSONRPC_PATH) return '404 Not Found';
    // A page on a rebound DNS name reaches 127.0.0.1 with its own name as Host: refuse it before anything else.
    if (!isOwnHost(request.headers.host, this.port)) return '403 Forbidden';
    const origin = request.headers.origin;
    if (!origin || !this.options.allowedOrigins.includes(origin)) return '403 Forbidden';
    if (this.options.token !== undefined && !sameSecret(url.searchParams.get('token'), this.options.token)) {
      return '403 Forbidden';
    }
    if (this.subscribers.size >= LIMITS.maxConnections) return '503 Service Unavailable';
    return undefined;
  }

  private accept(ws: WebSocket): void {
    const connection = this.nextConnection++;
    const ids = new Set<string>();
    this.subscribers.set(ws, ids);
    this.connectionNumbers.set(ws, connection);
    this.options.logger.log('info', 'connected', { connection, clients: this.subscribers.size });
    const subscriptions: Subscriptions = {
      register: (id) => {
        if (!ids.has(id) && ids.size >= LIMITS.maxRegistrations) return false;
        ids.add(id);
        return true;
      },
      unregister: (id) => ids.delete(id),
    };
    let pending = 0;
    const arrivals: number[] = [];

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const now = this.now();
      arrivals.push(now);
      while (arrivals.length > 0 && arrivals[0]! <= now - 1000) arrivals.shift();
      if (pending >= LIMITS.maxPendingCalls || arrivals.length > LIMITS.maxMessagesPerSecond) {
        if (ws.readyState !== ws.OPEN) return;
        this.options.logger.log('warn', 'connection closed: too many messages', { connection });
        ws.close(CLOSE_POLICY_VIOLATION, 'too many messages');
        return;
      }
      pending++;
      void this.onMessage(ws, data, isBinary, subscriptions, connection).finally(() => pending--);
    });
    // ws answers a ping with a pong by itself: a client that pings and never reads fills the queue too.
    ws.on('ping', () => {
      if (ws.bufferedAmount > LIMITS.maxUnreadBytes) this.closeUnread(ws);
    });
    ws.on('close', () => {
      this.subscribers.delete(ws);
      this.dispatcher.closed(connection);
      this.options.logger.log('info', 'disconnected', { connection, clients: this.subscribers.size });
    });
    ws.on('error', (error) =>
      this.options.logger.log('warn', 'socket error', { connection, reason: error.name }),
    );
  }

  private async onMessage(
    ws: WebSocket,
    data: RawData,
    isBinary: boolean,
    subs: Subscriptions,
    connection: number,
  ) {
    const frame = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const reply = await this.dispatcher.handle(frame, subs, connection, isBinary);
    if (reply) this.deliver(ws, JSON.stringify(reply));
  }

  /**
   * Sends one message whole and in order, unless that would leave more than maxUnreadBytes queued
   * for a client that does not read: then the connection is closed instead (BR-TRN-11). Nothing is
   * dropped or reordered before that; the close frame follows the queued messages.
   */
  private deliver(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount + Buffer.byteLength(text) > LIMITS.maxUnreadBytes) {
      this.closeUnread(ws);
      return;
    }
    ws.send(text);
  }

  private closeUnread(ws: WebSocket): void {
    if (ws.readyState !== ws.OPEN) return;
    this.options.logger.log('warn', 'connection closed: output not read', {
      connection: this.connectionNumbers.get(ws),
    });
    ws.close(CLOSE_POLICY_VIOLATION, 'output not read');
  }

  private broadcast(status: Status): void {
    for (const [ws, ids] of this.subscribers) {
      for (const id of ids)
        this.deliver(
          ws,
          JSON.stringify({ jsonrpc: '2.0', method: `${id}.${STATUS_CHANGED}`, params: status }),
        );
    }
    this.options.logger.log('info', 'status changed', {
      readers: status.readers.length,
      cards: status.readers.map((reader) => `${reader.name}: ${reader.card}`).join(', '),
      reason: `reader service ${status.readerService}`,
      token: status.token ? 'present' : 'absent',
      clients: this.subscribers.size,
    });
  }
}

/** The Host header names this bridge: its loopback address and port (`localhost` in any case). */
function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const own = [`127.0.0.1:${port}`, `[::1]:${port}`, `localhost:${port}`];
  return own.includes(host) || host.toLowerCase() === `localhost:${port}`;
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
