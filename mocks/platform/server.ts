/**
 * The platform simulator over real HTTP: Node's http server turns each request into a fetch
 * `Request`, runs it through the same msw handlers as the tests (msw's getResponse), and adds CORS
 * for the TV app's origin(s).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { CLIENT_ADDRESS_HEADER, createPlatformHandlers, errorResponse, problemResponse } from './handlers';
import { ProblemError } from './simulator/problem';
import type { PlatformSimulator } from './simulator/simulator';
import type { PhoneLogin } from './simulator/pairing/phone-login';

export interface PlatformServerOptions {
  simulator: PlatformSimulator;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Origins allowed by CORS ('*' allows any). */
  allowOrigins?: string[];
  onError?: (error: unknown) => void;
  /** The /__simulator/ routes, answering only to this token (default: none). */
  simulatorControls?: { token: string };
  /** Where phones reach the platform: the pairing page's address (default: the request's origin). */
  publicUrl?: string;
  /** The readerless login through デジタル認証アプリ (absent: not offered). */
  phoneLogin?: () => PhoneLogin | undefined;
  /** How often due address-change deliveries run (default 1 s; 0: never, the caller runs them). */
  deliveryIntervalMs?: number;
}

export interface RunningPlatformServer {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';
// X-Pairing-*: the TV's pairing token and box, beside the session (sending to the paired phone).
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Pairing-Token, X-Pairing-Box';
// Date: the app judges token expiry on the platform's clock, whatever the box's clock says.
const EXPOSED_HEADERS = 'WWW-Authenticate, Retry-After, Date';

function corsHeaders(origin: string | undefined, allowOrigins: readonly string[]): Record<string, string> {
  if (!origin) return {};
  const allowed = allowOrigins.includes('*') || allowOrigins.includes(origin);
  if (!allowed) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin',
  };
}

async function readBody(request: http.IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ProblemError(413, 'VALIDATION_FAILED', 'the body is too large');
    chunks.push(chunk as Buffer);
  }
  return size > 0 ? Buffer.concat(chunks) : undefined;
}

function toFetchRequest(request: http.IncomingMessage, base: string, body: Buffer | undefined): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === CLIENT_ADDRESS_HEADER) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  // The per-client limits count by the address the connection came from, never by a header the
  // client chose.
  headers.set(CLIENT_ADDRESS_HEADER, request.socket.remoteAddress ?? 'unknown');
  const method = request.method ?? 'GET';
  return new Request(new URL(request.url ?? '/', base), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' || !body ? undefined : new Uint8Array(body).buffer,
  });
}

async function send(
  response: http.ServerResponse,
  fetchResponse: Response,
  extraHeaders: Record<string, string>,
): Promise<void> {
  const headers: Record<string, string> = { ...extraHeaders };
  fetchResponse.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = Buffer.from(await fetchResponse.arrayBuffer());
  response.writeHead(fetchResponse.status, headers);
  response.end(body);
}

export async function startPlatformServer(options: PlatformServerOptions): Promise<RunningPlatformServer> {
  const allowOrigins = options.allowOrigins ?? [];
  const handlers = createPlatformHandlers(options.simulator, {
    onError: options.onError,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.phoneLogin ? { phoneLogin: options.phoneLogin } : {}),
    ...(options.simulatorControls ? { simulatorControls: options.simulatorControls } : {}),
  });
  let base = 'http://127.0.0.1';

  const server = http.createServer((request, response) => {
    const origin = request.headers.origin;
    const cors = corsHeaders(origin, allowOrigins);
    void (async () => {
      try {
        if (request.method === 'OPTIONS') {
          // Preflight: only for allowed origins; others get no CORS headers and the browser refuses.
          const status = origin && cors['Access-Control-Allow-Origin'] ? 204 : 403;
          response.writeHead(status, {
            ...cors,
            ...(status === 204
              ? {
                  'Access-Control-Allow-Methods': ALLOWED_METHODS,
                  'Access-Control-Allow-Headers': ALLOWED_HEADERS,
                  'Access-Control-Max-Age': '600',
                }
              : {}),
          });
          response.end();
          return;
        }
        const body = await readBody(request);
        let fetchRequest: Request;
        try {
          fetchRequest = toFetchRequest(request, base, body);
        } catch {
          // Node's parser lets through targets and header values that fetch's URL/Headers refuse.
          throw new ProblemError(400, 'VALIDATION_FAILED', 'the request target or a header is not valid');
        }
        try {
          // msw decodes path parameters and throws on a percent-encoding that is not UTF-8.
          decodeURIComponent(new URL(fetchRequest.url).pathname);
        } catch {
          throw new ProblemError(400, 'VALIDATION_FAILED', 'the path is not percent-encoded UTF-8');
        }
        const answer =
          (await getResponse(handlers, fetchRequest)) ??
          problemResponse(new ProblemError(404, 'NOT_FOUND', `${request.method} ${request.url}`).problem);
        await send(response, answer, cors);
      } catch (error) {
        const answer = errorResponse(error, options.onError);
        if (!response.headersSent) await send(response, answer, cors);
        else response.destroy();
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const deliveryInterval = options.deliveryIntervalMs ?? 1000;
  const deliveries =
    deliveryInterval > 0
      ? setInterval(
          () => void options.simulator.addressChangeDesk.delivery.runDue().catch(options.onError),
          deliveryInterval,
        )
      : undefined;
  deliveries?.unref();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  base = `http://${host}:${address.port}`;
  return {
    url: base,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (deliveries) clearInterval(deliveries);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
