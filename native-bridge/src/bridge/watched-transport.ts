/**
 * The transport a card's driver gets from the bridge. It knows whether a command is with the card
 * right now (and whether that command is a VERIFY carrying a PIN), so a timed-out operation can be
 * told apart from a stuck reader (BR-MTH-76); and it can be abandoned, so a driver the bridge gave up
 * on sends nothing more to the card.
 *
 * A PC/SC transmit cannot be cancelled: pcsclite runs SCardTransmit on a libuv worker thread, which
 * keeps the bridge's event loop free but holds the command until the reader returns it. So the
 * bridge does not cancel; it stops waiting, and watches for the command to come back. pcsclite gives
 * each reader its own PC/SC contexts (one for commands, one for status), so a stuck reader holds up
 * neither the other readers nor the card-change reports; only a disconnect of the stuck reader
 * would wait behind the command (pcsc-lite locks the context per call), so the bridge resets the
 * card only after the command came back.
 */
import { Ins } from '../../../stb-spec/protocol/jpki-card';
import { CardDataError } from '../jpki/errors';
import type { ApduTransport } from '../transport/apdu-transport';

export interface CommandInFlight {
  /** A VERIFY with data: the card may count a PIN try whatever becomes of the exchange. */
  readonly verifyWithPin: boolean;
  /** Settles (never rejects) when the transport returns the command, answered or failed. */
  readonly returned: Promise<void>;
}

export class WatchedTransport implements ApduTransport {
  private current: CommandInFlight | undefined;
  private abandoned = false;

  constructor(private readonly inner: ApduTransport) {}

  get epoch(): number | undefined {
    return this.inner.epoch;
  }

  /** The command the card holds now, if any. */
  get inFlight(): CommandInFlight | undefined {
    return this.current;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (this.abandoned) throw new CardDataError('The bridge stopped this card operation');
    const sent = this.inner.transmit(command);
    const entry: CommandInFlight = {
      verifyWithPin: command[1] === Ins.verify && command.length > 5,
      returned: sent.then(
        () => undefined,
        () => undefined,
      ),
    };
    this.current = entry;
    try {
      return await sent;
    } finally {
      if (this.current === entry) this.current = undefined;
    }
  }

  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return this.inner.exclusive(operation);
  }

  /** From now on every command fails at once: the operation that used this transport is over. */
  abandon(): void {
    this.abandoned = true;
  }
}
