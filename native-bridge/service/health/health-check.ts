/**
 * `node madoguchi-bridge.cjs --health [--status-file FILE]`: the box monitor's check. It reads the
 * status file the running bridge keeps (status-file.ts), prints one line and exits with the
 * monitoring plugins' codes, so any monitor (Nagios-style, a systemd timer, a shell script) can use
 * it as it is. It needs no token and no configuration file, talks to nothing, and prints counts and
 * states only.
 */
import { IMPLEMENTATION } from '../../src/bridge/version';
import { readStatusFile, STATUS_INTERVAL_MS, type StatusFile } from './status-file';

export const HEALTH = { ok: 0, warning: 1, critical: 2, unknown: 3 } as const;
type HealthCode = (typeof HEALTH)[keyof typeof HEALTH];

/** Three missed writes: the bridge is gone or its event loop has stopped. */
export const STALE_AFTER_MS = 3 * STATUS_INTERVAL_MS;

export interface HealthReport {
  code: HealthCode;
  line: string;
}

const LABEL: Record<HealthCode, string> = { 0: 'OK', 1: 'WARNING', 2: 'CRITICAL', 3: 'UNKNOWN' };

function report(code: HealthCode, what: string): HealthReport {
  return { code, line: `${IMPLEMENTATION.name} ${LABEL[code]} - ${what}` };
}

/** The verdict on a status file read at `now` (wall-clock ms). */
export function judge(status: StatusFile | undefined, now: number): HealthReport {
  if (status === undefined) {
    return report(HEALTH.critical, 'no status file: the bridge is not running or cannot write it');
  }
  const ageS = Math.round((now - status.updatedAt) / 1000);
  const cards = Object.entries(status.cards)
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
  const summary =
    `bridge ${status.bridge}; reader service ${status.readerService}; readers ${status.readers}` +
    `${cards ? ` (${cards})` : ''}; starts since boot ${status.startsSinceBoot}; updated ${ageS} s ago`;
  if (status.state === 'stopped') return report(HEALTH.critical, `stopped; ${summary}`);
  if (now - status.updatedAt > STALE_AFTER_MS) {
    return report(HEALTH.critical, `not updated for ${ageS} s: the bridge is wedged or gone; ${summary}`);
  }
  if (status.readerService === 'unavailable') {
    return report(HEALTH.warning, `reader service (pcscd) not answering; ${summary}`);
  }
  if (status.readers === 0) return report(HEALTH.warning, `no card reader; ${summary}`);
  return report(HEALTH.ok, `serving; ${summary}`);
}

export function healthCheck(statusFile: string, now = Date.now()): HealthReport {
  return judge(readStatusFile(statusFile), now);
}
