/**
 * Typed card errors. Each carries the bridge protocol's error name so the bridge can map it to a
 * JSON-RPC code without looking inside (shared/design/bridge-protocol.md, "Errors").
 */
export type CardErrorName =
  | 'NO_READER'
  | 'NO_CARD'
  | 'CARD_REMOVED'
  | 'NOT_MY_NUMBER_CARD'
  | 'CARD_CHANGED'
  | 'READER_SERVICE_UNAVAILABLE'
  | 'PIN_INCORRECT'
  | 'PIN_LOCKED'
  | 'LAST_ATTEMPT_NEEDS_CONFIRMATION'
  | 'PIN_FORMAT'
  | 'CARD_ERROR'
  | 'BUSY';

export abstract class CardError extends Error {
  abstract readonly errorName: CardErrorName;
  /**
   * Set when the failure hit a VERIFY exchange: nobody knows whether the card counted the try, so
   * the client re-reads the counter before offering another.
   */
  verifyOutcome?: 'unknown';
  override get name(): string {
    return this.constructor.name;
  }
}

/** An error that always says the same thing: the class is the whole story. */
function fixedMessageError<const N extends CardErrorName>(errorName: N, message: string) {
  return class extends CardError {
    readonly errorName = errorName;
    constructor() {
      super(message);
    }
  };
}

export class NoReaderError extends fixedMessageError('NO_READER', 'No smart card reader is connected') {}

export class NoCardError extends CardError {
  readonly errorName = 'NO_CARD';
  constructor(readonly reader?: string) {
    super(reader ? `No card in reader "${reader}"` : 'No card in any reader');
  }
}

export class CardRemovedError extends CardError {
  readonly errorName = 'CARD_REMOVED';
  constructor(detail = 'The card was removed during the operation') {
    super(detail);
  }
}

export class NotMyNumberCardError extends fixedMessageError(
  'NOT_MY_NUMBER_CARD',
  'The card has no JPKI application: it is not a My Number Card',
) {
  constructor(readonly atr?: string) {
    super();
  }
}

export class PinIncorrectError extends CardError {
  readonly errorName = 'PIN_INCORRECT';
  constructor(readonly triesLeft: number) {
    super(`Wrong PIN: ${triesLeft} tries left`);
  }
}

export class PinLockedError extends fixedMessageError(
  'PIN_LOCKED',
  'The PIN is locked; only the municipal office can unlock it',
) {}

/** Refused before the card is touched: one try is left and the caller did not confirm spending it. */
export class LastAttemptNeedsConfirmationError extends fixedMessageError(
  'LAST_ATTEMPT_NEEDS_CONFIRMATION',
  'One PIN try is left: the viewer must confirm before it is spent',
) {
  readonly triesLeft = 1;
}

export class PinFormatError extends CardError {
  readonly errorName = 'PIN_FORMAT';
  constructor(detail: string) {
    super(detail);
  }
}

/** A status word the operation does not expect: the card said something we cannot act on. */
export class CardStatusError extends CardError {
  readonly errorName = 'CARD_ERROR';
  constructor(
    readonly sw: number,
    readonly operation: string,
  ) {
    super(`${operation}: unexpected status word ${sw.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  get swHex(): string {
    return this.sw.toString(16).toUpperCase().padStart(4, '0');
  }
}

/** Malformed card answers (truncated data, a response too short for a status word, bad DER). */
export class CardDataError extends CardError {
  readonly errorName = 'CARD_ERROR';
  constructor(detail: string) {
    super(detail);
  }
}

export type BusyReason = 'operation' | 'checking' | 'stuck';

const BUSY_MESSAGES: Record<BusyReason, string> = {
  operation: 'Another card operation is running',
  checking: 'The card is still being checked',
  stuck: 'The reader has not returned a timed-out command yet',
};

export class CardBusyError extends CardError {
  readonly errorName = 'BUSY';
  constructor(readonly reason: BusyReason = 'operation') {
    super(BUSY_MESSAGES[reason]);
  }
}

/** The card did not finish the operation in time (BR-MTH-76); the bridge stopped waiting for it. */
export class CardTimeoutError extends CardError {
  readonly errorName = 'CARD_ERROR';
  readonly timeout = true;
  constructor(timeoutMs: number) {
    super(`The card did not finish the operation within ${timeoutMs} ms`);
  }
}

/** The call named a card (by cardId) that is no longer the one in the reader: nothing was sent to it. */
export class CardChangedError extends fixedMessageError(
  'CARD_CHANGED',
  'The card in the reader is not the one the call names',
) {
  constructor(readonly currentCardId?: string) {
    super();
  }
}

/** The PC/SC service (pcscd) is down or restarting: no reader can be reached until it is back. */
export class ReaderServiceUnavailableError extends fixedMessageError(
  'READER_SERVICE_UNAVAILABLE',
  'The smart card service is not running',
) {}
