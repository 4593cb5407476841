/**
 * Platform faults for every operation of api/platform.openapi.yaml, through the SDK's HTTP layer
 * (PlatformHttp, what every resource of PlatformClient sends through): 500, 503 with Retry-After,
 * a hang (→ the SDK's timeout), a truncated JSON body, an HTML body, 401 TOKEN_EXPIRED. Each ends
 * in a typed PlatformError with a code and ja/en messages; only retry-safe requests (GET, DELETE,
 * POST with Idempotency-Key) are sent again, and only after failures that may pass.
 */
import path from 'node:path';
import { bundle, createConfig } from '@redocly/openapi-core';
import { PlatformError } from '../../src/platform/errors';
import { PlatformHttp, isRetrySafe, type HttpMethod, type HttpRequest } from '../../src/platform/http';
import { DEFAULT_RETRY } from '../../src/platform/retry';

const DOCUMENT = path.resolve(__dirname, '../../api/platform.openapi.yaml');
const TIMEOUT_MS = 50;

interface Operation {
  id: string;
  request: HttpRequest;
}

interface Fault {
  name: string;
  /** The response, or undefined for a hang (until the SDK aborts). */
  respond: (() => Response) | undefined;
  code: string;
  /** May pass if tried again (so retry-safe requests are retried). */
  retryable: boolean;
}

const json = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'application/problem+json', ...headers } });

const FAULTS: Fault[] = [
  {
    name: '500',
    respond: () => json(500, '{"type":"about:blank","title":"Internal","status":500}'),
    code: 'PLATFORM_UNAVAILABLE',
    retryable: false,
  },
  {
    name: '503 + Retry-After',
    respond: () => json(503, '', { 'Retry-After': '2' }),
    code: 'PLATFORM_UNAVAILABLE',
    retryable: true,
  },
  { name: 'hang', respond: undefined, code: 'TIMEOUT', retryable: true },
  {
    name: 'truncated JSON',
    respond: () =>
      new Response('{"checkups":[{"id":', { status: 200, headers: { 'content-type': 'application/json' } }),
    code: 'UNEXPECTED_RESPONSE',
    retryable: false,
  },
  {
    name: 'text/html 200',
    respond: () =>
      new Response('<html><body>Gateway</body></html>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      }),
    code: 'UNEXPECTED_RESPONSE',
    retryable: false,
  },
  {
    name: '401 TOKEN_EXPIRED',
    respond: () =>
      json(
        401,
        JSON.stringify({ type: 'about:blank', title: 'expired', status: 401, code: 'TOKEN_EXPIRED' }),
      ),
    code: 'TOKEN_EXPIRED',
    retryable: false,
  },
];

let operations: Operation[] = [];

beforeAll(async () => {
  const config = await createConfig({ extends: ['recommended'], rules: { 'no-server-example.com': 'off' } });
  const { bundle: document } = await bundle({ ref: DOCUMENT, config });
  const paths = (
    document.parsed as {
      paths: Record<
        string,
        Record<string, { operationId?: string; parameters?: { name: string; in: string }[] }>
      >;
    }
  ).paths;
  for (const [template, item] of Object.entries(paths)) {
    for (const [verb, operation] of Object.entries(item)) {
      if (!['get', 'post', 'delete'].includes(verb)) continue;
      const headers: Record<string, string> = {};
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key')
          headers[parameter.name] = 'key-1';
      }
      operations.push({
        id: operation.operationId ?? `${verb} ${template}`,
        request: {
          method: verb.toUpperCase() as HttpMethod,
          path: template.replace(/\{[^}]+\}/g, 'x1'),
          headers: { Authorization: 'Bearer at', ...headers },
          ...(verb === 'post' ? { body: { probe: true } } : {}),
        },
      });
    }
  }
  operations = operations.sort((a, b) => a.id.localeCompare(b.id));
});

test('the OpenAPI document has operations of every kind', () => {
  expect(operations.length).toBeGreaterThanOrEqual(15);
  expect(operations.some((op) => op.request.method === 'POST' && isRetrySafe(op.request))).toBe(true);
  expect(operations.some((op) => op.request.method === 'POST' && !isRetrySafe(op.request))).toBe(true);
});

describe.each(FAULTS)('fault $name on every operation', (fault) => {
  test('typed error with ja/en messages; retried only when safe and worth it', async () => {
    const rows: string[] = [];
    for (const { id, request } of operations) {
      let calls = 0;
      const sleeps: number[] = [];
      const http = new PlatformHttp({
        baseUrl: 'http://platform.test',
        timeoutMs: TIMEOUT_MS,
        retry: DEFAULT_RETRY,
        random: () => 0.5,
        sleep: async (ms) => void sleeps.push(ms),
        fetch: async (_input, init) => {
          calls++;
          if (fault.respond) return fault.respond();
          return new Promise<Response>((_resolve, reject) =>
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
          );
        },
      });
      const error = await http.send(request).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      const expectedCalls = fault.retryable && isRetrySafe(request) ? DEFAULT_RETRY.maxAttempts : 1;
      const row = {
        id,
        typed: error instanceof PlatformError,
        code: (error as PlatformError | undefined)?.code,
        messages: Boolean(
          (error as PlatformError | undefined)?.messageJa && (error as PlatformError).messageEn,
        ),
        calls,
      };
      expect(row).toEqual({ id, typed: true, code: fault.code, messages: true, calls: expectedCalls });
      // Retry-After is honoured (up to the policy's ceiling).
      if (fault.name.startsWith('503') && calls > 1) expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(2000);
      rows.push(`${id}:${calls}`);
    }
    expect(rows).toHaveLength(operations.length);
  });
});
