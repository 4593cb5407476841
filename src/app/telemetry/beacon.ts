/**
 * The operator's beacon: telemetry records POSTed to `telemetryUrl` (the operator's own collector,
 * https only), batched, bounded and retried. At most MAX_QUEUED records wait (the oldest go first
 * when more come, and are counted as dropped), at most MAX_BATCH go in one request, one request is
 * in flight. A 2xx takes the batch; a network error, 408, 429 or 5xx keeps it and waits, doubling
 * from RETRY_FIRST_MS to RETRY_LONGEST_MS; any other answer drops it (a collector that refuses a
 * record will refuse it again). Every send waits a random part of SPREAD_MS first, so a fleet that
 * comes back from a power cut does not call the collector in the same second. No cookie, no
 * referrer, no cache, no box identity: the body is the records and nothing else.
 */
import type { TelemetryRecord } from '../../../stb-spec/protocol/telemetry';
import type { TelemetrySink } from './app-telemetry';

export const MAX_QUEUED = 24;
export const MAX_BATCH = 8;
export const SPREAD_MS = 60_000;
export const RETRY_FIRST_MS = 60_000;
export const RETRY_LONGEST_MS = 60 * 60_000;
const RETRYABLE = (status: number) => status === 408 || status === 429 || status >= 500;

export interface BeaconOptions {
  url: string;
  fetch: typeof fetch;
  /** Told how many records were given up on (they are counted in the next record). */
  onDropped: (records: number) => void;
  setTimeout?: (run: () => void, ms: number) => unknown;
  random?: () => number;
}

export class Beacon implements TelemetrySink {
  private readonly queue: TelemetryRecord[] = [];
  private retryMs = 0;
  private scheduled = false;
  private readonly later: (run: () => void, ms: number) => unknown;
  private readonly random: () => number;

  constructor(private readonly options: BeaconOptions) {
    if (!/^https:\/\//.test(options.url)) throw new TypeError('the telemetry beacon goes to https only');
    this.later = options.setTimeout ?? ((run, ms) => setTimeout(run, ms));
    this.random = options.random ?? Math.random;
  }

  /** Records waiting (for tests and the runbook's reasoning: never above MAX_QUEUED). */
  get waiting(): number {
    return this.queue.length;
  }

  emit(record: TelemetryRecord): void {
    this.queue.push(record);
    const over = this.queue.length - MAX_QUEUED;
    if (over > 0) {
      this.queue.splice(0, over);
      this.options.onDropped(over);
    }
    this.schedule();
  }

  /**
   * The page is going away: what waits goes now, in one keepalive request the browser completes
   * after the page is gone (no spread, no retry: there is no later for this page).
   */
  leaving(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    this.post(batch).catch(() => undefined);
  }

  private post(batch: TelemetryRecord[]): Promise<Response> {
    return this.options.fetch(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ records: batch }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      keepalive: true,
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    this.later(() => void this.send(), this.retryMs + Math.floor(this.random() * SPREAD_MS));
  }

  private async send(): Promise<void> {
    const batch = this.queue.slice(0, MAX_BATCH);
    if (batch.length === 0) {
      this.scheduled = false; // leaving() sent them meanwhile
      return;
    }
    let status: number | undefined;
    try {
      status = (await this.post(batch)).status;
    } catch {
      status = undefined; // offline, DNS, TLS, CORS: all look alike from a page, all worth a retry
    }
    this.scheduled = false;
    if (status === undefined || RETRYABLE(status)) {
      this.retryMs = Math.min(Math.max(this.retryMs * 2, RETRY_FIRST_MS), RETRY_LONGEST_MS);
    } else {
      this.retryMs = 0;
      // The records sent may have been pushed out by newer ones meanwhile: take out what is still there.
      const sent = batch.filter((record) => this.queue.includes(record));
      for (const record of sent) this.queue.splice(this.queue.indexOf(record), 1);
      if (status < 200 || status >= 300) this.options.onDropped(sent.length);
    }
    this.schedule();
  }
}
