/**
 * One request to the platform: JSON in and out, a timeout per attempt, retries with backoff for
 * requests that are safe to repeat, and error responses turned into typed domain errors.
 * Uses only fetch and AbortController, so it runs in WPE WebKit as in Node.
 */
import {
  errorFromResponse,
  NetworkError,
  PlatformError,
  TimeoutError,
  UnexpectedResponseError,
} from './errors';
import type { PlatformClock } from './platform-clock';
import { backoffDelay, isRetryableFailure, retryAfterMs, type RetryPolicy } from './retry';

/** PUT and DELETE are idempotent, so retried like GET. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Caller's cancellation (e.g. the viewer left the screen); never retried. */
  signal?: AbortSignal;
}

export interface HttpConfig {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Learns the platform's time from each answer's Date header. */
  clock?: PlatformClock;
}

/** GET and DELETE are idempotent; a POST only when it carries an Idempotency-Key. */
export function isRetrySafe(request: HttpRequest): boolean {
  if (request.method !== 'POST') return true;
  return Object.keys(request.headers ?? {}).some((name) => name.toLowerCase() === 'idempotency-key');
}

export class PlatformHttp {
  constructor(private readonly config: HttpConfig) {}

  /** The parsed JSON body of a 2xx answer (undefined for 204). */
  async send<T>(request: HttpRequest): Promise<T> {
    const attempts = isRetrySafe(request) ? Math.max(1, this.config.retry.maxAttempts) : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt<T>(request);
      } catch (error) {
        if (attempt >= attempts || !isRetryableFailure(error) || request.signal?.aborted) throw error;
        const hint = error instanceof PlatformError ? error.retryAfterMs : undefined;
        await this.config.sleep(backoffDelay(this.config.retry, attempt, this.config.random, hint));
      }
    }
  }

  private url(request: HttpRequest): string {
    const url = `${this.config.baseUrl.replace(/\/+$/, '')}${request.path}`;
    const query = Object.entries(request.query ?? {}).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    );
    if (query.length === 0) return url;
    return `${url}?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
  }

  private async attempt<T>(request: HttpRequest): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.config.timeoutMs);
    const onCallerAbort = (): void => controller.abort();
    request.signal?.addEventListener('abort', onCallerAbort);
    try {
      const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
      if (request.body !== undefined) headers['Content-Type'] = 'application/json';
      Object.assign(headers, request.headers);
      let response: Response;
      const sentAt = this.config.clock?.stamp() ?? 0;
      try {
        response = await this.config.fetch(this.url(request), {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: controller.signal,
        });
      } catch (cause) {
        if (timedOut) throw new TimeoutError('TIMEOUT', { cause });
        if (request.signal?.aborted) throw cause;
        throw new NetworkError('NETWORK_ERROR', { cause });
      }
      this.config.clock?.observe(response.headers.get('Date'), sentAt);
      const body = await readJson(response, () => timedOut);
      if (response.ok) return body as T;
      throw errorFromResponse(response.status, body, retryAfterMs(response.headers.get('Retry-After')));
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}

async function readJson(response: Response, timedOut: () => boolean): Promise<unknown> {
  if (response.status === 204) return undefined;
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    if (timedOut()) throw new TimeoutError('TIMEOUT', { cause });
    throw new NetworkError('NETWORK_ERROR', { cause });
  }
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (!response.ok) return undefined; // e.g. an HTML error page from a proxy: judged by status
    throw new UnexpectedResponseError('UNEXPECTED_RESPONSE', { status: response.status, cause });
  }
}
