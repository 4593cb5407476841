/** The monitor's verdict on the bridge's status file, and the file as the service keeps it. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogFields } from '../../src/bridge/logger';
import { HEALTH, healthCheck, judge, STALE_AFTER_MS } from './health-check';
import { keepStatusFile, startsSinceBoot, type StatusFile } from './status-file';

const NOW = 1_800_000_000_000;
const serving = (change: Partial<StatusFile> = {}): StatusFile => ({
  schema: 1,
  bridge: '1.2.3',
  state: 'serving',
  readerService: 'running',
  readers: 1,
  cards: { present: 1 },
  startsSinceBoot: 1,
  updatedAt: NOW - 4000,
  ...change,
});
const directory = () => mkdtempSync(join(tmpdir(), 'madoguchi-health-'));

describe('judge', () => {
  it.each<[string, StatusFile | undefined, number, string]>([
    [
      'serving with a reader',
      serving(),
      HEALTH.ok,
      'OK - serving; bridge 1.2.3; reader service running; readers 1 (present 1); starts since boot 1; updated 4 s ago',
    ],
    ['no reader plugged in', serving({ readers: 0, cards: {} }), HEALTH.warning, 'WARNING - no card reader'],
    [
      'pcscd not answering',
      serving({ readerService: 'unavailable', readers: 0 }),
      HEALTH.warning,
      'reader service (pcscd) not answering',
    ],
    ['stopped', serving({ state: 'stopped' }), HEALTH.critical, 'CRITICAL - stopped'],
    [
      'not written for too long',
      serving({ updatedAt: NOW - STALE_AFTER_MS - 1000 }),
      HEALTH.critical,
      'not updated for 31 s',
    ],
    ['no file', undefined, HEALTH.critical, 'CRITICAL - no status file'],
  ])('%s', (_case, status, code, line) => {
    const verdict = judge(status, NOW);
    expect(verdict.code).toBe(code);
    expect(verdict.line).toContain(line);
    expect(verdict.line.startsWith('madoguchi-bridge ')).toBe(true);
  });

  it('takes a file that is not ours as no file', () => {
    const file = join(directory(), 'status.json');
    writeFileSync(file, JSON.stringify({ ...serving(), readers: 'ACS ACR39U 00' }));
    expect(healthCheck(file, NOW).code).toBe(HEALTH.critical);
    writeFileSync(file, '{"schema":');
    expect(healthCheck(file, NOW).line).toContain('no status file');
  });
});

describe('keepStatusFile', () => {
  it('writes the state at once, readable by group only, and `stopped` on the way out', () => {
    const file = join(directory(), 'run', 'status.json');
    const state = { readerService: 'running' as const, readers: 1, cards: { absent: 1 }, startsSinceBoot: 3 };
    const stop = keepStatusFile(
      file,
      () => state,
      { log: () => undefined },
      () => NOW,
    );
    expect(healthCheck(file, NOW).code).toBe(HEALTH.ok);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    stop();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ state: 'stopped', startsSinceBoot: 3 });
    expect(startsSinceBoot(file)).toBe(4);
  });

  it('counts from one after boot, and logs a write it cannot do once, never throwing', () => {
    expect(startsSinceBoot(join(directory(), 'none.json'))).toBe(1);
    const blocked = join(directory(), 'file');
    writeFileSync(blocked, '');
    const logged: Array<[string, LogFields | undefined]> = [];
    const stop = keepStatusFile(join(blocked, 'status.json'), () => serving(), {
      log: (_level, event, fields) => logged.push([event, fields]),
    });
    stop();
    expect(logged).toEqual([
      ['status file not written', expect.objectContaining({ file: join(blocked, 'status.json') })],
    ]);
  });
});
