/** The hot path's base64 reads and writes exactly what src/platform/base64.ts does, as strictly. */
import { base64ToBytes, bytesToBase64, bytesToBase64Url } from '../../../src/platform/base64';
import { decodeBase64, encodeBase64Url, isoTimestamp } from './text-bytes';

const samples = Array.from({ length: 40 }, (_, length) =>
  Uint8Array.from({ length }, (_, i) => (i * 97 + length * 31) & 0xff),
);

it('decodes what base64ToBytes decodes, padded or not', () => {
  for (const bytes of samples) {
    const text = bytesToBase64(bytes);
    expect(decodeBase64(text)).toEqual(base64ToBytes(text));
    const unpadded = text.replace(/=+$/, '');
    expect(decodeBase64(unpadded)).toEqual(bytes);
  }
});

it('refuses what base64ToBytes refuses', () => {
  const refused = ['a', 'ab=', 'a===', '====', 'ab=c', 'ab c', 'ab-_', 'abc\n', 'ａｂｃｄ', 'YWJj=='];
  for (const text of refused) {
    expect(() => base64ToBytes(text)).toThrow();
    expect(() => decodeBase64(text)).toThrow(SyntaxError);
  }
});

it('encodes base64url as bytesToBase64Url does', () => {
  for (const bytes of samples) expect(encodeBase64Url(bytes)).toBe(bytesToBase64Url(bytes));
});

it('writes the times Date#toISOString writes', () => {
  const times = [0, 1, 999, 1_000, 59_999, Date.UTC(2026, 11, 31, 23, 59, 59, 999), -62_135_596_800_000];
  for (let i = 0; i < 2000; i++) times.push(1.7e12 + i * 7_919_391_337);
  times.push(Date.UTC(10_000, 0, 1), Date.UTC(999, 11, 31));
  for (const time of times) expect(isoTimestamp(time)).toBe(new Date(time).toISOString());
});
