/**
 * APDU transport over PC/SC (pcsclite → pcscd → reader). The card is connected in exclusive share
 * mode and held while it stays in the reader, so no other process can interleave APDUs between our
 * VERIFY and our signature; `release()` gives it back (resetting it, which clears verified PINs).
 * pcsclite has no SCardBeginTransaction, and exclusive mode gives the same guarantee.
 */
import type { CardReader } from 'pcsclite';
import type { ApduTransport } from './apdu-transport';
import { CardRemovedError } from '../jpki/errors';
import { cardErrorFromPcsc } from './pcsc-errors';

/** Largest short response: 256 data bytes + SW1 SW2. */
const MAX_RESPONSE = 258;
export interface PcscTransportOptions {
  /**
   * A card that has not answered by then is treated as gone (tools and benchmarks). Unset (the
   * bridge): a transmit waits for the reader, since SCardTransmit cannot be cancelled; the bridge
   * times the whole card operation itself and watches for the command to come back (BR-MTH-76).
   */
  transmitTimeoutMs?: number;
}

export class PcscTransport implements ApduTransport {
  private protocol: number | undefined;
  private connecting: Promise<void> | undefined;
  private disconnecting: Promise<void> = Promise.resolve();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Set<(error: Error) => void>();
  private currentEpoch = 0;

  constructor(
    private readonly reader: CardReader,
    private readonly options: PcscTransportOptions = {},
  ) {}

  get readerName(): string {
    return this.reader.name;
  }

  get epoch(): number {
    return this.currentEpoch;
  }

  /** Serialises operations within this process; exclusivity towards other processes is the share mode. */
  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    await this.connect();
    const protocol = this.protocol!;
    const timeoutMs = this.options.transmitTimeoutMs;
    return new Promise<Uint8Array>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(error);
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.dropConnection();
              fail(new CardRemovedError(`The card did not answer within ${timeoutMs} ms`));
            }, timeoutMs);
      this.pending.add(fail);
      this.reader.transmit(Buffer.from(command), MAX_RESPONSE, protocol, (error, data) => {
        if (!this.pending.has(fail)) return; // already failed by removal or timeout
        if (error) {
          this.dropConnection();
          fail(cardErrorFromPcsc(error, this.reader.name));
          return;
        }
        if (data.length < 2) {
          // vpcd and some readers answer "success" with no bytes when the card left mid-command.
          this.dropConnection();
          fail(new CardRemovedError('The card left before it answered'));
          return;
        }
        clearTimeout(timer);
        this.pending.delete(fail);
        resolve(new Uint8Array(data));
      });
    });
  }

  /** The reader reported the card gone: fail what is in flight at once rather than wait for pcscd. */
  cardRemoved(): void {
    this.dropConnection();
    for (const fail of [...this.pending]) fail(new CardRemovedError());
  }

  /** Gives the card back to other processes; reset clears the AP's verified PINs. */
  async release(reset = true): Promise<void> {
    if (this.protocol === undefined) return;
    this.disconnect(reset ? this.reader.SCARD_RESET_CARD : this.reader.SCARD_LEAVE_CARD);
    await this.disconnecting;
  }

  private connect(): Promise<void> {
    if (this.protocol !== undefined && this.reader.connected) return Promise.resolve();
    this.connecting ??= this.disconnecting.then(() => this.openExclusive());
    return this.connecting;
  }

  private openExclusive(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const options = {
        share_mode: this.reader.SCARD_SHARE_EXCLUSIVE,
        protocol: this.reader.SCARD_PROTOCOL_T0 | this.reader.SCARD_PROTOCOL_T1,
      };
      this.reader.connect(options, (error, protocol) => {
        this.connecting = undefined;
        if (error) {
          reject(cardErrorFromPcsc(error, this.reader.name));
          return;
        }
        this.protocol = protocol;
        this.currentEpoch++;
        resolve();
      });
    });
  }

  /** The handle is dead already when the card left; disconnecting only frees it. */
  private dropConnection(): void {
    if (this.protocol !== undefined) this.disconnect(this.reader.SCARD_LEAVE_CARD);
  }

  private disconnect(disposition: number): void {
    this.protocol = undefined;
    this.currentEpoch++;
    this.disconnecting = new Promise<void>((resolve) => this.reader.disconnect(disposition, () => resolve()));
  }
}
