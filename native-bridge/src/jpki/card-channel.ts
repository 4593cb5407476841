/**
 * One channel to the card: sends command APDUs, completes T=0 style 61xx/6Cxx answers, counts APDUs,
 * and remembers what is selected while the transport's epoch says the card kept its state — so the
 * driver sends the fewest APDUs that are still correct.
 */
import type { ApduTransport } from '../transport/apdu-transport';
import { type CommandApdu, type ResponseApdu, decodeResponse, encodeCommand, sw1, toHex } from './apdu';
import {
  Cla,
  Ins,
  JPKI_AID,
  SELECT_P2_NO_RESPONSE,
  SelectP1,
  type JpkiEfId,
} from '../../../stb-spec/protocol/jpki-card';
import { type CardOperation, Sw1, errorForStatus, isOk, lengthOf } from './status-words';
import { monotonicMs } from '../monotonic-ms';

/** What a trace sees of an APDU: never the data of a VERIFY (PINs stay out of every log by construction). */
export interface ApduTraceEntry {
  operation: CardOperation;
  header: string;
  dataLength: number;
  sw: number;
  milliseconds: number;
}

export interface CardChannelOptions {
  trace?: (entry: ApduTraceEntry) => void;
}

/** Bounded so a card that keeps answering 61xx cannot hold the bridge forever. */
const MAX_RESPONSE_CHAINING = 64;

export class CardChannel {
  /** APDUs sent since this channel was made (GET RESPONSE and 6Cxx re-sends included). */
  apduCount = 0;
  private knownEpoch: number | undefined;
  private applicationSelected = false;
  private currentEf: JpkiEfId | undefined;

  constructor(
    private readonly transport: ApduTransport,
    private readonly options: CardChannelOptions = {},
  ) {}

  /** Forget what is selected: after an error or when the card may have been touched by someone else. */
  forgetSelection(): void {
    this.applicationSelected = false;
    this.currentEf = undefined;
  }

  /** Called at the start of each operation: the cache is only trusted within one epoch. */
  syncEpoch(): boolean {
    const epoch = this.transport.epoch;
    if (epoch === undefined || epoch !== this.knownEpoch) {
      this.forgetSelection();
      this.knownEpoch = epoch;
      return false;
    }
    return true;
  }

  /**
   * After an operation that succeeded: what we selected holds for the epoch we end in (a transport
   * that connects lazily moves to a new epoch at our first APDU, before we selected anything).
   */
  acknowledgeEpoch(): void {
    this.knownEpoch = this.transport.epoch;
  }

  get hasApplicationSelected(): boolean {
    return this.applicationSelected;
  }

  get selectedEf(): JpkiEfId | undefined {
    return this.currentEf;
  }

  /** Sends one command and completes 61xx (GET RESPONSE) and 6Cxx (re-send with the exact Le). */
  async exchange(command: CommandApdu, operation: CardOperation): Promise<ResponseApdu> {
    let response = await this.send(command, operation);
    if (sw1(response.sw) === Sw1.wrongLe) {
      response = await this.send({ ...command, le: lengthOf(response.sw) }, operation);
    }
    if (sw1(response.sw) !== Sw1.bytesAvailable) return response;

    const parts: Uint8Array[] = [response.data];
    for (let round = 0; sw1(response.sw) === Sw1.bytesAvailable; round++) {
      if (round === MAX_RESPONSE_CHAINING) throw errorForStatus(response.sw, 'get-response');
      const getResponse = { cla: Cla.iso, ins: Ins.getResponse, p1: 0, p2: 0, le: lengthOf(response.sw) };
      response = await this.send(getResponse, 'get-response');
      if (sw1(response.sw) === Sw1.wrongLe) {
        response = await this.send({ ...getResponse, le: lengthOf(response.sw) }, 'get-response');
      }
      parts.push(response.data);
    }
    return { data: Buffer.concat(parts), sw: response.sw };
  }

  /** SELECT of the JPKI AP by DF name; resets the AP's security state on the card. */
  async selectApplication(): Promise<ResponseApdu> {
    const command = {
      cla: Cla.iso,
      ins: Ins.select,
      p1: SelectP1.byDfName,
      p2: SELECT_P2_NO_RESPONSE,
      data: JPKI_AID,
    };
    const response = await this.exchange(command, 'select-application');
    if (isOk(response.sw)) {
      this.applicationSelected = true;
      this.currentEf = undefined;
    }
    return response;
  }

  /** SELECT of an EF inside the AP; skipped when it is already the current EF. */
  async selectEf(ef: JpkiEfId): Promise<void> {
    if (this.currentEf === ef) return;
    const command = {
      cla: Cla.iso,
      ins: Ins.select,
      p1: SelectP1.byFileId,
      p2: SELECT_P2_NO_RESPONSE,
      data: Uint8Array.of(ef >> 8, ef & 0xff),
    };
    const { sw } = await this.exchange(command, 'select-file');
    if (!isOk(sw)) {
      this.currentEf = undefined;
      throw errorForStatus(sw, 'select-file');
    }
    this.currentEf = ef;
  }

  forgetCurrentEf(): void {
    this.currentEf = undefined;
  }

  /** Records that a READ BINARY with a short EF identifier made `ef` the current EF. */
  noteImplicitSelection(ef: JpkiEfId): void {
    this.currentEf = ef;
  }

  private async send(command: CommandApdu, operation: CardOperation): Promise<ResponseApdu> {
    const started = monotonicMs();
    this.apduCount++;
    const response = decodeResponse(await this.transport.transmit(encodeCommand(command)));
    this.options.trace?.({
      operation,
      header: toHex(Uint8Array.of(command.cla, command.ins, command.p1, command.p2)),
      dataLength: command.data?.length ?? 0,
      sw: response.sw,
      milliseconds: monotonicMs() - started,
    });
    return response;
  }
}
