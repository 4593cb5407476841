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

export interface ReconnectOptions {
  /** The first wait before a new PC/SC context after pcscd went away; doubled per failure. */
  firstDelayMs?: number;
  /** The longest wait between two attempts. */
  maxDelayMs?: number;
  /** A new context that has reported no error this long counts as the service being back. */
  settleMs?: number;
}

/** The spec asks for a try at least every 2 s while pcscd is away (BR-MTH-74). */
const RECONNECT_DEFAULTS: Required<ReconnectOptions> = {
  firstDelayMs: 250,
  maxDelayMs: 2_000,
  settleMs: 2_000,
};

/**
 * pcscd can go away (an upgrade, a crash) and come back: the monitor then drops every reader, says
 * the service is unavailable, and makes new PC/SC contexts with back-off until pcscd answers again,
 * so readers and cards return without restarting the bridge.
 */
export class PcscReaderMonitor extends EventEmitter<ReaderEvents> {
  private readonly entries = new Map<string, ReaderEntry>();
  private service: ReaderService = 'running';
  private insertions = 0;
  private pcsc: PCSCLite | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private failedAttempts = 0;
  private contexts = 0;
  private closed = false;
  private readonly reconnect: Required<ReconnectOptions>;

  private constructor(
    private readonly newContext: () => PCSCLite,
    private readonly transportOptions: PcscTransportOptions,
    reconnect: ReconnectOptions,
  ) {
    super();
    this.reconnect = { ...RECONNECT_DEFAULTS, ...reconnect };
  }

  /** Connects to pcscd and resolves once every reader present at start has reported its state. */
  static async start(
    options: PcscTransportOptions = {},
    reconnect: ReconnectOptions = {},
  ): Promise<PcscReaderMonitor> {
    // Loaded here so that code paths without PC/SC (the simulator backend) never need libpcsclite;
    // by require, not import(): a dynamic import() in the CommonJS bundle loads Node's whole ES module
    // loader, about 2.4 MB of the box's memory for one call at start.
    let pcsclite: typeof import('pcsclite');
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      pcsclite = require('pcsclite') as typeof import('pcsclite');
    } catch (error) {
      throw addonLoadError(error);
    }
    const monitor = new PcscReaderMonitor(pcsclite, options, reconnect);
    monitor.open();
    await monitor.firstScan();
    return monitor;
  }

  /** How many PC/SC contexts were made after the first (for the logs and tests). */
  get reconnects(): number {
    return this.contexts - 1;
  }

  private open(): void {
    let pcsc: PCSCLite;
    try {
      // pcsclite establishes its context in the constructor: with pcscd down, it throws right here.
      pcsc = this.newContext();
    } catch (error) {
      if (!isServiceDown(error)) throw error;
      this.onServiceError(error as Error);
      return;
    } finally {
      this.contexts++;
    }
    this.pcsc = pcsc;
    pcsc.on('reader', (reader) => {
      if (this.pcsc === pcsc) this.addReader(reader);
    });
    pcsc.on('error', (error) => {
      if (this.pcsc === pcsc) this.onServiceError(error);
    });
    if (this.service === 'unavailable') {
      // pcscd may come back with no reader at all: a context without error for a while is enough.
      this.settleTimer = setTimeout(() => this.serviceBack(), this.reconnect.settleMs);
    }
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
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.settleTimer);
    this.dropReaders(true);
    this.closeContext();
  }

  private dropReaders(release: boolean): void {
    for (const entry of this.entries.values()) {
      if (release) void entry.transport.release(true);
      else entry.transport.cardRemoved();
      const { reader } = entry;
      reader.removeAllListeners('status');
      reader.removeAllListeners('end');
      reader.on('error', () => undefined);
      // Not from inside the reader's own callback: pcsclite holds the reader's lock while it calls
      // us, and close() takes that lock again (a deadlock that stops the whole event loop).
      setImmediate(() => reader.close());
    }
    this.entries.clear();
  }

  private closeContext(): void {
    const pcsc = this.pcsc;
    if (!pcsc) return;
    this.pcsc = undefined;
    pcsc.removeAllListeners('error');
    pcsc.removeAllListeners('reader');
    pcsc.on('error', () => undefined); // close() cancels pcscd's wait and reports that as an error
    // Outside the context's callback, for the same reason as the readers' close().
    setImmediate(() => {
      try {
        pcsc.close();
      } catch {
        // A context pcscd already dropped has nothing left to close.
      }
    });
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
    if (!isServiceDown(error)) {
      this.emitError(error);
      return;
    }
    clearTimeout(this.settleTimer);
    if (this.service === 'running') {
      this.service = 'unavailable';
      this.dropReaders(false);
      this.emit('change', this.readers());
      this.emitError(error); // once per outage, not once per attempt
    } else {
      this.failedAttempts++;
    }
    this.closeContext();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const { firstDelayMs, maxDelayMs } = this.reconnect;
    const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** this.failedAttempts);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closed) return;
      try {
        this.open();
      } catch (error) {
        // Any other refusal of a new context is one more failed try, never the end of the bridge.
        this.failedAttempts++;
        this.emitError(error as Error);
        this.scheduleReconnect();
      }
    }, delay);
  }

  private serviceBack(): void {
    clearTimeout(this.settleTimer);
    if (this.service === 'running') return;
    this.service = 'running';
    this.failedAttempts = 0;
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
    reader.on('error', (error) =>
      isServiceDown(error) ? this.onServiceError(error) : this.emitError(error),
    );
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

/**
 * The PC/SC addon is native code built for one Node.js ABI: another Node on the box cannot load it.
 * Says so plainly, with both versions and the way out, instead of Node's stack of loader lines.
 */
export function addonLoadError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const abi =
    /NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/.exec(message);
  if (!abi) return error instanceof Error ? error : new Error(message);
  return new Error(
    `PC/SC アドオン (pcsclite) はこの Node.js 用にビルドされていません / the PC/SC addon (pcsclite) was ` +
      `built for another Node.js: it has ABI ${abi[1]}, Node.js ${process.version} needs ${abi[2]}. ` +
      'Run the bundle with the Node.js it was built with (BUILD-INFO), or rebuild it on the box image ' +
      'with this Node.js: npm ci && npm run bridge:bundle',
    { cause: error },
  );
}
