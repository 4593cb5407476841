/**
 * When and how long to wait before sending a request again. Only requests that are safe to repeat
 * are retried (GET, DELETE — cancelling is idempotent here — and POSTs carrying an Idempotency-Key),
 * and only after failures that say nothing was done or that may pass: the network, a timeout,
 * 429 and 502/503/504.
 */
import { NetworkError, PlatformError, TimeoutError } from './errors';

export interface RetryPolicy {
  /** Attempts in all, including the first (1 = no retry). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 3000 };

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export function isRetryableFailure(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof TimeoutError) return true;
  return error instanceof PlatformError && error.status !== undefined && RETRYABLE_STATUS.has(error.status);
}

/**
 * Exponential backoff with jitter (half fixed, half random, so clients that failed together do not
 * come back together); a Retry-After from the platform is honoured up to maxDelayMs.
 */
export function backoffDelay(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  const jittered = exponential / 2 + (exponential / 2) * random();
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** Retry-After as delay-seconds (the HTTP-date form is not used by the platform). */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}
