/** PC/SC return codes (pcsclite's pcsclite.h) as typed card errors, in one place. */
import {
  CardBusyError,
  CardError,
  CardRemovedError,
  NoCardError,
  NoReaderError,
  ReaderServiceUnavailableError,
} from '../jpki/errors';

export const PcscCode = {
  cancelled: 0x80100002,
  /** "RPC transport error": pcscd went away under an open context (what pcsclite reports then). */
  commError: 0x80100013,
  unknownReader: 0x80100009,
  timeout: 0x8010000a,
  sharingViolation: 0x8010000b,
  noSmartcard: 0x8010000c,
  readerUnavailable: 0x80100017,
  noService: 0x8010001d,
  serviceStopped: 0x8010001e,
  noReadersAvailable: 0x8010002e,
  unsupportedCard: 0x80100065,
  unresponsiveCard: 0x80100066,
  unpoweredCard: 0x80100067,
  resetCard: 0x80100068,
  removedCard: 0x80100069,
} as const;

/** A PC/SC failure we have no better name for; carries the code for the logs. */
class PcscError extends CardError {
  readonly errorName = 'CARD_ERROR';
  constructor(
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** pcscd is down or restarting: what the bridge reports as the reader service being unavailable. */
export function isServiceDown(error: unknown): boolean {
  const code = pcscCodeOf(error);
  return code === PcscCode.noService || code === PcscCode.serviceStopped || code === PcscCode.commError;
}

/** pcsclite reports failures as "SCardX error: text.(0x8010xxxx)". */
export function pcscCodeOf(error: unknown): number | undefined {
  const match = /\(0x([0-9a-f]{8})\)/i.exec(error instanceof Error ? error.message : String(error));
  return match ? Number.parseInt(match[1]!, 16) : undefined;
}

export function cardErrorFromPcsc(error: unknown, reader?: string): CardError {
  if (error instanceof CardError) return error;
  const code = pcscCodeOf(error);
  switch (code) {
    case PcscCode.removedCard:
    case PcscCode.readerUnavailable:
    case PcscCode.resetCard:
    case PcscCode.unpoweredCard:
      return new CardRemovedError();
    case PcscCode.noSmartcard:
      return new NoCardError(reader);
    case PcscCode.unknownReader:
    case PcscCode.noReadersAvailable:
      return new NoReaderError();
    case PcscCode.noService:
    case PcscCode.serviceStopped:
    case PcscCode.commError:
      return new ReaderServiceUnavailableError();
    case PcscCode.sharingViolation:
      return new CardBusyError();
    case PcscCode.unresponsiveCard:
    case PcscCode.unsupportedCard:
      return new PcscError(code, 'The card does not answer (mute or unsupported)');
    default:
      return new PcscError(code, error instanceof Error ? error.message : String(error));
  }
}
