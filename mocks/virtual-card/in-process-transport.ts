/**
 * The virtual card as an ApduTransport inside the test process: what the native bridge's driver
 * would get from PC/SC, minus pcscd. It can be pulled out of the "reader" (remove/insert) or be set
 * to vanish when a given APDU arrives, to test the driver's CARD_REMOVED paths.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { CardRemovedError } from '../../native-bridge/src/jpki/errors';
import type { ApduTransport } from '../../native-bridge/src/transport/apdu-transport';
import type { CardPace } from './card-pace';
import type { VirtualJpkiCard } from './jpki-applet';

export interface ApduLogEntry {
  command: string;
  response: string;
}

export interface VirtualCardTransportOptions {
  /** The card disappears when APDU number N+1 arrives (counted from construction). */
  removeAfterApdus?: number;
  /**
   * Keep a hex log of every command and response in `log`. Off by default: VERIFY commands carry
   * PINs, so the log is for assertions in tests and must never be printed.
   */
  keepLog?: boolean;
  /** Expose `epoch` (see there). Default false. */
  reportEpoch?: boolean;
  /** A slow or hanging card: the card answers at once, its answer leaves when the pace says. */
  pace?: CardPace;
}

export class VirtualCardTransport implements ApduTransport {
  /** APDUs the card has answered. */
  apduCount = 0;
  /**
   * One-shot: when APDU number `removeAfterApdus + 1` (compared with `apduCount`) arrives, the
   * card is removed instead of answering. Cleared once it fired; set it again to re-arm.
   */
  removeAfterApdus: number | undefined;
  /** Command/response hex pairs when `keepLog` is on; empty otherwise. */
  readonly log: ApduLogEntry[] = [];

  private present = true;
  private readonly keepLog: boolean;
  private readonly reportEpoch: boolean;
  private readonly pace: CardPace | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Marks async contexts that already hold the exclusive lock, so nested exclusive() can't deadlock. */
  private readonly holder = new AsyncLocalStorage<true>();

  constructor(
    readonly card: VirtualJpkiCard,
    options: VirtualCardTransportOptions = {},
  ) {
    this.removeAfterApdus = options.removeAfterApdus;
    this.keepLog = options.keepLog ?? false;
    this.reportEpoch = options.reportEpoch ?? false;
    this.pace = options.pace;
    card.powerOn();
  }

  /**
   * ApduTransport.epoch (only with `reportEpoch`): changes whenever the card lost its volatile
   * state (power-up, reset, removal), so a driver may cache its selection while it stays the same.
   * Undefined by default, so drivers select afresh in every operation as with an unknown reader.
   */
  get epoch(): number | undefined {
    return this.reportEpoch ? this.card.powerEvents : undefined;
  }

  get isCardPresent(): boolean {
    return this.present;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (!this.present) throw new CardRemovedError();
    if (this.removeAfterApdus !== undefined && this.apduCount >= this.removeAfterApdus) {
      this.removeAfterApdus = undefined;
      this.remove();
      throw new CardRemovedError();
    }
    const response = this.card.process(new Uint8Array(command));
    this.apduCount++;
    if (this.keepLog) this.log.push({ command: toHex(command), response: toHex(response) });
    await this.pace?.hold(command);
    return response;
  }

  /** Runs operations one after another, like a PC/SC transaction; re-entrant within one operation. */
  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    if (this.holder.getStore()) return operation();
    const run = this.queue.then(() => this.holder.run(true, operation));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Pulls the card out: the next transmit rejects with CardRemovedError. */
  remove(): void {
    this.present = false;
    this.card.powerOff();
  }

  /** Puts the card back: powered on with a clean security state; PIN counters are kept. */
  insert(): void {
    this.card.powerOn();
    this.present = true;
  }
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}
