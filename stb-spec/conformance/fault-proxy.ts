/**
 * For the kit's own tests: a WebSocket proxy in front of a bridge that passes everything through
 * faithfully (the upgrade's answer included) unless a fault says otherwise. A fault can decide the
 * upgrade, rewrite or answer the client's frames, and rewrite the bridge's messages knowing which
 * call they answer. The reference bridge behind a faithful proxy is a conformant bridge at the
 * proxy's address; with one fault it is a bridge with one realistic bug.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { LIMITS } from '../protocol/names';

/** What the client offered in its upgrade; the same shape is sent on to the bridge. */
interface Upgrade {
  path: string;
  origin: string | undefined;
  token: string | null;
  host: string | undefined;
}

export interface Call {
  id: unknown;
  method: string;
  params: Record<string, unknown> | undefined;
}

export interface ProxyConnection {
  readonly number: number;
  /** The calls this connection sent, by id, with their params. */
  readonly calls: Map<unknown, Call>;
  toClient(message: unknown): void;
  toBridge(message: unknown): void;
  close(code: number): void;
}

export type Message = Record<string, unknown> & {
  id?: unknown;
  error?: { code: number; message: string; data?: unknown };
};

export interface Fault {
  /**
   * The upgrade to forward (default: the offered one, Host mapped to the bridge), a status to refuse
   * with, or a whole raw HTTP answer.
   */
  upgrade?(offered: Upgrade, forward: Upgrade, openConnections: number): Upgrade | number | string;
  /** A client frame: return it (changed or not) to forward, or null when the fault dealt with it. */
  fromClient?(
    frame: { text: string; binary: boolean },
    connection: ProxyConnection,
  ): { text: string; binary: boolean } | null;
  /** A message of the bridge: return the messages to send instead (none: drop it). */
  fromBridge?(
    message: Message,
    call: Call | undefined,
    connection: ProxyConnection,
    all: ProxyConnection[],
  ): Message[];
  /** The proxy answers WebSocket pings itself unless this is false. */
  autoPong?: boolean;
  /**
   * The most the proxy queues for a client that does not read before it closes that connection with
   * 1008, as a bridge must (BR-TRN-11; it reads the bridge eagerly, so the bridge's own bound never
   * applies behind it). Default LIMITS.maxUnreadBytes.
   */
  unreadCap?: number;
  /** The proxy hides the reference bridge's simulator extension (as a production bridge has none). */
  hideSimulator?: boolean;
}

export interface FaultProxy {
  url: string;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};

function refuse(socket: Socket, status: number): void {
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

function text(data: RawData): string {
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8');
}

export async function startFaultProxy(bridgeUrl: string, fault: Fault = {}): Promise<FaultProxy> {
  const bridge = new URL(bridgeUrl);
  const wss = new WebSocketServer({ noServer: true, autoPong: fault.autoPong ?? true });
  const server = createServer((_request, response) => response.writeHead(426).end());
  const connections: ProxyConnection[] = [];
  const upstreams = new Set<WebSocket>();
  let port = 0;
  let next = 1;

  const forwardOf = (offered: Upgrade): Upgrade => {
    const own = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    const host =
      offered.host !== undefined && own.has(offered.host.toLowerCase()) ? bridge.host : offered.host;
    return { ...offered, host };
  };

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = new URL(request.url ?? '/', 'ws://proxy');
    const offered: Upgrade = {
      path: target.pathname,
      origin: request.headers.origin,
      token: target.searchParams.get('token'),
      host: request.headers.host,
    };
    // Node lets an upgrade without Host through; a bridge refuses it (BR-SEC-6), so the proxy does.
    if (offered.host === undefined) return refuse(socket, 400);
    const decided = fault.upgrade
      ? fault.upgrade(offered, forwardOf(offered), connections.length)
      : forwardOf(offered);
    if (typeof decided === 'number') return refuse(socket, decided);
    if (typeof decided === 'string') return void socket.end(decided);
    const upstreamUrl = new URL(bridgeUrl);
    upstreamUrl.pathname = decided.path;
    if (decided.token !== null) upstreamUrl.searchParams.set('token', decided.token);
    const up = new WebSocket(upstreamUrl, {
      ...(decided.origin === undefined ? {} : { origin: decided.origin }),
      headers: decided.host === undefined ? {} : { host: decided.host },
    });
    upstreams.add(up);
    up.once('unexpected-response', (_req, response) => {
      refuse(socket, response.statusCode ?? 400);
      up.terminate();
    });
    up.once('error', () => socket.destroy());
    up.once('open', () => wss.handleUpgrade(request, socket, head, (ws) => pipe(ws, up)));
  });

  function pipe(ws: WebSocket, up: WebSocket): void {
    const connection: ProxyConnection = {
      number: next++,
      calls: new Map(),
      toClient: (message) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        const text = JSON.stringify(message);
        if (ws.bufferedAmount + Buffer.byteLength(text) > (fault.unreadCap ?? LIMITS.maxUnreadBytes))
          ws.close(1008, 'output not read');
        else ws.send(text);
      },
      toBridge: (message) => up.readyState === WebSocket.OPEN && up.send(JSON.stringify(message)),
      close: (code) => ws.close(code),
    };
    connections.push(connection);
    // Invalid UTF-8 fails the client's connection with 1007 (ws does that); nothing else to do.
    ws.on('error', () => undefined);
    up.on('error', () => undefined);
    ws.on('message', (data, binary) => {
      let frame: { text: string; binary: boolean } | null = { text: text(data), binary };
      try {
        const parsed = JSON.parse(frame.text) as Partial<Call>;
        if (parsed && typeof parsed.method === 'string' && parsed.id !== undefined) {
          connection.calls.set(parsed.id, parsed as Call);
          if (fault.hideSimulator && parsed.method.startsWith('MyNumberCardSimulator.')) {
            const error = { code: -32601, message: 'Method not found' };
            connection.toClient({ jsonrpc: '2.0', id: parsed.id, error });
            return;
          }
        }
      } catch {
        // not JSON: the bridge answers it
      }
      if (fault.fromClient) frame = fault.fromClient(frame, connection);
      if (frame && up.readyState === WebSocket.OPEN) up.send(frame.text, { binary: frame.binary });
    });
    up.on('message', (data) => {
      const message = JSON.parse(text(data)) as Message;
      const call = message.id === undefined ? undefined : connection.calls.get(message.id);
      const out = fault.fromBridge ? fault.fromBridge(message, call, connection, connections) : [message];
      for (const each of out) connection.toClient(each);
    });
    ws.on('close', () => {
      connections.splice(connections.indexOf(connection), 1);
      up.close();
    });
    up.on('close', (code) => {
      if (code >= 1000 && code <= 4999 && ![1004, 1005, 1006].includes(code)) ws.close(code);
      else ws.terminate();
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}${bridge.pathname}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      for (const up of upstreams) up.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
