/**
 * Parsing of short command APDUs (ISO/IEC 7816-3 §12.1.3, cases 1–4). The JPKI AP only speaks
 * short APDUs; an extended-length encoding (Lc byte 00 followed by more bytes) is a length error.
 */
export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (empty for cases 1 and 2). */
  data: Uint8Array;
  /** Ne, the expected response length: undefined when Le is absent, 256 when Le is 00. */
  ne: number | undefined;
}

/** Returns the parsed APDU, or undefined when its length bytes do not add up. */
export function parseCommandApdu(bytes: Uint8Array): CommandApdu | undefined {
  if (bytes.length < 4) return undefined;
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const empty = new Uint8Array(0);
  if (bytes.length === 4) return { cla, ins, p1, p2, data: empty, ne: undefined };
  if (bytes.length === 5) return { cla, ins, p1, p2, data: empty, ne: decodeLe(bytes[4]!) };
  const lc = bytes[4]!;
  if (lc === 0) return undefined;
  const data = bytes.slice(5, 5 + lc);
  if (bytes.length === 5 + lc) return { cla, ins, p1, p2, data, ne: undefined };
  if (bytes.length === 6 + lc) return { cla, ins, p1, p2, data, ne: decodeLe(bytes[5 + lc]!) };
  return undefined;
}

function decodeLe(le: number): number {
  return le === 0 ? 256 : le;
}
