/**
 * The bridge client's base64: the app's one codec (src/platform/base64.ts, no Node Buffer, so it
 * runs in WPE WebKit), decoding stricter still — the bridge always pads, so a length that is not a
 * multiple of 4 means a mangled certificate or signature.
 */
import { base64ToBytes, bytesToBase64 } from '../platform/base64';

export const encodeBase64 = bytesToBase64;

/** Throws SyntaxError on anything but padded standard base64 (atob alone skips whitespace). */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new SyntaxError('not base64');
  return base64ToBytes(text);
}
