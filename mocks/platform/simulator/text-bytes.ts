/**
 * base64 of the login's hot path, one pass with a table (no regular expressions, no binary
 * strings): the strict decoding of a signature and the base64url of new tokens. The same
 * alphabet and strictness as src/platform/base64.ts, which the rest of the simulator uses.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

function value(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const found = code < 128 ? VALUES[code]! : -1;
  if (found < 0) throw new SyntaxError('not base64');
  return found;
}

/** Standard base64, padded or not; throws SyntaxError on anything outside the alphabet. */
export function decodeBase64(text: string): Uint8Array {
  let end = text.length;
  if (end % 4 === 0 && text.charCodeAt(end - 1) === 0x3d) end -= text.charCodeAt(end - 2) === 0x3d ? 2 : 1;
  if (end % 4 === 1) throw new SyntaxError('not base64');
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let out = 0;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const n =
      (value(text, i) << 18) | (value(text, i + 1) << 12) | (value(text, i + 2) << 6) | value(text, i + 3);
    bytes[out++] = n >> 16;
    bytes[out++] = (n >> 8) & 0xff;
    bytes[out++] = n & 0xff;
  }
  if (end - i >= 2) {
    const n =
      (value(text, i) << 18) | (value(text, i + 1) << 12) | (end - i === 3 ? value(text, i + 2) << 6 : 0);
    bytes[out++] = n >> 16;
    if (end - i === 3) bytes[out] = (n >> 8) & 0xff;
  }
  return bytes;
}

/** base64url without padding. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    text +=
      URL_ALPHABET[n >> 18]! +
      URL_ALPHABET[(n >> 12) & 63]! +
      URL_ALPHABET[(n >> 6) & 63]! +
      URL_ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    text += URL_ALPHABET[n >> 18]! + URL_ALPHABET[(n >> 12) & 63]!;
    if (rest === 2) text += URL_ALPHABET[(n >> 6) & 63]!;
  }
  return text;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad3 = (n: number): string => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/** `Date#toISOString` of an epoch-ms time, without its cost (a third of it) for years 1000–9999. */
export function isoTimestamp(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return date.toISOString();
  return (
    `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}T` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.` +
    `${pad3(date.getUTCMilliseconds())}Z`
  );
}
