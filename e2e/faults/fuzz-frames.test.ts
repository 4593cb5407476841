/**
 * Hostile frames against the in-process bridge (simulator backend): malformed JSON, wrong types,
 * huge ids, deep nesting, long and oversized messages, binary frames, invalid UTF-8. Every frame
 * that is owed an answer gets exactly one (notifications none), invalid UTF-8 ends the connection
 * with 1007 (RFC 6455 §8.1) and the test reconnects, the heap stays bounded, and a valid call works
 * at the end. 10,000 frames by default; 50,000 with MADOGUCHI_LONG_FAULTS=1.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { ORIGIN, RawClient, startTestBridge, type TestBridge } from '../../mocks/dev-bridge/test-bridge';
import { frameGenerator, type FuzzFrame } from './frames';
import { LONG, until } from './support';

const FRAMES = LONG ? 50_000 : 10_000;
// The bridge closes a connection with more than 16 calls in flight or 200 frames in a second: a batch
// plus its sentinel stays inside the first, and the bridge's clock moves a second per batch for the second.
const BATCH = 15;
const HEAP_GROWTH_LIMIT = 50 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let bridge: TestBridge;
let clock = Date.now();
beforeAll(async () => {
  bridge = await startTestBridge({ now: () => clock });
}, 60_000);
afterAll(() => bridge.close());

class Connection {
  replies: Record<string, unknown>[] = [];
  closeCode: number | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      expect(isBinary).toBe(false);
      this.replies.push(JSON.parse(String(data)) as Record<string, unknown>);
    });
    ws.on('close', (code) => (this.closeCode = code));
    ws.on('error', () => undefined);
  }
  static open(url: string): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { origin: ORIGIN });
      ws.once('open', () => resolve(new Connection(ws)));
      ws.once('error', reject);
    });
  }
}

test(`${FRAMES} fuzzed frames: each answered once (or not, for notifications), bridge stays up, heap bounded`, async () => {
  const next = frameGenerator(0x5eed);
  const tally = new Map<string, number>();
  let connection = await Connection.open(bridge.url);
  let reconnects = 0;
  let owed = 0;
  let answered = 0;
  let ids: Array<string | number> = [];
  const check = async () => {
    // A sentinel after the batch: once its reply is in, every earlier frame has been handled.
    const sentinel = `sentinel-${answered}-${owed}`;
    connection.ws.send(JSON.stringify({ jsonrpc: '2.0', id: sentinel, method: 'MyNumberCard.1.getStatus' }));
    await until(() => connection.replies.some((r) => r.id === sentinel), 'the sentinel reply', 10_000);
    await until(() => connection.replies.length - 1 >= owed, `${owed} replies`, 10_000);
    expect(connection.replies.length - 1).toBe(owed);
    const replyIds = new Map<unknown, number>();
    for (const reply of connection.replies) replyIds.set(reply.id, (replyIds.get(reply.id) ?? 0) + 1);
    for (const id of ids) expect({ id, replies: replyIds.get(id) }).toEqual({ id, replies: 1 });
    ids = [];
    for (const reply of connection.replies) {
      expect(reply.jsonrpc).toBe('2.0');
      expect('result' in reply !== 'error' in reply).toBe(true);
      if ('error' in reply) expect((reply.error as { code: number }).code).not.toBe(-32603);
    }
    answered += owed;
    owed = 0;
    connection.replies = [];
    clock += 1000;
  };

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  // The peak (no GC in between) is reported, not bounded: most of it is the test's own frames.
  let heapPeak = heapBefore;
  const started = Date.now();
  for (let i = 0; i < FRAMES; i++) {
    const frame: FuzzFrame = next();
    tally.set(frame.kind, (tally.get(frame.kind) ?? 0) + 1);
    if (frame.closes) {
      await check();
      connection.ws.send(frame.data, { binary: false });
      await until(() => connection.closeCode !== undefined, 'the 1007 close');
      expect(connection.closeCode).toBe(frame.closes);
      connection = await Connection.open(bridge.url);
      reconnects++;
      continue;
    }
    connection.ws.send(frame.data, { binary: frame.binary });
    if (frame.reply) owed++;
    if (frame.id !== undefined) ids.push(frame.id);
    if (i % BATCH === BATCH - 1) {
      await check();
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
  }
  await check();
  const ms = Date.now() - started;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  connection.ws.close();

  // The bridge still answers a real call, with the card.
  const client = await RawClient.connect(bridge.url);
  const status = await client.call('getStatus');
  expect(status.result).toMatchObject({ token: 'JPKIAPICCTOKEN2' });
  const pin = await client.call('getPinStatus', { pin: 'auth' });
  expect(pin.result).toMatchObject({ triesLeft: 3, maxTries: 3, locked: false });
  client.close();
  // Nothing reached the dispatcher's internal-error path.
  expect(bridge.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);

  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `${FRAMES} frames in ${ms} ms, ${answered} answers, ${reconnects} reconnects after 1007; ` +
      `heap ${mb(heapBefore)} → peak ${mb(heapPeak)} → after GC ${mb(heapAfter)} MB; ` +
      [...tally].map(([kind, n]) => `${kind}=${n}`).join(' '),
  );
  expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_LIMIT);
}, 120_000);
