/**
 * Reader states the simulator cannot hold still, on a hand-driven backend: a card stuck in
 * classification ('checking') and the PC/SC service going away and coming back.
 */
import { EventEmitter } from 'node:events';
import { checkResult, type Status } from '../../../stb-spec/protocol';
import type { ApduTransport } from '../transport/apdu-transport';
import type { ReaderEvents, ReaderService, ReaderSnapshot } from '../transport/pcsc-readers';
import type { CardBackend } from './card-backend';
import { CardService } from './card-service';
import { Dispatcher, type Subscriptions } from './dispatcher';

const READER = 'Hand Reader 00 00';

class HandBackend extends EventEmitter<ReaderEvents> implements CardBackend {
  service: ReaderService = 'running';
  snapshot: ReaderSnapshot = { name: READER, presence: 'present', atr: '3B00', insertion: 1 };
  transmitted = 0;
  readers(): ReaderSnapshot[] {
    return this.service === 'running' ? [this.snapshot] : [];
  }
  readerService(): ReaderService {
    return this.service;
  }
  transport(): ApduTransport {
    return {
      // Classification never ends: the card stays 'checking'.
      transmit: () => {
        this.transmitted++;
        return new Promise<Uint8Array>(() => undefined);
      },
      exclusive: (operation) => operation(),
    };
  }
  change(): void {
    this.emit('change', this.readers());
  }
  close(): void {}
}

const subscriptions: Subscriptions = { register: () => true, unregister: () => undefined };
const silent = { log: () => undefined };

async function call(dispatcher: Dispatcher, method: string, params: object = {}) {
  const frame = JSON.stringify({ jsonrpc: '2.0', id: 1, method: `MyNumberCard.1.${method}`, params });
  return (await dispatcher.handle(frame, subscriptions, 1)) as {
    result?: unknown;
    error?: { code: number; data?: unknown };
  };
}

it('a card being classified is checking, with its cardId and no token; card operations are BUSY checking', async () => {
  const backend = new HandBackend();
  const cards = new CardService(backend);
  const dispatcher = new Dispatcher(cards, silent);
  const { result } = await call(dispatcher, 'getStatus');
  expect(checkResult('getStatus', result)).toBeUndefined();
  expect(result).toEqual({
    readerService: 'running',
    readers: [{ name: READER, card: 'checking', cardId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) }],
  });
  const sent = backend.transmitted;
  expect((await call(dispatcher, 'getPinStatus', { pin: 'auth' })).error).toEqual(
    expect.objectContaining({ code: -32021, data: { reason: 'checking' } }),
  );
  expect(backend.transmitted).toBe(sent);
});

it('pcscd down: readerService unavailable with no readers, card operations -32006, an event each way', async () => {
  const backend = new HandBackend();
  const cards = new CardService(backend);
  const dispatcher = new Dispatcher(cards, silent);
  const events: Status[] = [];
  cards.on('statusChanged', (status) => events.push(status));

  backend.service = 'unavailable';
  backend.change();
  const down = (await call(dispatcher, 'getStatus')).result;
  expect(checkResult('getStatus', down)).toBeUndefined();
  expect(down).toEqual({ readerService: 'unavailable', readers: [] });
  expect((await call(dispatcher, 'readCertificate', { slot: 'auth' })).error?.code).toBe(-32006);
  expect(events.at(-1)).toEqual({ readerService: 'unavailable', readers: [] });

  backend.service = 'running';
  backend.snapshot = { ...backend.snapshot, presence: 'absent', atr: undefined, insertion: undefined };
  backend.change();
  expect(events.at(-1)).toEqual({ readerService: 'running', readers: [{ name: READER, card: 'absent' }] });
  expect((await call(dispatcher, 'getPinStatus', { pin: 'auth' })).error?.code).toBe(-32002);
});
