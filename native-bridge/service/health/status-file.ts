/**
 * The bridge's state for the box's monitor, as a small file in the service's runtime directory
 * (/run/madoguchi-bridge/status.json, a tmpfs): written from the event loop every few seconds and
 * once more, `stopped`, on the way out. `--health` reads it (health-check.ts).
 *
 * Why a file and not a question on the loopback port: a file needs no token and opens no new door
 * on the bridge's port (any page the box shows can reach 127.0.0.1), its reach is the directory's
 * permissions (mode 0750: the service's user and group — the monitor runs as root or in the group),
 * and its age says what the systemd watchdog says: a bridge whose loop stopped turning stops
 * writing it. It holds counts and states only: no reader name, card id, token or version string
 * other than the bridge's own. Being in /run it also counts the service's starts since boot.
 */
import { readFileSync } from 'node:fs';
import type { BridgeState } from '../../src/bridge/telemetry/bridge-telemetry';
import type { Logger } from '../../src/bridge/logger';
import { IMPLEMENTATION } from '../../src/bridge/version';
import { writeAtomically } from '../runtime-token';

export const DEFAULT_STATUS_FILE = '/run/madoguchi-bridge/status.json';
/** How often the file is written while the bridge serves. */
export const STATUS_INTERVAL_MS = 10_000;

export interface StatusFile extends BridgeState {
  schema: 1;
  bridge: string;
  state: 'serving' | 'stopped';
  /** Wall-clock ms of the write (the monitor compares it with its own clock). */
  updatedAt: number;
}

/** The file as written, or undefined when it is missing or not one of ours. */
export function readStatusFile(file: string): StatusFile | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  return isStatusFile(value) ? value : undefined;
}

function isStatusFile(value: unknown): value is StatusFile {
  const file = value as Partial<StatusFile> | null;
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  return (
    typeof file === 'object' &&
    file !== null &&
    file.schema === 1 &&
    typeof file.bridge === 'string' &&
    (file.state === 'serving' || file.state === 'stopped') &&
    (file.readerService === 'running' || file.readerService === 'unavailable') &&
    count(file.readers) &&
    count(file.startsSinceBoot) &&
    count(file.updatedAt) &&
    typeof file.cards === 'object' &&
    file.cards !== null &&
    Object.values(file.cards).every(count)
  );
}

/** This start's number since boot: one more than the file of the previous start says (1 after boot). */
export function startsSinceBoot(file: string): number {
  return (readStatusFile(file)?.startsSinceBoot ?? 0) + 1;
}

/**
 * Writes the state now and every STATUS_INTERVAL_MS; the returned stop() writes `stopped` last.
 * A write that fails is logged once (until one succeeds again), never an exception out of a timer.
 */
export function keepStatusFile(
  file: string,
  state: () => BridgeState,
  logger: Logger,
  clock: () => number = Date.now,
): () => void {
  let failing = false;
  const write = (status: StatusFile['state']) => {
    const content: StatusFile = {
      schema: 1,
      bridge: IMPLEMENTATION.version,
      state: status,
      ...state(),
      updatedAt: clock(),
    };
    try {
      writeAtomically(file, `${JSON.stringify(content)}\n`, 0o640);
      failing = false;
    } catch (error) {
      if (!failing) logger.log('warn', 'status file not written', { file, reason: (error as Error).name });
      failing = true;
    }
  };
  write('serving');
  const timer = setInterval(() => write('serving'), STATUS_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    write('stopped');
  };
}
