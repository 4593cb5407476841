/**
 * `npm run bench -- insertion`: how soon the app hears of the viewer's card. The virtual card goes
 * in and out of the bench's vpcd reader; a bare pcsclite client in this process watches the reader
 * (the floor: pcsc-lite's own news), and a WebSocket client registered for statusChanged, as the app
 * registers, hears it from the bridge (the pcsc backend, as a box runs it). Both are stamped on this
 * process's clock; the figure is how much later the app hears it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JourneyCard } from '../e2e/harness/card';
import { BridgeProcess, CollectedLog, freshToken } from '../e2e/harness/processes';
import type { Status } from '../stb-spec/protocol';
import { BridgeClient } from './bridge-rig';
import type { BenchContext, BenchOutcome } from './card';
import { BenchSetupError } from './card-rig';
import { withTimeout, type Cleanup } from './cleanup';
import { insertionTable, type InsertionResult, type Sighting } from './insertion-report';
import { openPcscReader } from './pcsc-floor';

const ORIGIN = 'http://127.0.0.1:8080';
/** Card movements per run: each one an insertion and a removal. */
const MOVES_PER_RUN = 10;
/** Both sides must have seen a movement by then, or the bench fails. */
const SIGHTING_TIMEOUT_MS = 10_000;
/** Between movements: the bridge's classification and a person's pace. */
const SETTLE_MS = 400;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Presence = 'in' | 'out';

/** The first time at or after `since` that a stamped presence equals `presence`. */
class Stamps {
  private readonly seen: { at: number; presence: Presence }[] = [];
  private waiters: Array<() => void> = [];

  add(presence: Presence): void {
    this.seen.push({ at: performance.now(), presence });
    for (const wake of this.waiters.splice(0)) wake();
  }

  async first(presence: Presence, since: number, what: string): Promise<number> {
    const deadline = performance.now() + SIGHTING_TIMEOUT_MS;
    for (;;) {
      const hit = this.seen.find((entry) => entry.at >= since && entry.presence === presence);
      if (hit) return hit.at;
      const left = deadline - performance.now();
      if (left <= 0) throw new BenchSetupError(`${what}: not seen within ${SIGHTING_TIMEOUT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** The floor: a bare pcsclite client's status events for the reader. */
async function watchRaw(readerName: string, cleanup: Cleanup, stamps: Stamps): Promise<void> {
  const reader = await openPcscReader(readerName, cleanup);
  reader.on('status', (status) =>
    stamps.add((status.state & reader.SCARD_STATE_PRESENT) !== 0 ? 'in' : 'out'),
  );
}

/** The app's side: statusChanged notifications, the reader's card said in (any state) or out. */
async function watchBridge(url: string, readerName: string, cleanup: Cleanup, stamps: Stamps) {
  const client = await withTimeout(
    BridgeClient.connect(url, ORIGIN),
    5_000,
    'the bridge did not accept the WebSocket',
  );
  cleanup.add('close the WebSocket', () => client.close());
  client.onNotification((method, params) => {
    if (method !== 'bench.statusChanged' || !params) return;
    const card = (params as Status).readers.find((reader) => reader.name === readerName)?.card;
    if (card !== undefined) stamps.add(card === 'absent' ? 'out' : 'in');
  });
  await client.call('register', { event: 'statusChanged', id: 'bench' });
}

export async function runInsertionBench(context: BenchContext): Promise<BenchOutcome> {
  const { cleanup, progress, readerName, vpcdPort } = context;
  const tempDir = mkdtempSync(path.join(tmpdir(), 'madoguchi-bench-insertion-'));
  cleanup.add('remove the temp dir', () => rmSync(tempDir, { recursive: true, force: true }));
  progress(`insertion: the bridge (--backend pcsc) and a raw pcsclite client on "${readerName}"`);
  const card = await JourneyCard.create(path.join(tempDir, 'pki'), path.join(tempDir, 'cards'), {
    host: '127.0.0.1',
    port: vpcdPort,
    reader: readerName,
  });
  cleanup.add('take the card out', () => card.close());
  await card.remove();
  const token = freshToken();
  const bridge = await BridgeProcess.start(ORIGIN, new CollectedLog(), { backend: 'pcsc', token });
  cleanup.add('stop the bridge', () => bridge.close());
  const raw = new Stamps();
  const app = new Stamps();
  await watchRaw(readerName, cleanup, raw);
  await watchBridge(`${bridge.url}?token=${encodeURIComponent(token)}`, readerName, cleanup, app);
  await sleep(SETTLE_MS);

  const result: InsertionResult = { reader: readerName, insertions: [], removals: [] };
  const moves = context.runs * MOVES_PER_RUN;
  for (let move = 1; move <= moves; move++) {
    if (move % MOVES_PER_RUN === 1) progress(`insertion: movements ${move}–${move + MOVES_PER_RUN - 1}`);
    for (const [presence, sightings] of [
      ['in', result.insertions],
      ['out', result.removals],
    ] as const) {
      const since = performance.now();
      await (presence === 'in' ? card.insert('normal') : card.remove());
      const what = `card ${presence} (movement ${move})`;
      const sighting: Sighting = {
        rawAt: await raw.first(presence, since, `${what}, raw pcsclite`),
        appAt: await app.first(presence, since, `${what}, the bridge's notification`),
      };
      sightings.push(sighting);
      await sleep(SETTLE_MS);
    }
  }
  return { table: insertionTable(result), data: result, failures: [] };
}
