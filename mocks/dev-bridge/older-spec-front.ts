/**
 * A bridge of document version 1.x at `port`, for the version-skew tests: the current bridge runs
 * behind it on a loopback port of its own, and every message in between is read as 1.x reads it
 * (older-spec.ts). The upgrade goes on as the client offered it (Origin, token), so the bridge
 * behind decides it, and a refusal reaches the client with its status.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { OlderConnection, refusedByOlder, type Json } from './older-spec';

export async function startOlderSpecFront(
  port: number,
  /** The bridge behind, once a client connects (it may start after the front listens). */
  behind: () => number | undefined,
): Promise<{ port: number; close(): Promise<void> }> {
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((_request, response) => response.writeHead(426).end());
  let ownPort = 0;
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const bridgePort = behind();
    if (bridgePort === undefined) return void socket.destroy();
    const host = request.headers.host;
    const isOwn = host !== undefined && [`127.0.0.1:${ownPort}`, `localhost:${ownPort}`].includes(host);
    const up = new WebSocket(`ws://127.0.0.1:${bridgePort}${request.url ?? '/'}`, {
      ...(request.headers.origin === undefined ? {} : { origin: request.headers.origin }),
      // A Host naming the front names the bridge behind; any other is for the bridge to refuse.
      headers: { host: isOwn ? `127.0.0.1:${bridgePort}` : (host ?? '') },
    });
    up.once('unexpected-response', (_req, response) => {
      socket.end(
        `HTTP/1.1 ${response.statusCode ?? 400} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      up.terminate();
    });
    up.once('error', () => socket.destroy());
    up.once('open', () => wss.handleUpgrade(request, socket, head, (client) => relay(client, up)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  ownPort = (server.address() as AddressInfo).port;
  return {
    port: ownPort,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function relay(client: WebSocket, up: WebSocket): void {
  const methods = new Map<unknown, string>();
  const older = new OlderConnection((id) => methods.get(id));
  const send = (to: WebSocket, message: unknown) =>
    to.readyState === WebSocket.OPEN && to.send(JSON.stringify(message));
  client.on('error', () => undefined);
  up.on('error', () => undefined);
  client.on('message', (data, binary) => {
    const request = parseObject(data);
    if (request && typeof request.method === 'string' && request.id !== undefined) {
      const refusal = refusedByOlder(request);
      if (refusal) return void send(client, refusal);
      methods.set(request.id, request.method);
    }
    // Anything else, malformed frames included, is the bridge's to answer.
    if (up.readyState === WebSocket.OPEN) up.send(data as Buffer, { binary });
  });
  up.on('message', (data) => {
    const message = parseObject(data);
    const out = message ? older.fromBridge(message) : undefined;
    if (message?.id !== undefined) methods.delete(message.id);
    if (out) send(client, out);
  });
  client.on('close', () => up.close());
  up.on('close', (code) => {
    if (code >= 1000 && code <= 4999 && ![1004, 1005, 1006].includes(code)) client.close(code);
    else client.terminate();
  });
}

function parseObject(data: RawData): Json | undefined {
  try {
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString(
      'utf8',
    );
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}
