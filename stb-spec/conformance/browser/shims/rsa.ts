/**
 * RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) with BigInt, synchronous as node:crypto's
 * `verify` is — the cases call it without await, and WebCrypto only verifies asynchronously.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';

export interface RsaPublicKey {
  readonly type: 'public';
  readonly n: bigint;
  readonly e: bigint;
  /** The modulus length in bytes (k of RFC 8017). */
  readonly size: number;
}

/** DER of each DigestInfo up to the digest (RFC 8017 §9.2, note 1). */
const DIGEST_INFO: Record<string, { prefix: string; hash: (data: Uint8Array) => Uint8Array }> = {
  sha1: { prefix: '3021300906052b0e03021a05000414', hash: sha1 },
  sha256: { prefix: '3031300d060960864801650304020105000420', hash: sha256 },
  sha384: { prefix: '3041300d060960864801650304020205000430', hash: sha384 },
  sha512: { prefix: '3051300d060960864801650304020305000440', hash: sha512 },
};

export function hashFunction(name: string): ((data: Uint8Array) => Uint8Array) | undefined {
  return DIGEST_INFO[normalise(name)]?.hash;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/^rsa-/, '').replace(/^sha-/, 'sha');
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i -= 1) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return value === 0n ? out : new Uint8Array(0);
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  base %= modulus;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
    exponent >>= 1n;
  }
  return result;
}

const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

export function rsaVerify(
  algorithm: string,
  data: Uint8Array,
  key: RsaPublicKey,
  signature: Uint8Array,
): boolean {
  const scheme = DIGEST_INFO[normalise(algorithm)];
  if (!scheme) throw new Error(`unsupported digest ${algorithm}`);
  if (signature.length !== key.size) return false;
  const s = bytesToBigInt(signature);
  if (s >= key.n) return false;
  const encoded = bigIntToBytes(modPow(s, key.e, key.n), key.size);
  const digestInfo = new Uint8Array([...hex(scheme.prefix), ...scheme.hash(data)]);
  const padding = key.size - digestInfo.length - 3;
  if (padding < 8 || encoded.length !== key.size) return false;
  const expected = new Uint8Array(key.size);
  expected.set([0x00, 0x01]);
  expected.fill(0xff, 2, 2 + padding);
  expected[2 + padding] = 0x00;
  expected.set(digestInfo, 3 + padding);
  let difference = 0;
  for (let i = 0; i < key.size; i += 1) difference |= expected[i]! ^ encoded[i]!;
  return difference === 0;
}
