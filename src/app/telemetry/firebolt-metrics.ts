/**
 * Records through Firebolt's Metrics module where the box's platform has one (RDK with Firebolt):
 * the platform's own collector takes them. One `Metrics.action('app', 'madoguchi.telemetry', …)`
 * a record, its figures flattened to Firebolt's flat parameters (names with their percentile,
 * numbers and the versions as text). The module is handed in: the box platform passes the SDK's
 * `Metrics` where the box has Firebolt (src/app/box-platform/), tests pass their own.
 */
import type { TelemetryRecord } from '../../../stb-spec/protocol/telemetry';
import type { TelemetrySink } from './app-telemetry';

/** What this sink uses of the SDK's Metrics module. */
export interface FireboltMetrics {
  action(
    category: 'user' | 'app',
    type: string,
    parameters?: Record<string, string | number>,
  ): Promise<unknown>;
}

export const FIREBOLT_ACTION = 'madoguchi.telemetry';

/** A record as Firebolt's flat parameters. */
export function fireboltParameters(record: TelemetryRecord): Record<string, string | number> {
  const parameters: Record<string, string | number> = {
    'version.app': record.versions.app ?? 'unknown',
    'version.bridge': record.versions.bridge ?? 'unknown',
    seq: record.seq,
    periodS: record.periodS,
    ...record.counts,
    ...record.gauges,
  };
  for (const [name, percentiles] of Object.entries(record.latency)) {
    for (const [key, value] of Object.entries(percentiles)) parameters[`${name}.${key}`] = value;
  }
  return parameters;
}

export function fireboltSink(metrics: FireboltMetrics): TelemetrySink {
  return {
    emit(record) {
      // Firebolt answers asynchronously; a refusal loses this period's record, never the app.
      metrics.action('app', FIREBOLT_ACTION, fireboltParameters(record)).catch(() => undefined);
    },
  };
}
