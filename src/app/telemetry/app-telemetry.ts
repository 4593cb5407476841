/**
 * The app's telemetry: one tally of APP_FIGURES, records made every period and handed to the sinks
 * the box offers (Firebolt Metrics where the platform has it, the operator's beacon when its
 * settings name a collector). Every record names the app's version and the bridge's (from its
 * getInfo once connected; `unknown` before). What feeds the tally: session-figures.ts (the
 * machines), page-figures.ts (uncaught errors, key-to-frame), and the bridge client's events here.
 */
import { version } from '../../../package.json';
import { reportableVersion, type TelemetryRecord } from '../../../stb-spec/protocol/telemetry';
import { TelemetryTally } from '../../../stb-spec/protocol/telemetry-tally';
import { APP_FIGURES } from './app-figures';

export const APP_VERSION = version;
/** A quarter of an hour, as the bridge: one record a box per period reaches the collector. */
const APP_TELEMETRY_INTERVAL_MS = 15 * 60_000;

/** Where records go; a sink must not throw (a failing sink loses its record, nothing else). */
export interface TelemetrySink {
  emit(record: TelemetryRecord): void;
  /** The page is going away: send what waits now, if the sink holds records back. */
  leaving?(): void;
}

/** The bridge client as telemetry uses it (BridgeClient fits). */
export interface BridgePort {
  subscribe(
    listener: (
      event:
        | { type: 'connection'; state: string }
        | { type: 'connectFailed'; refused: boolean }
        | { type: string },
    ) => void,
  ): () => void;
  call(method: 'getInfo'): Promise<{ implementation: { version: string } }>;
}

export class AppTelemetry {
  readonly tally: TelemetryTally<typeof APP_FIGURES>;
  private readonly sinks: TelemetrySink[] = [];
  private bridgeVersion: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(now?: () => number) {
    this.tally = new TelemetryTally({
      source: 'app',
      figures: APP_FIGURES,
      versions: () => ({ app: APP_VERSION, bridge: reportableVersion(this.bridgeVersion) }),
      ...(now ? { now } : {}),
    });
    this.tally.count('app.starts');
  }

  addSink(sink: TelemetrySink): void {
    this.sinks.push(sink);
  }

  /** Counts the bridge's refusals and absences, and learns its version each time it connects. */
  watchBridge(bridge: BridgePort): () => void {
    return bridge.subscribe((event) => {
      if (event.type === 'connectFailed') {
        const refused = (event as { refused: boolean }).refused;
        this.tally.count(refused ? 'app.bridge.refused' : 'app.bridge.connectFailed');
      }
      if (event.type === 'connection' && (event as { state: string }).state === 'open') {
        bridge.call('getInfo').then(
          (info) => (this.bridgeVersion = info.implementation.version),
          () => undefined, // the version stays as it was; the call's error is the client's to tell
        );
      }
    });
  }

  /** Makes a record every `intervalMs` (and once on pagehide: leave()). */
  start(intervalMs = APP_TELEMETRY_INTERVAL_MS): void {
    this.timer ??= setInterval(() => this.flush(), intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The page is going away (pagehide): the period so far, and every sink sends what it holds. */
  leave(): void {
    this.flush();
    for (const sink of this.sinks) {
      try {
        sink.leaving?.();
      } catch {
        // As in flush: nothing a sink does may stop the page from going.
      }
    }
  }

  /** The period's record, to every sink. */
  flush(): TelemetryRecord {
    const record = this.tally.record();
    for (const sink of this.sinks) {
      try {
        sink.emit(record);
      } catch {
        // A sink's failure is its own; the next period's record tries again.
      }
    }
    return record;
  }
}
