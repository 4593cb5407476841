/**
 * Reader discovery and hot-plug over PC/SC: which readers exist, which hold a card, and events when
 * a reader or a card comes or goes. One PcscTransport per reader, told at once when its card leaves.
 */
import { EventEmitter } from 'node:events';
import type { CardReader, PCSCLite, ReaderStatus } from 'pcsclite';
import { PcscTransport, type PcscTransportOptions } from './pcsc-transport';
import { isServiceDown } from './pcsc-errors';
import { NoReaderError } from '../jpki/errors';
import { toHex } from '../jpki/apdu';

type CardPresence = 'absent' | 'present' | 'mute';

export interface ReaderSnapshot {
  name: string;
  presence: CardPresence;
  /** ATR as upper-case hex while a card is present. */
  atr?: string;
  /**
   * Counts the insertions this reader has seen. A card swapped faster than presence polling looks
   * unchanged otherwise; a new value means a new card (and so a new cardId) even with the same ATR.
   */
  insertion?: number;
}

/** running: the PC/SC service answers; unavailable: it is down or restarting (no readers then). */
export type ReaderService = 'running' | 'unavailable';

export interface ReaderEvents {
  'reader-added': [ReaderSnapshot];
  'reader-removed': [ReaderSnapshot];
  'card-inserted': [ReaderSnapshot];
  'card-removed': [ReaderSnapshot];
  /** Any of the above; carries every reader's state. */
  change: [ReaderSnapshot[]];
  error: [Error];
}

interface ReaderEntry {
  reader: CardReader;
  snapshot: ReaderSnapshot;
  transport: PcscTransport;
  reported: boolean;
  /** pcsc-lite's per-reader event counter (high 16 bits of dwEventState) at the last status. */
  eventCounter?: number;
}

/** How long start() waits for pcscd to report the first readers' states. */
const FIRST_SCAN_MS = 1_500;

export class PcscReaderMonitor extends EventEmitter<ReaderEvents> {
  private readonly entries = new Map<string, ReaderEntry>();
  private service: ReaderService = 'running';
  private insertions = 0;

  private constructor(
    private readonly pcsc: PCSCLite,
    private readonly transportOptions: PcscTransportOptions,
  ) {
    super();
  }

  /** Connects to pcscd and resolves once every reader present at start has reported its state. */
  static async start(options: PcscTransportOptions = {}): Promise<PcscReaderMonitor> {
    // Loaded here so that code paths without PC/SC (the simulator backend) never need libpcsclite.
    const { default: pcsclite } = await import('pcsclite');
    const monitor = new PcscReaderMonitor(pcsclite(), options);
    monitor.pcsc.on('reader', (reader) => monitor.addReader(reader));
    monitor.pcsc.on('error', (error) => monitor.onServiceError(error));
    await monitor.firstScan();
    return monitor;
  }

  readers(): ReaderSnapshot[] {
    if (this.service === 'unavailable') return [];
    return [...this.entries.values()].map((entry) => ({ ...entry.snapshot }));
  }

  readerService(): ReaderService {
    return this.service;
  }

  /** The transport of a reader by name, or of the first reader holding a card. */
  transport(readerName?: string): PcscTransport {
    const entry = readerName
      ? this.entries.get(readerName)
      : [...this.entries.values()].find((e) => e.snapshot.presence === 'present');
    if (!entry) throw new NoReaderError();
    return entry.transport;
  }

  close(): void {
    for (const entry of this.entries.values()) {
      void entry.transport.release(true);
      entry.reader.removeAllListeners('status');
      entry.reader.close();
    }
    this.entries.clear();
    this.pcsc.removeAllListeners('error');
    this.pcsc.on('error', () => undefined); // close() cancels pcscd's wait and reports that as an error
    this.pcsc.close();
  }

  private async firstScan(): Promise<void> {
    const deadline = Date.now() + FIRST_SCAN_MS;
    // Readers arrive on the next ticks; then each reports its first status.
    await new Promise((resolve) => setTimeout(resolve, 50));
    while (Date.now() < deadline && [...this.entries.values()].some((e) => !e.reported)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * pcscd gone (SCARD_E_NO_SERVICE / SCARD_E_SERVICE_STOPPED): every reader and card is lost with it.
   * The service counts as back when pcsclite reports a reader again.
   */
  private onServiceError(error: Error): void {
    if (isServiceDown(error) && this.service === 'running') {
      this.service = 'unavailable';
      for (const entry of this.entries.values()) entry.transport.cardRemoved();
      this.entries.clear();
      this.emit('change', this.readers());
    }
    this.emitError(error);
  }

  private serviceBack(): void {
    if (this.service === 'running') return;
    this.service = 'running';
    this.emit('change', this.readers());
  }

  private addReader(reader: CardReader): void {
    const entry: ReaderEntry = {
      reader,
      snapshot: { name: reader.name, presence: 'absent' },
      transport: new PcscTransport(reader, this.transportOptions),
      reported: false,
    };
    this.serviceBack();
    this.entries.set(reader.name, entry);
    reader.on('error', (error) => this.emitError(error));
    reader.on('status', (status) => this.onStatus(entry, status));
    reader.on('end', () => {
      this.entries.delete(reader.name);
      entry.transport.cardRemoved();
      this.emit('reader-removed', { ...entry.snapshot, presence: 'absent' });
      this.emit('change', this.readers());
    });
    this.emit('reader-added', { ...entry.snapshot });
    this.emit('change', this.readers());
  }

  /**
   * The one rule for a new insertion: a card is in the reader now, and before there was none or
   * pcsc-lite's event counter has moved. The counter changes with every insertion and removal, even
   * ones between two polls, so a card still present with a moved counter was swapped. Nothing else
   * (a failed transmit, a reset, mute ↔ present) makes a new card.
   */
  private onStatus(entry: ReaderEntry, status: ReaderStatus): void {
    const { reader } = entry;
    const before = entry.snapshot.presence;
    const counter = status.state >>> 16;
    const swapped = entry.eventCounter !== undefined && counter !== entry.eventCounter;
    entry.eventCounter = counter;
    const presence: CardPresence =
      (status.state & reader.SCARD_STATE_PRESENT) === 0
        ? 'absent'
        : (status.state & reader.SCARD_STATE_MUTE) !== 0
          ? 'mute'
          : 'present';
    entry.reported = true;
    const atr = presence === 'absent' || !status.atr?.length ? undefined : toHex(status.atr);
    const reinserted = presence !== 'absent' && (before === 'absent' || swapped);
    if (presence === before && atr === entry.snapshot.atr && !reinserted) return;
    const insertion = reinserted ? ++this.insertions : entry.snapshot.insertion;
    entry.snapshot = {
      name: reader.name,
      presence,
      ...(atr ? { atr } : {}),
      ...(presence !== 'absent' && insertion !== undefined ? { insertion } : {}),
    };
    if (before !== 'absent' && presence === 'absent') {
      entry.transport.cardRemoved();
      this.emit('card-removed', { ...entry.snapshot });
    } else if (before === 'absent' && presence !== 'absent') {
      this.emit('card-inserted', { ...entry.snapshot });
    }
    this.emit('change', this.readers());
  }

  private emitError(error: Error): void {
    // No listener must not crash the bridge: pcscd hiccups are reported, not thrown.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
