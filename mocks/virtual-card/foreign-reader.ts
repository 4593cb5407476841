/**
 * A second, in-process reader holding the foreign card (a B-CAS stand-in), added to any card
 * backend — the simulator's one reader becomes a box with two slots. Lets tests show, without
 * pcscd, that a bridge serving only the My Number reader never touches or lists this one.
 */
import { EventEmitter } from 'node:events';
import type { CardBackend } from '../../native-bridge/src/bridge/card-backend';
import type { ApduTransport } from '../../native-bridge/src/transport/apdu-transport';
import type {
  ReaderEvents,
  ReaderService,
  ReaderSnapshot,
} from '../../native-bridge/src/transport/pcsc-readers';
import { ForeignCard, ForeignCardTransport, FOREIGN_CARD_ATR_HEX } from './foreign-card';

/** The in-process foreign reader's name (its stable name too: no plug-order field). */
export const FOREIGN_READER = 'Madoguchi Simulated CA Slot 01';

export class WithForeignReader extends EventEmitter<ReaderEvents> implements CardBackend {
  readonly card = new ForeignCard();
  private readonly transportOfCard = new ForeignCardTransport(this.card);
  private insertion = 1;

  constructor(
    private readonly inner: CardBackend,
    readonly foreignReader = FOREIGN_READER,
  ) {
    super();
    for (const event of ['reader-added', 'reader-removed', 'card-inserted', 'card-removed'] as const) {
      inner.on(event, (snapshot: ReaderSnapshot) => this.emit(event, snapshot));
    }
    inner.on('change', (readers) => this.emit('change', [...readers, this.snapshot()]));
    inner.on('error', (error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  /** Takes the foreign card out and puts it back: a new insertion a bridge watching the slot would see. */
  reinsert(): void {
    this.insertion++;
    this.emit('card-inserted', this.snapshot());
    this.emit('change', this.readers());
  }

  readers(): ReaderSnapshot[] {
    return [...this.inner.readers(), this.snapshot()];
  }

  readerService(): ReaderService {
    return this.inner.readerService?.() ?? 'running';
  }

  transport(readerName: string): ApduTransport {
    return readerName === this.foreignReader ? this.transportOfCard : this.inner.transport(readerName);
  }

  close(): void | Promise<void> {
    this.removeAllListeners();
    return this.inner.close();
  }

  private snapshot(): ReaderSnapshot {
    return {
      name: this.foreignReader,
      presence: 'present',
      atr: FOREIGN_CARD_ATR_HEX,
      insertion: this.insertion,
    };
  }
}
