/** Transport rules with a scripted fetch: timeouts, which requests are retried, problem+json mapping. */
import {
  CancellationDeadlinePassedError,
  errorFromResponse,
  NetworkError,
  PlatformUnavailableError,
  SlotTakenError,
  TimeoutError,
  UnexpectedResponseError,
  UnknownIssuerError,
} from './errors';
import { PlatformHttp, type HttpRequest } from './http';
import { MESSAGES } from './messages';
import { backoffDelay, DEFAULT_RETRY } from './retry';
import type { components } from './generated/platform-api';

type Step = Response | Error | 'hang';

function scripted(steps: Step[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchStub = (url: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    calls.push({ url: String(url), init });
    const step = steps.shift() ?? new Error('no more steps');
    if (step === 'hang') {
      return new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    }
    return step instanceof Error ? Promise.reject(step) : Promise.resolve(step);
  };
  const sleeps: number[] = [];
  const http = new PlatformHttp({
    baseUrl: 'http://platform.test/',
    fetch: fetchStub as typeof fetch,
    timeoutMs: 50,
    retry: DEFAULT_RETRY,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { http, calls, sleeps };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: 'urn:x', title: code, status, code, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const get: HttpRequest = {
  method: 'GET',
  path: '/v1/facilities',
  query: { from: '2030-01-01', to: undefined },
};
const unkeyedPost: HttpRequest = { method: 'POST', path: '/v1/auth/login', body: {} };
const keyedPost: HttpRequest = {
  method: 'POST',
  path: '/v1/bookings',
  body: {},
  headers: { 'Idempotency-Key': 'abcdefgh12' },
};

describe('retries', () => {
  it('retries a GET after 503 and a network failure, with growing backoff', async () => {
    const { http, calls, sleeps } = scripted([
      problem(503, 'PLATFORM_UNAVAILABLE'),
      new TypeError('fetch failed'),
      json(200, { ok: 1 }),
    ]);
    await expect(http.send(get)).resolves.toEqual({ ok: 1 });
    expect(calls).toHaveLength(3);
    expect(calls[0]!.url).toBe('http://platform.test/v1/facilities?from=2030-01-01');
    expect(sleeps).toEqual([225, 450]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { http, calls } = scripted([new TypeError('x'), new TypeError('y'), new TypeError('z')]);
    const error = await http.send(get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toBeInstanceOf(PlatformUnavailableError);
    expect(calls).toHaveLength(3);
  });

  it('never retries an un-keyed POST', async () => {
    const { http, calls } = scripted([new TypeError('fetch failed'), json(200, {})]);
    await expect(http.send(unkeyedPost)).rejects.toBeInstanceOf(NetworkError);
    const again = scripted([problem(503, 'PLATFORM_UNAVAILABLE'), json(200, {})]);
    await expect(again.http.send(unkeyedPost)).rejects.toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
    expect(calls).toHaveLength(1);
    expect(again.calls).toHaveLength(1);
  });

  it('retries a POST with an Idempotency-Key, sending the same key', async () => {
    const { http, calls } = scripted([new TypeError('reset'), json(201, { id: 'bk_1' })]);
    await expect(http.send(keyedPost)).resolves.toEqual({ id: 'bk_1' });
    const keys = calls.map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key']);
    expect(keys).toEqual(['abcdefgh12', 'abcdefgh12']);
  });

  it('does not retry answers that will not change (409, 401, 400)', async () => {
    const { http, calls } = scripted([problem(409, 'SLOT_TAKEN')]);
    await expect(http.send(keyedPost)).rejects.toBeInstanceOf(SlotTakenError);
    expect(calls).toHaveLength(1);
  });

  it('honours Retry-After up to the maximum delay', async () => {
    const { http, sleeps } = scripted([problem(429, 'PLATFORM_UNAVAILABLE'), json(200, {})]);
    const limited = problem(503, 'PLATFORM_UNAVAILABLE');
    limited.headers.set('Retry-After', '2');
    const second = scripted([limited, json(200, {})]);
    await http.send(get);
    await second.http.send(get);
    expect(sleeps).toEqual([225]);
    expect(second.sleeps).toEqual([2000]);
    expect(backoffDelay(DEFAULT_RETRY, 10, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});

describe('timeouts and odd answers', () => {
  it('times out each attempt and retries a GET', async () => {
    const { http, calls } = scripted(['hang', json(200, { ok: true })]);
    await expect(http.send(get)).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    const once = scripted(['hang']);
    const error = await once.http.send(unkeyedPost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).messageJa).toContain('時間がかかっています');
  });

  it("passes the caller's abort through without retrying", async () => {
    const { http, calls } = scripted(['hang', json(200, {})]);
    const controller = new AbortController();
    const pending = http.send({ ...get, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
  });

  it('maps a gateway error page to PlatformUnavailableError and a 2xx non-JSON to UnexpectedResponseError', async () => {
    const gateway = scripted([new Response('<html>bad gateway</html>', { status: 502 })]);
    const bad = await gateway.http.send(unkeyedPost).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'PLATFORM_UNAVAILABLE', status: 502 });
    const odd = scripted([new Response('not json', { status: 200 })]);
    await expect(odd.http.send(unkeyedPost)).rejects.toBeInstanceOf(UnexpectedResponseError);
  });
});

describe('domain errors', () => {
  it('has a Japanese and an English message for every code', () => {
    for (const [code, message] of Object.entries(MESSAGES)) {
      expect([code, message.ja.length > 5 && /[ぁ-んァ-ン一-龥]/.test(message.ja)]).toEqual([code, true]);
      expect([code, /^[A-Z].*\.$/.test(message.en)]).toEqual([code, true]);
    }
  });

  it('maps problem+json to typed errors that keep the code and details', () => {
    const codes: components['schemas']['ProblemCode'][] = [
      'UNKNOWN_ISSUER',
      'CANCELLATION_DEADLINE_PASSED',
      'SLOT_TAKEN',
    ];
    expect(errorFromResponse(401, { code: codes[0], status: 401 })).toBeInstanceOf(UnknownIssuerError);
    const rule = { deadline: '2030-01-01T00:00:00Z', rule: 'キャンセルは…', ruleEn: 'Cancel…' };
    const deadline = errorFromResponse(409, { code: codes[1], status: 409, cancellation: rule });
    expect(deadline).toBeInstanceOf(CancellationDeadlinePassedError);
    expect((deadline as CancellationDeadlinePassedError).rule).toEqual(rule);
    expect(errorFromResponse(409, { code: codes[2] })).toBeInstanceOf(SlotTakenError);
    expect(errorFromResponse(418, { code: 'SOMETHING_NEW' })).toBeInstanceOf(UnexpectedResponseError);
  });
});
