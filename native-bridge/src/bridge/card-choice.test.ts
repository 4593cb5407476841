/**
 * Which card a call reaches, on readers driven by hand with in-process virtual cards: no reader, an
 * empty reader, a card that is not a My Number Card, a cardId that is no longer in the reader, two
 * calls at once, and the reset after a PIN was used.
 */
import { EventEmitter } from 'node:events';
import type { Status } from '../../../stb-spec/protocol';
import type { CardCredentials } from '../../../mocks/pki';
import { AUTH_PIN, issueTestCredentials, virtualCard } from '../../../mocks/virtual-card/driver-fixtures';
import { toHex } from '../jpki/apdu';
import {
  CardBusyError,
  CardChangedError,
  NoCardError,
  NoReaderError,
  NotMyNumberCardError,
  ReaderServiceUnavailableError,
} from '../jpki/errors';
import type { ApduTransport } from '../transport/apdu-transport';
import type { ReaderEvents, ReaderService, ReaderSnapshot } from '../transport/pcsc-readers';
import type { CardBackend } from './card-backend';
import { CardService } from './card-service';

let credentials: CardCredentials;
beforeAll(async () => {
  credentials = await issueTestCredentials();
});

type Slot = {
  transport?: ApduTransport & { card: { atr: Uint8Array } };
  insertion: number;
  released: boolean[];
};

class Readers extends EventEmitter<ReaderEvents> implements CardBackend {
  service: ReaderService = 'running';
  readonly slots = new Map<string, Slot>();
  readers(): ReaderSnapshot[] {
    return [...this.slots].map(([name, slot]) =>
      slot.transport
        ? { name, presence: 'present', atr: toHex(slot.transport.card.atr), insertion: slot.insertion }
        : { name, presence: 'absent' },
    );
  }
  readerService(): ReaderService {
    return this.service;
  }
  transport(name: string): ApduTransport {
    const slot = this.slots.get(name)!;
    return {
      transmit: (command) => slot.transport!.transmit(command),
      exclusive: (operation) => slot.transport!.exclusive(operation),
      get epoch() {
        return slot.transport?.epoch;
      },
      release: async (reset) => {
        slot.released.push(reset);
      },
    };
  }
  put(name: string, transport?: Slot['transport']): Slot {
    const before = this.slots.get(name);
    const slot = { transport, insertion: (before?.insertion ?? 0) + 1, released: [] };
    this.slots.set(name, slot);
    this.emit('change', this.readers());
    return slot;
  }
  close(): void {}
}

const myNumberCard = () => virtualCard(credentials).transport;
const otherCard = () => virtualCard(credentials, { hasJpkiAp: false }).transport;

async function serviceWith(setup: (readers: Readers) => void) {
  const readers = new Readers();
  setup(readers);
  const service = new CardService(readers);
  const events: Status[] = [];
  service.on('statusChanged', (status) => events.push(status));
  await service.settled();
  return { readers, service, events };
}

describe('which card a call reaches', () => {
  it('no reader at all: NO_READER', async () => {
    const { service } = await serviceWith(() => undefined);
    await expect(service.pinStatus('auth')).rejects.toBeInstanceOf(NoReaderError);
  });

  it('a reader named that is not there: NO_READER; an empty reader: NO_CARD naming it', async () => {
    const { service } = await serviceWith((r) => r.put('Reader A'));
    await expect(service.pinStatus('auth', { reader: 'Reader B' })).rejects.toBeInstanceOf(NoReaderError);
    const error = await service.pinStatus('auth', { reader: 'Reader A' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoCardError);
    expect((error as NoCardError).reader).toBe('Reader A');
    await expect(service.pinStatus('auth')).rejects.toBeInstanceOf(NoCardError);
  });

  it('the My Number Card is found in whichever reader holds it, and getStatus names it', async () => {
    const { service } = await serviceWith((r) => {
      r.put('Reader A', otherCard());
      r.put('Reader B', myNumberCard());
    });
    await expect(service.pinStatus('auth')).resolves.toMatchObject({ triesLeft: 3 });
    const status = service.status();
    expect(status).toMatchObject({ readerService: 'running', token: 'JPKIAPICCTOKEN2' });
    expect(status.readers.map((r) => [r.name, r.card])).toEqual([
      ['Reader A', 'unsupported'],
      ['Reader B', 'present'],
    ]);
    expect((status as { cardId: string }).cardId).toBe(status.readers[1]!.cardId);
  });

  it('a card without the JPKI AP: NOT_MY_NUMBER_CARD with its ATR; no token in getStatus', async () => {
    const { service } = await serviceWith((r) => r.put('Reader A', otherCard()));
    const error = await service.pinStatus('auth').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotMyNumberCardError);
    expect((error as NotMyNumberCardError).atr).toMatch(/^[0-9A-F]+$/);
    expect(service.status()).not.toHaveProperty('token');
  });

  it('the cardId the app holds reaches that card; another card in its place is CARD_CHANGED naming it', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const first = service.status().readers[0]!.cardId!;
    await expect(service.pinStatus('auth', { cardId: first })).resolves.toMatchObject({ triesLeft: 3 });
    readers.put('Reader A', myNumberCard());
    await service.settled();
    const second = service.status().readers[0]!.cardId!;
    expect(second).not.toBe(first);
    const error = await service.pinStatus('auth', { cardId: first }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardChangedError);
    expect((error as CardChangedError).currentCardId).toBe(second);
  });

  it('a cardId with no card anywhere is CARD_CHANGED, not NO_READER', async () => {
    const { service } = await serviceWith(() => undefined);
    const error = await service.pinStatus('auth', { cardId: 'x'.repeat(22) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardChangedError);
    expect((error as CardChangedError).currentCardId).toBeUndefined();
  });

  it('a second call while one runs is BUSY, not queued', async () => {
    const { service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const first = service.readCertificate('auth');
    await expect(service.pinStatus('auth')).rejects.toEqual(new CardBusyError('operation'));
    await first;
    await expect(service.pinStatus('auth')).resolves.toMatchObject({ triesLeft: 3 });
  });

  it('the reader service down: READER_SERVICE_UNAVAILABLE and an empty status', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    readers.service = 'unavailable';
    await expect(service.pinStatus('auth')).rejects.toBeInstanceOf(ReaderServiceUnavailableError);
    expect(service.status()).toEqual({ readerService: 'unavailable', readers: [] });
  });
});

describe('after a PIN was used', () => {
  it('the card is given back reset; a call without a PIN leaves it as it is', async () => {
    const { readers, service } = await serviceWith((r) => r.put('Reader A', myNumberCard()));
    const slot = readers.slots.get('Reader A')!;
    await service.readCertificate('auth');
    expect(slot.released).toEqual([]);
    await service.sign('auth', AUTH_PIN, Buffer.alloc(32, 1), {});
    await service.pinStatus('auth'); // waits for the reset
    expect(slot.released).toEqual([true]);
  });

  it('a malformed PIN is refused before any reader is looked at', async () => {
    const { service } = await serviceWith(() => undefined);
    await expect(service.sign('auth', '12', Buffer.alloc(32), {})).rejects.toThrow(/4 digits/);
    await expect(service.readSignCertificate('abc', {})).rejects.toThrow(/signature password/);
  });
});

describe('status events', () => {
  it('one event when a card is classified, one when it leaves; none when nothing changed', async () => {
    const { readers, service, events } = await serviceWith((r) => r.put('Reader A'));
    const start = events.length;
    readers.put('Reader A', myNumberCard());
    await service.settled();
    expect(events.slice(start).map((s) => s.readers[0]!.card)).toEqual(['present']);
    readers.emit('change', readers.readers());
    expect(events.length).toBe(start + 1);
    readers.put('Reader A');
    expect(events.at(-1)).toEqual({
      readerService: 'running',
      readers: [{ name: 'Reader A', card: 'absent' }],
    });
  });
});
