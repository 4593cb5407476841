/** Short command APDUs (ISO 7816-4 §5.1) and response parsing. The JPKI AP takes short APDUs only. */
import { CardDataError } from './errors';
import { SHORT_LE_MAX } from '../../../stb-spec/protocol/jpki-card';

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected response length, 1–256 (256 is encoded as 00). Absent: no response data expected. */
  le?: number;
}

export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export function encodeCommand({ cla, ins, p1, p2, data, le }: CommandApdu): Uint8Array {
  if (data && (data.length === 0 || data.length > 255)) {
    throw new RangeError(`short APDU data must be 1–255 bytes, got ${data.length}`);
  }
  if (le !== undefined && (le < 1 || le > SHORT_LE_MAX))
    throw new RangeError(`short Le must be 1–256, got ${le}`);
  const bytes = [cla, ins, p1, p2];
  if (data) bytes.push(data.length, ...data);
  if (le !== undefined) bytes.push(le & 0xff);
  return Uint8Array.from(bytes);
}

export function decodeResponse(response: Uint8Array): ResponseApdu {
  if (response.length < 2) {
    throw new CardDataError(`response of ${response.length} bytes has no status word`);
  }
  const n = response.length;
  return { data: response.subarray(0, n - 2), sw: (response[n - 2]! << 8) | response[n - 1]! };
}

export const sw1 = (sw: number): number => sw >> 8;
export const sw2 = (sw: number): number => sw & 0xff;

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}
