/**
 * Status words the virtual card answers with (ISO/IEC 7816-4 §5.6). Named here so the applet and
 * its tests say what they mean instead of spelling hex.
 */
export const Sw = {
  ok: 0x9000,
  /** 61xx: xx more bytes are waiting for GET RESPONSE (T=0 style delivery). */
  bytesAvailable: 0x6100,
  /** Warning: end of file reached before Le bytes were read. */
  endOfFileWarning: 0x6282,
  /** 63Cx: verification failed (or tries query), x tries left. */
  triesLeft: 0x63c0,
  wrongLength: 0x6700,
  /** The file's structure does not allow the command (reading a PIN or key EF). */
  incompatibleFileStructure: 0x6981,
  securityStatusNotSatisfied: 0x6982,
  /** The PIN is blocked: its reference data may not be used any more. */
  authenticationMethodBlocked: 0x6984,
  conditionsOfUseNotSatisfied: 0x6985,
  /** Command not allowed: no current EF (or the current EF is not of the kind the command needs). */
  noCurrentEf: 0x6986,
  functionNotSupported: 0x6a81,
  fileNotFound: 0x6a82,
  incorrectP1P2: 0x6a86,
  /** Offset at or beyond the end of the EF. */
  wrongP1P2Offset: 0x6b00,
  /** 6Cxx: wrong Le, xx is the exact length to ask for. */
  wrongLe: 0x6c00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
} as const;

/** Upper-case 4-digit hex of a status word, e.g. "63C2", for messages and test names. */
export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** The status word at the end of a response APDU (undefined when it is shorter than 2 bytes). */
export function statusWordOf(response: Uint8Array): number | undefined {
  if (response.length < 2) return undefined;
  return (response[response.length - 2]! << 8) | response[response.length - 1]!;
}
