/**
 * A card that is not for the bridge: a stand-in for the B-CAS (or ACAS) conditional-access card in
 * a box's second slot. It has no JPKI AP — SELECT of any file answers 6A82 — and records every
 * command APDU it receives, so a test can show that a bridge serving only the My Number reader
 * never sent it anything (spec BR-SEC-51). Played in process (ForeignCardTransport) or on vpcd
 * (`npm run virtual-card -- --foreign-card`, reader "Virtual PCD 00 01" by default).
 */
import type { ApduTransport } from '../../native-bridge/src/transport/apdu-transport';
import { CardRemovedError } from '../../native-bridge/src/jpki/errors';
import { Sw } from './status-words';

/** ATR of the foreign card: T=1, historical bytes "FOREIGN-IC", with its check byte. */
export const FOREIGN_CARD_ATR = withCheckByte([
  0x3b,
  0x8a,
  0x80,
  0x01,
  ...Buffer.from('FOREIGN-IC', 'ascii'),
]);

/** ATR of the foreign card as getStatus and NOT_MY_NUMBER_CARD show it. */
export const FOREIGN_CARD_ATR_HEX = Buffer.from(FOREIGN_CARD_ATR).toString('hex').toUpperCase();

const CLA_ISO = 0x00;
const INS_SELECT = 0xa4;

export class ForeignCard {
  readonly atr = FOREIGN_CARD_ATR;
  /** Every command APDU received, in order. A test asserts on it; nothing prints it. */
  readonly received: Uint8Array[] = [];
  private powerEventCount = 0;

  get powerEvents(): number {
    return this.powerEventCount;
  }

  powerOn(): void {
    this.powerEventCount++;
  }

  powerOff(): void {
    this.powerEventCount++;
  }

  reset(): void {
    this.powerEventCount++;
  }

  /** Records the command; SELECT finds nothing (6A82), other ISO commands are unknown (6D00). */
  process(command: Uint8Array): Uint8Array {
    this.received.push(new Uint8Array(command));
    if (command.length < 4) return status(Sw.wrongLength);
    if (command[0] !== CLA_ISO) return status(Sw.claNotSupported);
    return status(command[1] === INS_SELECT ? Sw.fileNotFound : Sw.insNotSupported);
  }
}

/** The foreign card in an in-process reader: what the bridge would get from PC/SC for that slot. */
export class ForeignCardTransport implements ApduTransport {
  present = true;

  constructor(readonly card: ForeignCard) {
    card.powerOn();
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (!this.present) throw new CardRemovedError();
    return this.card.process(command);
  }

  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return operation();
  }
}

function status(sw: number): Uint8Array {
  return Uint8Array.of(sw >> 8, sw & 0xff);
}

/** TCK: the XOR of every byte from T0 on (required when a protocol other than T=0 is offered). */
function withCheckByte(bytes: number[]): Uint8Array {
  const check = bytes.slice(1).reduce((x, byte) => x ^ byte, 0);
  return Uint8Array.from([...bytes, check]);
}
