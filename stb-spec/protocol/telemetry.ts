/**
 * The telemetry record the app and the bridge emit: what a network operations centre watches on a
 * fleet, never who is in front of a box. A record holds one period's figures under names a part
 * declares once (a FigureSet: name → kind), the versions of the parts and nothing else: counts,
 * gauges and latency percentiles are numbers, every other value is a version or one of the names
 * below. No free text, no time stamp, no box or card identity, so nothing a viewer typed or a card
 * holds can ride in one. telemetryProblems() is the one check: every emitter runs it before a
 * record leaves, and the tests run it over every record they can make the parts produce.
 *
 * No schema code here (the app imports it): names, checks and the bounded tally only.
 */
import { BridgeErrorCode, JsonRpcErrorCode } from './errors';
import { PROTOCOL_VERSION } from './names';

export const TELEMETRY_SCHEMA = 1;

/** A count of events in the period; a level at its end; latencies in ms, as percentiles. */
export type FigureKind = 'count' | 'gauge' | 'latency';
export type FigureSet = Readonly<Record<string, FigureKind>>;

export interface Percentiles {
  /** Observations in the period. */
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface TelemetryRecord {
  schema: typeof TELEMETRY_SCHEMA;
  source: 'app' | 'bridge';
  /** The bridge names only its own version; the app names its own and the bridge's it talks to. */
  versions: { app?: string; bridge?: string; protocol: typeof PROTOCOL_VERSION };
  /** The record's number since the part started (1, 2, …): a gap shows a record lost on the way. */
  seq: number;
  /** Seconds the figures cover. */
  periodS: number;
  counts: Record<string, number>;
  gauges: Record<string, number>;
  latency: Record<string, Percentiles>;
}

/**
 * A release's version (package.json: 1.2.3 or 1.2.3-rc.1), or `unknown` while the app has not heard
 * the bridge's. Anything else a bridge answers is reported as `other`: its getInfo is free text.
 */
const VERSION = /^(\d{1,4}\.\d{1,4}\.\d{1,4}(-[0-9A-Za-z.]{1,20})?|unknown|other)$/;

/** A version as a record may carry it: the release's number, or `other`. */
export function reportableVersion(version: string | undefined): string {
  if (version === undefined) return 'unknown';
  return VERSION.test(version) ? version : 'other';
}

/** `family.label` for every label, one kind: error counts by name, card states and so on. */
export function labelled<F extends string, L extends string>(
  family: F,
  labels: readonly L[],
  kind: FigureKind,
): Record<`${F}.${L}`, FigureKind> {
  return Object.fromEntries(labels.map((label) => [`${family}.${label}`, kind])) as Record<
    `${F}.${L}`,
    FigureKind
  >;
}

/** The protocol's card states and every error a bridge answers with, plus one for anything else. */
const CARD_STATES = ['absent', 'checking', 'present', 'unsupported', 'mute'] as const;
export const BRIDGE_ERROR_LABELS = [
  ...(Object.keys(BridgeErrorCode) as (keyof typeof BridgeErrorCode)[]),
  ...(Object.keys(JsonRpcErrorCode) as (keyof typeof JsonRpcErrorCode)[]),
  'OTHER',
] as const;

/** What a bridge counts (docs/operations.md says what each means and when to act). */
export const BRIDGE_FIGURES = {
  /** Starts of the service since the box booted (1 after boot); restarts = this − 1. */
  'bridge.startsSinceBoot': 'gauge',
  'bridge.uptimeS': 'gauge',
  /** Served readers present now; reader plugged in / pulled out in the period. */
  'bridge.readers': 'gauge',
  'bridge.reader.added': 'count',
  'bridge.reader.removed': 'count',
  /** A served reader's card entering each state. */
  ...labelled('bridge.card', CARD_STATES, 'count'),
  /** 1 while the box's reader service (pcscd) answers, 0 while it does not; and the turns. */
  'bridge.readerService.up': 'gauge',
  'bridge.readerService.lost': 'count',
  'bridge.readerService.back': 'count',
  /** Calls answered, and calls answered with each error. */
  'bridge.calls': 'count',
  ...labelled('bridge.error', BRIDGE_ERROR_LABELS, 'count'),
  /** WebSocket upgrades accepted and refused (a wrong token or origin shows here). */
  'bridge.connections': 'count',
  'bridge.upgrade.refused': 'count',
  /** Signing and the sign certificate: the card's own time, PIN checked. */
  'bridge.sign.ms': 'latency',
} as const satisfies FigureSet;

export type BridgeFigure = keyof typeof BRIDGE_FIGURES;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

/** Each member present is one of `allowed`, and no other member is there. */
function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${where}: ${JSON.stringify(key)} is not a field of the telemetry record`);
}

/** Why a value is not a telemetry record of these figures; [] when it is one. */
export function telemetryProblems(record: unknown, figures: FigureSet): string[] {
  if (!isObject(record)) return ['not an object'];
  const problems = onlyKeys(
    record,
    ['schema', 'source', 'versions', 'seq', 'periodS', 'counts', 'gauges', 'latency'],
    'record',
  );
  if (record.schema !== TELEMETRY_SCHEMA) problems.push(`schema must be ${TELEMETRY_SCHEMA}`);
  if (record.source !== 'app' && record.source !== 'bridge') problems.push('source must be app or bridge');
  if (!isCount(record.seq) || !isCount(record.periodS)) problems.push('seq and periodS must be counts');
  const versions = record.versions;
  if (!isObject(versions)) problems.push('versions missing');
  else {
    problems.push(...onlyKeys(versions, ['app', 'bridge', 'protocol'], 'versions'));
    if (versions.protocol !== PROTOCOL_VERSION) problems.push('versions.protocol');
    for (const part of ['app', 'bridge'] as const) {
      const version = versions[part];
      if (version !== undefined && (typeof version !== 'string' || !VERSION.test(version))) {
        problems.push(`versions.${part} is not a version`);
      }
    }
    const own = versions[record.source === 'app' ? 'app' : 'bridge'];
    if (own === undefined) problems.push('a record names the version of the part that made it');
  }
  for (const kind of ['count', 'gauge', 'latency'] as const) {
    const member = { count: 'counts', gauge: 'gauges', latency: 'latency' }[kind];
    const values = record[member];
    if (!isObject(values)) {
      problems.push(`${member} missing`);
      continue;
    }
    for (const [name, value] of Object.entries(values)) {
      if (figures[name] !== kind) problems.push(`${member}: ${JSON.stringify(name)} is not a ${kind} figure`);
      else if (kind !== 'latency' && !isCount(value)) problems.push(`${member}.${name} must be a count`);
      else if (kind === 'latency') problems.push(...percentileProblems(value, `${member}.${name}`));
    }
  }
  return problems;
}

function percentileProblems(value: unknown, where: string): string[] {
  if (!isObject(value)) return [`${where} must be percentiles`];
  const fields = ['n', 'p50', 'p90', 'p99', 'max'];
  const problems = onlyKeys(value, fields, where);
  for (const field of fields) if (!isCount(value[field])) problems.push(`${where}.${field} must be a count`);
  return problems;
}
