/**
 * The bridge's card logic, below JSON-RPC: which reader holds a My Number Card, one exclusive card
 * operation at a time (others get BUSY), status changes for registered clients. Each inserted card
 * gets its own JpkiCard and is detected (SELECT AP + token EF) as soon as it arrives.
 */
import { EventEmitter } from 'node:events';
import { JpkiCard, type PinStatus, type PinUseOptions } from '../jpki/jpki-card';
import type { CertificateSlot, KeyKind, PinKind } from '../jpki/constants';
import {
  CardBusyError,
  CardDataError,
  CardError,
  NoCardError,
  NoReaderError,
  NotMyNumberCardError,
} from '../jpki/errors';
import type { ReaderSnapshot } from '../transport/pcsc-readers';
import type { CardBackend } from './card-backend';
import type { Status } from '../../../stb-spec/protocol';

type CardClass = 'absent' | 'mute' | 'detecting' | 'present' | 'unsupported';

interface ReaderCard {
  snapshot: ReaderSnapshot;
  cardClass: CardClass;
  driver?: JpkiCard;
  detection?: Promise<void>;
}

export interface CardServiceEvents {
  statusChanged: [Status];
}

export class CardService extends EventEmitter<CardServiceEvents> {
  private readonly cards = new Map<string, ReaderCard>();
  private busy = false;
  private resetting: Promise<void> = Promise.resolve();
  private lastStatus = '';

  constructor(private readonly backend: CardBackend) {
    super();
    backend.on('change', (readers) => this.sync(readers));
    this.sync(backend.readers());
  }

  status(): Status {
    const readers = [...this.cards.values()].map(({ snapshot, cardClass }) => ({
      name: snapshot.name,
      card: cardClass === 'detecting' ? ('present' as const) : cardClass,
    }));
    const hasMyNumberCard = [...this.cards.values()].some((c) => c.cardClass === 'present');
    return hasMyNumberCard ? { readers, token: 'JPKIAPICCTOKEN2' } : { readers };
  }

  /** Resolves once every card in a reader has been classified (tests and the kit wait on it). */
  async settled(): Promise<void> {
    await Promise.all([...this.cards.values()].map((c) => c.detection));
  }

  readCertificate(slot: Exclude<CertificateSlot, 'sign'>, reader?: string): Promise<Uint8Array> {
    return this.withCard(reader, (card) => card.readCertificate(slot));
  }

  readSignCertificate(password: string, options: PinUseOptions, reader?: string): Promise<Uint8Array> {
    return this.withCard(reader, (card) => card.readSignCertificate(password, options), 'reset');
  }

  pinStatus(kind: PinKind, reader?: string): Promise<PinStatus> {
    return this.withCard(reader, (card) => card.pinStatus(kind));
  }

  sign(
    key: KeyKind,
    pin: string,
    digest: Uint8Array,
    options: PinUseOptions,
    reader?: string,
  ): Promise<Uint8Array> {
    return this.withCard(reader, (card) => card.sign(key, pin, digest, options), 'reset');
  }

  /**
   * One exclusive card operation at a time: a second caller is refused at once, not queued. After an
   * operation that sent a PIN, the card is given back reset (BR-CARD-14), so no process — nor a
   * restarted bridge — inherits a verified PIN; the reply does not wait for it, the next call does.
   */
  private async withCard<T>(
    readerName: string | undefined,
    operation: (card: JpkiCard) => Promise<T>,
    afterUse: 'keep' | 'reset' = 'keep',
  ): Promise<T> {
    await this.resetting;
    if (this.busy) throw new CardBusyError();
    this.busy = true;
    let usedReader: string | undefined;
    try {
      const entry = await this.chooseCard(readerName);
      usedReader = entry.snapshot.name;
      return await operation(entry.driver!);
    } catch (error) {
      // The card left mid-operation: take the readers' word now rather than wait for their event.
      if (error instanceof CardError && error.errorName === 'CARD_REMOVED') this.sync(this.backend.readers());
      throw error;
    } finally {
      if (afterUse === 'reset' && usedReader !== undefined) this.resetting = this.reset(usedReader);
      this.busy = false;
    }
  }

  private async reset(readerName: string): Promise<void> {
    try {
      await this.backend.transport(readerName).release?.(true);
    } catch {
      // The card or reader is gone: nothing is left verified to reset.
    }
  }

  private async chooseCard(readerName: string | undefined): Promise<ReaderCard> {
    if (this.cards.size === 0) throw new NoReaderError();
    await this.settled();
    if (readerName !== undefined) {
      const entry = this.cards.get(readerName);
      if (!entry) throw new NoReaderError();
      return this.usable(entry);
    }
    const entries = [...this.cards.values()];
    const myNumberCard = entries.find((e) => e.cardClass === 'present');
    if (myNumberCard) return myNumberCard;
    const anyCard = entries.find((e) => e.cardClass !== 'absent');
    if (anyCard) return this.usable(anyCard);
    throw new NoCardError();
  }

  private usable(entry: ReaderCard): ReaderCard {
    if (entry.cardClass === 'absent') throw new NoCardError(entry.snapshot.name);
    if (entry.cardClass === 'mute') throw new CardDataError('The card in the reader does not answer');
    if (entry.cardClass !== 'present') throw new NotMyNumberCardError(entry.snapshot.atr ?? '');
    return entry;
  }

  private sync(readers: ReaderSnapshot[]): void {
    const names = new Set(readers.map((r) => r.name));
    for (const name of this.cards.keys()) if (!names.has(name)) this.cards.delete(name);
    for (const snapshot of readers) {
      const entry = this.cards.get(snapshot.name);
      const sameCard =
        entry && entry.snapshot.presence === snapshot.presence && entry.snapshot.atr === snapshot.atr;
      if (sameCard) continue;
      const next: ReaderCard = {
        snapshot,
        cardClass: snapshot.presence === 'present' ? 'detecting' : snapshot.presence,
      };
      this.cards.set(snapshot.name, next);
      if (next.cardClass === 'detecting') next.detection = this.detect(next);
    }
    // A card being detected is announced once, when we know whether it is a My Number Card.
    if (![...this.cards.values()].some((c) => c.cardClass === 'detecting')) this.publish();
  }

  private async detect(entry: ReaderCard): Promise<void> {
    const driver = new JpkiCard(this.backend.transport(entry.snapshot.name), { atr: entry.snapshot.atr });
    let cardClass: CardClass;
    try {
      await driver.detect();
      cardClass = 'present';
    } catch (error) {
      // A card that cannot be read at all is reported like one without the JPKI AP.
      cardClass = error instanceof CardError && error.errorName === 'CARD_REMOVED' ? 'absent' : 'unsupported';
    }
    if (this.cards.get(entry.snapshot.name) !== entry) return; // the card changed meanwhile
    entry.cardClass = cardClass;
    entry.driver = driver;
    if (![...this.cards.values()].some((c) => c.cardClass === 'detecting')) this.publish();
  }

  private publish(): void {
    const status = this.status();
    const serialised = JSON.stringify(status);
    if (serialised === this.lastStatus) return;
    this.lastStatus = serialised;
    this.emit('statusChanged', status);
  }
}
