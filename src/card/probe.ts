/**
 * Refused or not there? A browser's WebSocket reports a refused upgrade (HTTP 403: a missing or
 * wrong token, a foreign Origin) exactly like a bridge that is down: close 1006, no status. A plain
 * HTTP request to the bridge's port tells them apart: it resolves (with any status, opaque in
 * no-cors mode) when the bridge is up, and rejects when nothing listens there.
 */
import type { ProbeFetch } from './client-options';
import type { Timers } from './timing';

/**
 * Asks `url` once; `report(true)` when the bridge answered over HTTP (so it is up and refused the
 * upgrade), `report(false)` when nothing answered within `timeoutMs`. Returns a cancel function:
 * after it, nothing is reported and no timer is left behind.
 */
export function probeBridge(
  fetchImpl: ProbeFetch,
  url: string,
  timers: Timers,
  timeoutMs: number,
  report: (answered: boolean) => void,
): () => void {
  let done = false;
  const timer = timers.setTimeout(() => settle(false), timeoutMs);
  function settle(answered: boolean): void {
    if (done) return;
    done = true;
    timers.clearTimeout(timer);
    report(answered);
  }
  const cancel = () => {
    done = true;
    timers.clearTimeout(timer);
  };
  let request: Promise<unknown>;
  try {
    request = fetchImpl(url, { mode: 'no-cors', cache: 'no-store' });
  } catch {
    settle(false);
    return cancel;
  }
  request.then(
    () => settle(true),
    () => settle(false),
  );
  return cancel;
}
