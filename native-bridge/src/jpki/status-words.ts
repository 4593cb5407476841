/**
 * Every status word the JPKI AP answers, and the one place where a status word becomes a typed error.
 * (ISO 7816-4 §5.6; JPKI behaviour per shared/design/bridge-protocol.md.)
 */
import {
  CardError,
  CardStatusError,
  NotMyNumberCardError,
  PinIncorrectError,
  PinLockedError,
} from './errors';
import { sw1, sw2 } from './apdu';

export const StatusWord = {
  ok: 0x9000,
  /** Warning: end of file reached before Le bytes were read (data returned). */
  endOfFileReached: 0x6282,
  wrongLength: 0x6700,
  commandIncompatibleWithFile: 0x6981,
  securityStatusNotSatisfied: 0x6982,
  authenticationMethodBlocked: 0x6983,
  referenceDataNotUsable: 0x6984,
  conditionsOfUseNotSatisfied: 0x6985,
  commandNotAllowedNoCurrentEf: 0x6986,
  functionNotSupported: 0x6a81,
  fileNotFound: 0x6a82,
  incorrectP1P2: 0x6a86,
  referencedDataNotFound: 0x6a88,
  wrongP1P2OffsetOutsideEf: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
} as const;

/** SW1 values whose SW2 carries a number. */
export const Sw1 = {
  /** 61xx: xx more bytes available through GET RESPONSE (T=0). */
  bytesAvailable: 0x61,
  /** 63Cx: verification failed / tries left, x in the low nibble. */
  verifyCounter: 0x63,
  /** 6Cxx: wrong Le, xx is the exact length to ask for. */
  wrongLe: 0x6c,
} as const;

const COUNTER_MASK = 0xf0;
const COUNTER_TAG = 0xc0;

/** The tries left that a 63Cx status word reports, or undefined when sw is not 63Cx. */
export function triesLeftOf(sw: number): number | undefined {
  if (sw1(sw) !== Sw1.verifyCounter || (sw2(sw) & COUNTER_MASK) !== COUNTER_TAG) return undefined;
  return sw2(sw) & 0x0f;
}

/** The length a 61xx/6Cxx status word names; SW2 00 means 256 in short APDUs. */
export function lengthOf(sw: number): number {
  return sw2(sw) === 0 ? 256 : sw2(sw);
}

export const isOk = (sw: number): boolean => sw === StatusWord.ok;

/** The operations the driver names in its errors, so a status word is read in its context. */
export type CardOperation =
  'select-application' | 'select-file' | 'read-binary' | 'get-response' | 'pin-status' | 'verify' | 'sign';

/**
 * The typed error for a status word that ends an operation. PIN counters mean the same in every
 * operation; "file not found" on the application select means the card has no JPKI AP.
 */
export function errorForStatus(sw: number, operation: CardOperation, atr?: string): CardError {
  const triesLeft = triesLeftOf(sw);
  if (triesLeft === 0) return new PinLockedError();
  if (triesLeft !== undefined && (operation === 'verify' || operation === 'pin-status')) {
    return new PinIncorrectError(triesLeft);
  }
  if (sw === StatusWord.authenticationMethodBlocked || sw === StatusWord.referenceDataNotUsable) {
    return new PinLockedError();
  }
  if (operation === 'select-application' && (sw === StatusWord.fileNotFound || sw1(sw) === 0x6a)) {
    return new NotMyNumberCardError(atr);
  }
  return new CardStatusError(sw, operation);
}

const DESCRIPTIONS: Record<number, string> = {
  [StatusWord.ok]: 'success',
  [StatusWord.endOfFileReached]: 'end of file reached before Le bytes',
  [StatusWord.wrongLength]: 'wrong length',
  [StatusWord.commandIncompatibleWithFile]: 'command incompatible with file structure',
  [StatusWord.securityStatusNotSatisfied]: 'security status not satisfied',
  [StatusWord.authenticationMethodBlocked]: 'authentication method blocked',
  [StatusWord.referenceDataNotUsable]: 'reference data not usable (PIN locked)',
  [StatusWord.conditionsOfUseNotSatisfied]: 'conditions of use not satisfied',
  [StatusWord.commandNotAllowedNoCurrentEf]: 'command not allowed (no current EF)',
  [StatusWord.functionNotSupported]: 'function not supported',
  [StatusWord.fileNotFound]: 'file or application not found',
  [StatusWord.incorrectP1P2]: 'incorrect parameters P1-P2',
  [StatusWord.referencedDataNotFound]: 'referenced data not found',
  [StatusWord.wrongP1P2OffsetOutsideEf]: 'offset outside the EF',
  [StatusWord.insNotSupported]: 'instruction not supported',
  [StatusWord.claNotSupported]: 'class not supported',
};

/** Human-readable meaning of a status word, for logs and error data. */
export function describeStatus(sw: number): string {
  const known = DESCRIPTIONS[sw];
  if (known) return known;
  const tries = triesLeftOf(sw);
  if (tries !== undefined) return `verification failed, ${tries} tries left`;
  if (sw1(sw) === Sw1.bytesAvailable) return `${lengthOf(sw)} bytes available`;
  if (sw1(sw) === Sw1.wrongLe) return `wrong Le, exact length ${lengthOf(sw)}`;
  return 'unknown status word';
}
