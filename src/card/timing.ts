/**
 * Time as the client sees it: timers and randomness are injected, so tests drive backoff and
 * timeouts without waiting, and the browser uses its own globals.
 */

type TimerHandle = unknown;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** A number in [0, 1), for the backoff's jitter. */
  random(): number;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  random: () => Math.random(),
};

export interface BackoffOptions {
  /** Delay before the first retry (default 250 ms). */
  initialMs: number;
  /** The delay never grows past this (default 8 s). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 8000 };

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so a restarted
 * bridge is not hit by every box at the same instant, yet a retry never comes sooner than half a step.
 * `attempt` counts failures since the last successful connection, from 0.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const step = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (step / 2) * random());
}
