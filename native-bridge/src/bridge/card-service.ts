/**
 * The bridge's card logic, below JSON-RPC: which reader holds a My Number Card, one exclusive card
 * operation at a time (others get BUSY), status changes for registered clients. Each inserted card
 * gets its own JpkiCard and a random identity (cardId), and is classified (SELECT AP + token EF) as
 * soon as it arrives. A call naming another card than the one in the reader never reaches the card.
 * A card operation gets CARD_OPERATION_TIMEOUT_MS; a reader still holding the command after that is
 * `stuck` until the command comes back, then its card is reset and classified as a new insertion.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Status } from '../../../stb-spec/protocol/methods';
import { CARD_OPERATION_TIMEOUT_MS } from '../../../stb-spec/protocol/names';
import { JpkiCard, checkPinFormat, type PinStatus, type PinUseOptions } from '../jpki/jpki-card';
import type { CertificateSlot, KeyKind, PinKind } from '../../../stb-spec/protocol/jpki-card';
import {
  CardBusyError,
  CardChangedError,
  CardDataError,
  CardError,
  CardTimeoutError,
  NoCardError,
  NoReaderError,
  NotMyNumberCardError,
  ReaderServiceUnavailableError,
} from '../jpki/errors';
import type { ReaderSnapshot } from '../transport/pcsc-readers';
import type { CardBackend } from './card-backend';
import { WatchedTransport } from './watched-transport';

type CardClass = 'absent' | 'mute' | 'detecting' | 'present' | 'unsupported';

interface ReaderCard {
  snapshot: ReaderSnapshot;
  cardClass: CardClass;
  /** Random per insertion, never derived from the card; undefined while the reader is empty. */
  cardId?: string;
  driver?: JpkiCard;
  /** The driver's view of the reader's transport: what is with the card now. */
  watch?: WatchedTransport;
  detection?: Promise<void>;
  /** A timed-out command has not come back from the reader: every operation is BUSY 'stuck'. */
  stuck?: boolean;
}

export interface CardServiceOptions {
  /** How long a card operation may take (BR-MTH-76); tests use less than the spec's value. */
  operationTimeoutMs?: number;
}

export interface CardServiceEvents {
  statusChanged: [Status];
  /** A card the reader shows could not be classified on one attempt (for the logs: no card data). */
  detectionFailed: [reader: string, errorName: string, attempt: number];
}

/**
 * A card the reader still shows but that answered "removed" while being classified (a handle from
 * before a quick swap, a reset by another process) is tried again, this many times, this far apart.
 * A card still failing then is reported mute: in the reader, not answering, never "absent".
 */
const DETECTION_ATTEMPTS = 3;
const DETECTION_RETRY_MS = 300;

/** Which card a call means: a reader by name and/or the identity it last saw there. */
export interface CardTarget {
  reader?: string;
  cardId?: string;
}

const newCardId = () => randomBytes(16).toString('base64url');

export class CardService extends EventEmitter<CardServiceEvents> {
  private readonly cards = new Map<string, ReaderCard>();
  private busy = false;
  private resetting: Promise<void> = Promise.resolve();
  private lastStatus = '';
  /** The time a card operation gets before it ends with CARD_ERROR {timeout: true}. */
  readonly operationTimeoutMs: number;

  constructor(
    private readonly backend: CardBackend,
    options: CardServiceOptions = {},
  ) {
    super();
    this.operationTimeoutMs = options.operationTimeoutMs ?? CARD_OPERATION_TIMEOUT_MS;
    backend.on('change', (readers) => this.sync(readers));
    this.sync(backend.readers());
  }

  status(): Status {
    if (this.serviceDown()) return { readerService: 'unavailable', readers: [] };
    const readers = [...this.cards.values()].map(({ snapshot, cardClass, cardId }) => ({
      name: snapshot.name,
      card: cardClass === 'detecting' ? ('checking' as const) : cardClass,
      ...(cardId === undefined ? {} : { cardId }),
    }));
    const myNumberCard = [...this.cards.values()].find((c) => c.cardClass === 'present');
    return myNumberCard
      ? { readerService: 'running', readers, token: 'JPKIAPICCTOKEN2', cardId: myNumberCard.cardId! }
      : { readerService: 'running', readers };
  }

  /** The stable names of the only readers served, when configured (getInfo's `readerAllowList`). */
  readerAllowList(): readonly string[] | undefined {
    return this.backend.readerAllowList;
  }

  /** Resolves once every card in a reader has been classified (tests and the kit wait on it). */
  async settled(): Promise<void> {
    await Promise.all([...this.cards.values()].map((c) => c.detection));
  }

  readCertificate(slot: Exclude<CertificateSlot, 'sign'>, target: CardTarget = {}): Promise<Uint8Array> {
    return this.withCard(target, (card) => card.readCertificate(slot));
  }

  async readSignCertificate(
    password: string,
    options: PinUseOptions,
    target: CardTarget = {},
  ): Promise<Uint8Array> {
    checkPinFormat('sign', password);
    return this.withCard(target, (card) => card.readSignCertificate(password, options), 'reset');
  }

  pinStatus(kind: PinKind, target: CardTarget = {}): Promise<PinStatus> {
    return this.withCard(target, (card) => card.pinStatus(kind));
  }

  async sign(
    key: KeyKind,
    pin: string,
    digest: Uint8Array,
    options: PinUseOptions,
    target: CardTarget = {},
  ): Promise<Uint8Array> {
    // A malformed PIN is refused before anything else, whatever the reader's state.
    checkPinFormat(key === 'auth' ? 'auth' : 'sign', pin);
    return this.withCard(target, (card) => card.sign(key, pin, digest, options), 'reset');
  }

  /**
   * One exclusive card operation at a time: a second caller is refused at once, not queued. After an
   * operation that sent a PIN, the card is given back reset (BR-CARD-14), so no process — nor a
   * restarted bridge — inherits a verified PIN; the reply does not wait for it, the next call does.
   */
  private async withCard<T>(
    target: CardTarget,
    operation: (card: JpkiCard) => Promise<T>,
    afterUse: 'keep' | 'reset' = 'keep',
  ): Promise<T> {
    await this.resetting;
    if (this.serviceDown()) throw new ReaderServiceUnavailableError();
    if (this.busy) throw new CardBusyError('operation');
    this.busy = true;
    let usedReader: string | undefined;
    let timedOut = false;
    try {
      const entry = this.chooseCard(target);
      usedReader = entry.snapshot.name;
      return await this.withinTime(operation(entry.driver!), () => {
        timedOut = true;
        return this.giveUp(entry);
      });
    } catch (error) {
      // The card left mid-operation: take the readers' word now rather than wait for their event.
      if (error instanceof CardError && error.errorName === 'CARD_REMOVED') this.sync(this.backend.readers());
      throw error;
    } finally {
      if (afterUse === 'reset' && usedReader !== undefined && !timedOut)
        this.resetting = this.reset(usedReader);
      this.busy = false;
    }
  }

  /** The operation's result, or the time-out's error once operationTimeoutMs passed (BR-MTH-76). */
  private withinTime<T>(running: Promise<T>, onTimeout: () => Error): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(onTimeout()), this.operationTimeoutMs);
    });
    running.catch(() => undefined); // still settles after a time-out; nobody waits for it then
    return Promise.race([running, timeout]).finally(() => clearTimeout(timer));
  }

  /**
   * The bridge stops waiting for the card. A command still with the reader (it cannot be cancelled)
   * makes the reader `stuck` until it comes back; otherwise the card is given back reset, since a
   * PIN may have been verified, and gets a fresh driver: the abandoned one sends nothing more.
   */
  private giveUp(entry: ReaderCard): Error {
    const watch = entry.watch!;
    const pending = watch.inFlight;
    watch.abandon();
    const error = new CardTimeoutError(this.operationTimeoutMs);
    if (pending?.verifyWithPin) error.verifyOutcome = 'unknown';
    if (pending) {
      entry.stuck = true;
      void pending.returned.then(() => this.recover(entry));
    } else {
      this.resetting = this.reset(entry.snapshot.name);
      this.attachDriver(entry);
    }
    return error;
  }

  /**
   * The stuck command came back: reset the card (it may hold a verified PIN, or be lost half way
   * through a command) and classify it again as a new insertion, with a new cardId.
   */
  private async recover(entry: ReaderCard): Promise<void> {
    await this.reset(entry.snapshot.name);
    if (this.cards.get(entry.snapshot.name) !== entry) return; // removed or replaced meanwhile
    const next: ReaderCard = { snapshot: entry.snapshot, cardClass: 'detecting', cardId: newCardId() };
    this.cards.set(entry.snapshot.name, next);
    next.detection = this.detect(next);
    this.publish();
  }

  private async reset(readerName: string): Promise<void> {
    try {
      await this.backend.transport(readerName).release?.(true);
    } catch {
      // The card or reader is gone: nothing is left verified to reset.
    }
  }

  /**
   * The card a call means. With a cardId, only the card holding that identity will do: any other
   * (or none) is CARD_CHANGED, decided from what the bridge already knows, before any APDU.
   */
  private chooseCard({ reader, cardId }: CardTarget): ReaderCard {
    if (this.cards.size === 0 && cardId === undefined) throw new NoReaderError();
    const named = reader === undefined ? undefined : this.cards.get(reader);
    if (reader !== undefined && !named && cardId === undefined) throw new NoReaderError();
    const candidates = reader === undefined ? [...this.cards.values()] : named ? [named] : [];
    // A stuck reader answers every operation meant for it before anything else is looked at.
    if ((reader === undefined ? this.pick(candidates) : named)?.stuck) throw new CardBusyError('stuck');
    if (cardId !== undefined) {
      const same = candidates.find((e) => e.cardId === cardId);
      if (!same) throw new CardChangedError(this.pick(candidates)?.cardId);
      return this.usable(same);
    }
    const entry = this.pick(candidates);
    if (!entry) throw new NoCardError(reader);
    return this.usable(entry);
  }

  /** A reader's My Number Card first, then any card (classified or not), else none. */
  private pick(entries: ReaderCard[]): ReaderCard | undefined {
    return (
      entries.find((e) => e.cardClass === 'present' || e.stuck) ??
      entries.find((e) => e.cardClass === 'detecting') ??
      entries.find((e) => e.cardClass !== 'absent')
    );
  }

  private usable(entry: ReaderCard): ReaderCard {
    if (entry.cardClass === 'absent') throw new NoCardError(entry.snapshot.name);
    if (entry.cardClass === 'detecting') throw new CardBusyError('checking');
    if (entry.cardClass === 'mute') throw new CardDataError('The card in the reader does not answer');
    if (entry.cardClass !== 'present') throw new NotMyNumberCardError(entry.snapshot.atr ?? '');
    return entry;
  }

  private serviceDown(): boolean {
    return this.backend.readerService?.() === 'unavailable';
  }

  private sync(readers: ReaderSnapshot[]): void {
    const names = new Set(readers.map((r) => r.name));
    for (const name of this.cards.keys()) if (!names.has(name)) this.cards.delete(name);
    for (const snapshot of readers) {
      const entry = this.cards.get(snapshot.name);
      const sameCard =
        entry &&
        entry.snapshot.presence === snapshot.presence &&
        entry.snapshot.atr === snapshot.atr &&
        entry.snapshot.insertion === snapshot.insertion;
      if (sameCard) continue;
      // A card that was there and still is (mute ↔ present, a new ATR after a reset) keeps its
      // identity unless the backend counted a new insertion. A backend that counts none leaves only
      // the ATR to tell a swap by.
      const sameInsertion =
        entry?.cardId !== undefined &&
        snapshot.presence !== 'absent' &&
        entry.snapshot.insertion === snapshot.insertion &&
        (snapshot.insertion !== undefined || entry.snapshot.atr === snapshot.atr);
      const next: ReaderCard = {
        snapshot,
        cardClass: snapshot.presence === 'present' ? 'detecting' : snapshot.presence,
        ...(snapshot.presence === 'absent' ? {} : { cardId: sameInsertion ? entry.cardId : newCardId() }),
      };
      this.cards.set(snapshot.name, next);
      if (next.cardClass === 'detecting') next.detection = this.detect(next);
    }
    // Announced at once, a new card as `checking`: the viewer sees the TV react as the card goes
    // in, not only after its classification (published again when that ends).
    this.publish();
  }

  /** A fresh driver over a fresh watch of the reader's transport. */
  private attachDriver(entry: ReaderCard): JpkiCard {
    entry.watch = new WatchedTransport(this.backend.transport(entry.snapshot.name));
    entry.driver = new JpkiCard(entry.watch, { atr: entry.snapshot.atr });
    return entry.driver;
  }

  private async detect(entry: ReaderCard): Promise<void> {
    const probe: ReaderCard = { ...entry };
    let driver: JpkiCard | undefined;
    let cardClass: CardClass | undefined;
    for (let attempt = 1; cardClass === undefined; attempt++) {
      try {
        // Inside the try: a reader unplugged (or the service gone) meanwhile has no transport.
        driver = this.attachDriver(probe);
        await driver.detect();
        cardClass = 'present';
      } catch (error) {
        const errorName = error instanceof CardError ? error.errorName : 'CARD_ERROR';
        // Not a My Number Card is an answer; anything else is a card that could not be read.
        if (errorName !== 'NOT_MY_NUMBER_CARD')
          this.emit('detectionFailed', entry.snapshot.name, errorName, attempt);
        const gone = errorName === 'CARD_REMOVED' || errorName === 'NO_READER';
        // A card that cannot be read at all is reported like one without the JPKI AP.
        if (!gone) cardClass = 'unsupported';
        else if (attempt >= DETECTION_ATTEMPTS) cardClass = 'mute';
        // Gone: take the readers' word now; a card or reader really gone replaces this entry.
        else this.sync(this.backend.readers());
      }
      if (this.cards.get(entry.snapshot.name) !== entry) return; // the card changed meanwhile
      if (cardClass === undefined) {
        // The readers may not have seen the removal yet: ask them again after a while.
        await new Promise((resolve) => setTimeout(resolve, DETECTION_RETRY_MS));
        this.sync(this.backend.readers());
        if (this.cards.get(entry.snapshot.name) !== entry) return;
      }
    }
    entry.cardClass = cardClass;
    entry.driver = driver;
    entry.watch = probe.watch;
    // A classification is announced once every card checked with it is known: never a mix of
    // final and checking cards that the app could mistake for the final word.
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
