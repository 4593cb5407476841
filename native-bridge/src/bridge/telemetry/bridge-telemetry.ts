/**
 * What the bridge counts for a fleet's operations centre (BRIDGE_FIGURES in the spec's telemetry
 * contract): starts, readers, card states, the reader service, calls and errors by name, refused
 * upgrades, signing latency. It learns them from two places that hold no personal data already:
 * the card service's status (reader names and card ids stay in memory here, only counted) and the
 * log entries the bridge writes anyway (event names, error codes, method names, milliseconds).
 *
 * Every period the figures leave as log lines (the journal), where the box's own collectors read
 * them: one JSON line with the whole record on stdout for log shippers, and, when the entry point
 * asks for them, one line a figure in the split-marker form RDK's telemetry (T2) greps for,
 * `… MDG_<figure>:<value>`, on stderr (stdout stays JSON lines only).
 */
import { errorNameOf } from '../../../../stb-spec/protocol/errors';
import type { Status } from '../../../../stb-spec/protocol/methods';
import {
  BRIDGE_ERROR_LABELS,
  BRIDGE_FIGURES,
  type BridgeFigure,
  type TelemetryRecord,
} from '../../../../stb-spec/protocol/telemetry';
import { TelemetryTally } from '../../../../stb-spec/protocol/telemetry-tally';
import type { CardService } from '../card-service';
import type { Logger } from '../logger';
import { IMPLEMENTATION } from '../version';
import { monotonicMs } from '../../monotonic-ms';

/** A quarter of an hour: a T2 report profile's usual period; a fleet of 200,000 reads this often. */
export const DEFAULT_TELEMETRY_INTERVAL_MS = 15 * 60_000;
/** The prefix of every T2 marker (a profile's marker search string is `MDG_<figure>:`). */
export const MARKER_PREFIX = 'MDG_';

/** Calls whose time is the card's signing with a PIN: what a viewer waits for at OK. */
const TIMED_METHODS = new Set(['sign', 'readSignCertificate']);

/** What the health check reads: the bridge's state now, counts only. */
export interface BridgeState {
  readerService: 'running' | 'unavailable';
  readers: number;
  /** Served readers by the state of their card. */
  cards: Partial<Record<Status['readers'][number]['card'], number>>;
  startsSinceBoot: number;
}

export interface BridgeTelemetryOptions {
  /** This start's number since the box booted (1 for the first), when the service knows it. */
  startsSinceBoot?: number;
  /** Monotonic ms (tests move it). */
  now?: () => number;
}

export class BridgeTelemetry {
  readonly tally: TelemetryTally<typeof BRIDGE_FIGURES>;
  private readonly startsSinceBoot: number;
  private readonly started: number;
  private readonly now: () => number;
  /** Each served reader's last card state, by name: only to see what changed, never emitted. */
  private cards = new Map<string, string>();
  private serviceUp = true;

  constructor(options: BridgeTelemetryOptions = {}) {
    this.now = options.now ?? monotonicMs;
    this.started = this.now();
    this.startsSinceBoot = Math.max(1, options.startsSinceBoot ?? 1);
    this.tally = new TelemetryTally({
      source: 'bridge',
      figures: BRIDGE_FIGURES,
      versions: () => ({ bridge: IMPLEMENTATION.version }),
      now: this.now,
    });
    this.tally.gauge('bridge.startsSinceBoot', this.startsSinceBoot);
    this.tally.gauge('bridge.readerService.up', 1);
  }

  /** Follows the card service's status from now on (its current one included). */
  watch(cards: CardService): void {
    this.observe(cards.status());
    cards.on('statusChanged', (status) => this.observe(status));
  }

  /** A logger that writes through `inner` and counts the entries that are figures. */
  tap(inner: Logger): Logger {
    return {
      log: (level, event, fields = {}) => {
        inner.log(level, event, fields);
        this.count(event, fields);
      },
    };
  }

  state(): BridgeState {
    const cards: BridgeState['cards'] = {};
    for (const card of this.cards.values()) {
      const state = card as keyof BridgeState['cards'];
      cards[state] = (cards[state] ?? 0) + 1;
    }
    return {
      readerService: this.serviceUp ? 'running' : 'unavailable',
      readers: this.cards.size,
      cards,
      startsSinceBoot: this.startsSinceBoot,
    };
  }

  /** The period's record (and the next period begins). */
  record(): TelemetryRecord {
    this.tally.gauge('bridge.uptimeS', (this.now() - this.started) / 1000);
    return this.tally.record();
  }

  private count(event: string, fields: Parameters<Logger['log']>[2] = {}): void {
    if (event === 'call' || event === 'call failed') this.tally.count('bridge.calls');
    if (event === 'call' && fields.method !== undefined && TIMED_METHODS.has(fields.method)) {
      if (fields.ms !== undefined) this.tally.latency('bridge.sign.ms', fields.ms);
    }
    if (event === 'call failed' && fields.code !== undefined) {
      const name = errorNameOf(fields.code);
      const label = name !== undefined && BRIDGE_ERROR_LABELS.includes(name) ? name : 'OTHER';
      this.tally.count(`bridge.error.${label}` as BridgeFigure);
    }
    if (event === 'connected') this.tally.count('bridge.connections');
    if (event === 'upgrade refused') this.tally.count('bridge.upgrade.refused');
  }

  private observe(status: Status): void {
    const up = status.readerService === 'running';
    if (up !== this.serviceUp)
      this.tally.count(up ? 'bridge.readerService.back' : 'bridge.readerService.lost');
    this.serviceUp = up;
    this.tally.gauge('bridge.readerService.up', up ? 1 : 0);
    // While the reader service is down the status lists no reader: that is not every reader pulled.
    if (!up) return;
    const next = new Map(status.readers.map((reader) => [reader.name, reader.card as string]));
    for (const [name, card] of next) {
      const before = this.cards.get(name);
      if (before === undefined) this.tally.count('bridge.reader.added');
      if (card !== (before ?? 'absent')) this.tally.count(`bridge.card.${card}` as BridgeFigure);
    }
    for (const name of this.cards.keys()) if (!next.has(name)) this.tally.count('bridge.reader.removed');
    this.cards = next;
    this.tally.gauge('bridge.readers', next.size);
  }
}

/**
 * A record as the journal takes it: `json`, the bridge's log form, for stdout (every stdout line
 * stays JSON); `markers`, one T2 split marker a figure, plain text for stderr (the same journal),
 * where a T2 profile's marker `MDG_<figure>:` takes the value that ends the line.
 */
export function markerLines(record: TelemetryRecord, time = new Date()): { json: string; markers: string[] } {
  const version = record.versions.bridge ?? 'unknown';
  const json = JSON.stringify({
    time: time.toISOString(),
    level: 'info',
    event: 'telemetry',
    version,
    record,
  });
  const figures: [string, string | number][] = [
    ['bridge.version', version],
    ...Object.entries(record.counts),
    ...Object.entries(record.gauges),
    ...Object.entries(record.latency).flatMap(([name, p]) =>
      (['n', 'p50', 'p90', 'p99', 'max'] as const).map((k): [string, number] => [`${name}.${k}`, p[k]]),
    ),
  ];
  // The version leads each marker line too, so a line read alone still says which release wrote it.
  const markers = figures.map(
    ([name, value]) => `${IMPLEMENTATION.name}/${version} ${MARKER_PREFIX}${name}:${value}`,
  );
  return { json, markers };
}
