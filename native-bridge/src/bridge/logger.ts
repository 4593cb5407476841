/**
 * Structured logs, one JSON object per line. Redaction by construction: a log entry is built only
 * from the fields below, none of which can hold request params, so a PIN or password has no way in.
 * Error messages logged are our own (CardError messages name no PIN); parser messages are never
 * logged because Node quotes the offending input in them.
 */
import { IMPLEMENTATION } from './version';

export interface LogFields {
  method?: string;
  requestId?: string | number | null;
  ms?: number;
  code?: number;
  errorName?: string;
  reader?: string;
  origin?: string;
  connection?: number;
  clients?: number;
  port?: number;
  host?: string;
  backend?: string;
  readers?: number;
  /** Each reader's card state, "name: state, …" (reader names and states only, never card data). */
  cards?: string;
  token?: 'present' | 'absent';
  bytes?: number;
  reason?: string;
  /** A path the service wrote or read (never the content). */
  file?: string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

const ALLOWED = new Set<keyof LogFields>([
  'method',
  'requestId',
  'ms',
  'code',
  'errorName',
  'reader',
  'origin',
  'connection',
  'clients',
  'port',
  'host',
  'backend',
  'readers',
  'cards',
  'token',
  'bytes',
  'reason',
  'file',
]);

/** Writes JSON lines; fields outside LogFields are dropped even if a caller casts its way past the types. */
export function jsonLogger(write: (line: string) => void, minimum: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, event, fields = {}) {
      if (order.indexOf(level) < order.indexOf(minimum)) return;
      // The version on every line: a fleet's logs mix versions while a rollout runs.
      const entry: Record<string, unknown> = {
        time: new Date().toISOString(),
        level,
        event,
        version: IMPLEMENTATION.version,
      };
      for (const [key, value] of Object.entries(fields)) {
        if (ALLOWED.has(key as keyof LogFields) && value !== undefined) entry[key] = value;
      }
      write(JSON.stringify(entry));
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
