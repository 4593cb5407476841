/**
 * Readers driven by hand for the card service, each empty or holding a card on an in-process
 * transport: insert, swap, unplug, make the card mute, and take the reader service away.
 */
import { EventEmitter } from 'node:events';
import type { Status } from '../../../../stb-spec/protocol';
import type { CardCredentials } from '../../../../mocks/pki';
import { issueTestCredentials, virtualCard } from '../../../../mocks/virtual-card/driver-fixtures';
import { toHex } from '../../jpki/apdu';
import type { ApduTransport } from '../../transport/apdu-transport';
import type { ReaderEvents, ReaderService, ReaderSnapshot } from '../../transport/pcsc-readers';
import type { CardBackend } from '../card-backend';
import { CardService, type CardServiceOptions } from '../card-service';

/** A card's transport, as the virtual card's: its ATR, and whether it is still in the reader. */
export type CardTransport = ApduTransport & { card: { atr: Uint8Array }; isCardPresent?: boolean };

export interface Slot {
  transport?: CardTransport;
  insertion: number;
  /** Every release of the card, `true` when it was given back reset. */
  released: boolean[];
  /** The reader sees a card that does not answer (no ATR). */
  mute?: boolean;
  /** The ATR the reader reports instead of the card's own (another answer to a reset). */
  atr?: string;
}

export class HandReaders extends EventEmitter<ReaderEvents> implements CardBackend {
  service: ReaderService = 'running';
  readerAllowList?: readonly string[];
  readonly slots = new Map<string, Slot>();
  /** false: a backend that counts no insertions (its snapshots carry none). */
  countsInsertions = true;

  readers(): ReaderSnapshot[] {
    return [...this.slots].map(([name, { transport, insertion, mute, atr }]): ReaderSnapshot => {
      if (!transport || transport.isCardPresent === false) return { name, presence: 'absent' };
      const counted = this.countsInsertions ? { insertion } : {};
      return mute
        ? { name, presence: 'mute', ...counted }
        : { name, presence: 'present', atr: atr ?? toHex(transport.card.atr), ...counted };
    });
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

  /** A new insertion (or an empty reader, without a transport), announced to the service. */
  put(name: string, transport?: CardTransport): Slot {
    const before = this.slots.get(name);
    const slot = { transport, insertion: (before?.insertion ?? 0) + 1, released: [] };
    this.slots.set(name, slot);
    this.change();
    return slot;
  }

  /** The card in `name` stops answering, or answers again; the same insertion. */
  setMute(name: string, mute: boolean): void {
    this.slots.get(name)!.mute = mute;
    this.change();
  }

  /** The card in `name` answers a reset with another ATR; the same insertion. */
  answerResetWith(name: string, atr: string): void {
    this.slots.get(name)!.atr = atr;
    this.change();
  }

  unplug(name: string): void {
    this.slots.delete(name);
    this.change();
  }

  change(): void {
    this.emit('change', this.readers());
  }

  close(): void {}
}

/** A card service over hand-driven readers, its status events, once every card is classified. */
export async function serviceWith(setup: (readers: HandReaders) => void, options: CardServiceOptions = {}) {
  const readers = new HandReaders();
  setup(readers);
  const service = new CardService(readers, options);
  const events: Status[] = [];
  service.on('statusChanged', (status) => events.push(status));
  await service.settled();
  return { readers, service, events };
}

/** A card that never answers: its classification goes on ('checking') as long as the test runs. */
export const silentCard = (): CardTransport => ({
  card: { atr: Uint8Array.of(0x3b, 0x00) },
  transmit: () => new Promise<Uint8Array>(() => undefined),
  exclusive: (operation) => operation(),
});

/** Virtual cards for a test file: a My Number Card and one without the JPKI AP (keys made once). */
export function virtualCards() {
  let credentials: CardCredentials;
  beforeAll(async () => {
    credentials = await issueTestCredentials();
  });
  return {
    myNumberCard: () => virtualCard(credentials).transport,
    otherCard: () => virtualCard(credentials, { hasJpkiAp: false }).transport,
  };
}
