/**
 * BR-TRN-11 on the real WebSocket server: a client that stops reading while notifications pile up
 * for it is closed with 1008 once more than LIMITS.maxUnreadBytes would wait in the bridge; what it
 * then reads is every message up to the close, whole and in order; a reading client is not affected.
 * The loopback socket itself takes a few MiB before the bridge's own queue grows, so the test sends
 * well beyond that.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { LIMITS, type Status } from '../../../stb-spec/protocol';
import type { ReaderEvents, ReaderSnapshot } from '../transport/pcsc-readers';
import type { ApduTransport } from '../transport/apdu-transport';
import type { CardBackend } from './card-backend';
import { CardService } from './card-service';
import { jsonLogger } from './logger';
import { BridgeServer } from './server';

const ORIGIN = 'http://127.0.0.1:8080';

class EmptyBackend extends EventEmitter<ReaderEvents> implements CardBackend {
  readers(): ReaderSnapshot[] {
    return [];
  }
  transport(): ApduTransport {
    throw new Error('no reader');
  }
  close(): void {}
}

/** A status of about 20 KB whose first reader's name carries its sequence number. */
function bigStatus(sequence: number): Status {
  const readers = Array.from({ length: 100 }, (_, i) => ({
    name: `${i === 0 ? `seq ${sequence}` : `reader ${i}`} ${'x'.repeat(160)}`,
    card: 'absent' as const,
  }));
  return { readerService: 'running', readers };
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin: ORIGIN });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, params: object): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message.result);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method: `MyNumberCard.1.${method}`, params }));
  });
}

it('a client that does not read is closed with 1008 at maxUnreadBytes; others go on; nothing dropped or reordered', async () => {
  const cards = new CardService(new EmptyBackend());
  const logs: string[] = [];
  const server = new BridgeServer(cards, {
    port: 0,
    allowedOrigins: [ORIGIN],
    logger: jsonLogger((line) => logs.push(line), 'info'),
  });
  const url = `ws://127.0.0.1:${await server.listen()}/jsonrpc`;
  try {
    const idle = await open(url);
    const reader = await open(url);
    for (let n = 0; n < LIMITS.maxRegistrations; n++)
      await call(idle, n + 1, 'register', { event: 'statusChanged', id: `idle${n}` });
    await call(reader, 1, 'register', { event: 'statusChanged', id: 'reader' });

    const seen: number[] = [];
    reader.on('message', (data) => {
      const match = /"seq (\d+)/.exec(String(data));
      if (match) seen.push(Number(match[1]));
    });
    // The idle client stops reading: from now on its socket is not drained.
    idle.pause();

    const EMITS = 80; // 80 × 8 × ~20 KB ≈ 13 MB for the idle client: beyond the socket's buffers + 1 MiB
    for (let sequence = 0; sequence < EMITS; sequence++) {
      cards.emit('statusChanged', bigStatus(sequence));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => logs.some((line) => line.includes('output not read')));

    // The reading client got every notification, in order, and is still served.
    await waitFor(() => seen.length === EMITS);
    expect(seen).toEqual(Array.from({ length: EMITS }, (_, i) => i));
    expect(await call(reader, 2, 'getStatus', {})).toMatchObject({ readerService: 'running' });

    // The idle client reads at last: an unbroken run of whole messages in order, then 1008.
    const received: string[] = [];
    idle.removeAllListeners('message');
    idle.on('message', (data) => received.push(String(data)));
    const closed = new Promise<number>((resolve) => idle.once('close', (code) => resolve(code)));
    idle.resume();
    expect(await closed).toBe(1008);
    const sequences = received.map((text) => {
      const message = JSON.parse(text) as { method: string; params: Status };
      return {
        method: message.method,
        sequence: Number(/^seq (\d+)/.exec(message.params.readers[0]!.name)![1]),
      };
    });
    const expected = Array.from({ length: EMITS }, (_, s) =>
      Array.from({ length: LIMITS.maxRegistrations }, (_, n) => ({
        method: `idle${n}.statusChanged`,
        sequence: s,
      })),
    ).flat();
    expect(sequences.length).toBeGreaterThan(0);
    expect(sequences.length).toBeLessThan(expected.length);
    expect(sequences).toEqual(expected.slice(0, sequences.length));
    reader.close();
  } finally {
    await server.close();
  }
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
