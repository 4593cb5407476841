/**
 * A part's figures for the current period, in memory that does not grow: one number per declared
 * name (a name not declared is ignored, so no input can add a key), and latencies in a fixed set of
 * buckets whatever their number. A flood of errors moves counters, never memory. record() hands the
 * period over as a checked TelemetryRecord and starts the next one (gauges keep their level).
 */
import {
  TELEMETRY_SCHEMA,
  telemetryProblems,
  type FigureSet,
  type Percentiles,
  type TelemetryRecord,
} from './telemetry';
import { PROTOCOL_VERSION } from './names';

/**
 * Upper bounds of the latency buckets, ms: fine where people feel a delay (up to a few seconds),
 * coarse above. A percentile is reported as its bucket's bound: at most one bucket too high.
 */
const BUCKET_BOUNDS_MS = [
  10, 20, 50, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 4000, 5000, 7500, 10_000, 15_000,
  20_000, 30_000, 60_000,
] as const;
/** Longer than any operation may take: kept at this, so one runaway value cannot skew `max`. */
const LONGEST_MS = 600_000;

/** Latencies of one figure in fixed buckets: memory is the same for 1 and 10⁹ observations. */
export class LatencyHistogram {
  private readonly buckets = new Array<number>(BUCKET_BOUNDS_MS.length + 1).fill(0);
  private n = 0;
  private max = 0;

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const value = Math.min(Math.round(ms), LONGEST_MS);
    const index = BUCKET_BOUNDS_MS.findIndex((bound) => value <= bound);
    this.buckets[index === -1 ? BUCKET_BOUNDS_MS.length : index]!++;
    this.n = Math.min(this.n + 1, Number.MAX_SAFE_INTEGER);
    this.max = Math.max(this.max, value);
  }

  /** The period's percentiles, or undefined without an observation. */
  percentiles(): Percentiles | undefined {
    if (this.n === 0) return undefined;
    const at = (fraction: number) => {
      const rank = Math.ceil(fraction * this.n);
      let seen = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        seen += this.buckets[i]!;
        if (seen >= rank) return Math.min(BUCKET_BOUNDS_MS[i] ?? this.max, this.max);
      }
      return this.max;
    };
    return { n: this.n, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: this.max };
  }

  clear(): void {
    this.buckets.fill(0);
    this.n = 0;
    this.max = 0;
  }
}

export interface TallyOptions<F extends FigureSet> {
  source: TelemetryRecord['source'];
  figures: F;
  /** The versions as they are when a record is made (the app learns the bridge's later). */
  versions: () => { app?: string; bridge?: string };
  /** Monotonic ms (tests move it). */
  now?: () => number;
}

export class TelemetryTally<F extends FigureSet> {
  private readonly counts = new Map<string, number>();
  private readonly gauges = new Map<string, number>();
  private readonly latencies = new Map<string, LatencyHistogram>();
  private readonly now: () => number;
  private periodStart: number;
  private seq = 0;

  constructor(private readonly options: TallyOptions<F>) {
    this.now = options.now ?? (() => performance.now());
    this.periodStart = this.now();
    for (const [name, kind] of Object.entries(options.figures)) {
      if (kind === 'latency') this.latencies.set(name, new LatencyHistogram());
    }
  }

  count(name: keyof F & string, by = 1): void {
    if (this.options.figures[name] !== 'count' || !(by > 0)) return;
    this.counts.set(name, Math.min((this.counts.get(name) ?? 0) + Math.round(by), Number.MAX_SAFE_INTEGER));
  }

  gauge(name: keyof F & string, value: number): void {
    if (this.options.figures[name] !== 'gauge' || !Number.isFinite(value)) return;
    this.gauges.set(name, Math.min(Math.max(0, Math.round(value)), Number.MAX_SAFE_INTEGER));
  }

  latency(name: keyof F & string, ms: number): void {
    this.latencies.get(name)?.add(ms);
  }

  /** The period as a record (counts and latencies start again from zero); throws if it is not one. */
  record(): TelemetryRecord {
    const now = this.now();
    const latency: Record<string, Percentiles> = {};
    for (const [name, histogram] of this.latencies) {
      const percentiles = histogram.percentiles();
      if (percentiles) latency[name] = percentiles;
      histogram.clear();
    }
    const record: TelemetryRecord = {
      schema: TELEMETRY_SCHEMA,
      source: this.options.source,
      versions: { ...this.options.versions(), protocol: PROTOCOL_VERSION },
      seq: ++this.seq,
      periodS: Math.max(0, Math.round((now - this.periodStart) / 1000)),
      counts: Object.fromEntries(this.counts),
      gauges: Object.fromEntries(this.gauges),
      latency,
    };
    this.counts.clear();
    this.periodStart = now;
    const problems = telemetryProblems(record, this.options.figures);
    if (problems.length > 0) throw new Error(`not a telemetry record: ${problems.join('; ')}`);
    return record;
  }
}
