/**
 * Crypto plumbing shared by the test PKI: one pkijs engine on Node's WebCrypto, RSA key helpers,
 * key identifiers and base64/hex conversions.
 */
import * as pkijs from 'pkijs';

/** Node 20 has WebCrypto on globalThis; pkijs must be told to use it (it only auto-detects `self`). */
const webcrypto = globalThis.crypto;
/** A WebCrypto key, named from the runtime's own WebCrypto: the kit is type-checked without the DOM library. */
export type WebCryptoKey = Awaited<ReturnType<typeof webcrypto.subtle.importKey>>;

pkijs.setEngine('madoguchi-test-pki', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto }));

/** All certificates, CRLs and card keys are RSA-2048 with PKCS#1 v1.5 + SHA-256, like JPKI. */
const RSA_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([0x01, 0x00, 0x01]),
  hash: 'SHA-256',
};

export interface GeneratedKey {
  privateKey: WebCryptoKey;
  publicKey: WebCryptoKey;
  privateKeyPkcs8: Uint8Array;
}

export async function generateRsaKey(): Promise<GeneratedKey> {
  const pair = await webcrypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']);
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey));
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, privateKeyPkcs8: pkcs8 };
}

export async function importRsaPrivateKey(pkcs8: Uint8Array): Promise<WebCryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), RSA_ALGORITHM, true, ['sign']);
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 over the subjectPublicKey BIT STRING contents. */
export async function keyIdentifierOf(spki: pkijs.PublicKeyInfo): Promise<Uint8Array> {
  const bits = spki.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(await webcrypto.subtle.digest('SHA-1', toArrayBuffer(bits)));
}

export function randomBytes(length: number): Uint8Array {
  return webcrypto.getRandomValues(new Uint8Array(length));
}

/**
 * A positive serial number of `length` bytes whose first byte is 0x01..0x7f, so the DER INTEGER
 * needs no leading 0x00 and its hex is exactly `length * 2` characters.
 */
export function randomSerial(length = 9): Uint8Array {
  const serial = randomBytes(length);
  serial[0] = serial[0]! & 0x7f || 0x01;
  return serial;
}

/** Copy into a fresh ArrayBuffer (WebCrypto and pkijs reject SharedArrayBuffer-backed views). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/**
 * Canonical serial-number hex: lower case, no separators, the DER INTEGER content octets
 * (so "00:9F:01" and "9f01" both become "009f01"). Accepts what openssl and humans print.
 */
export function normalizeSerialHex(serialHex: string): string {
  const digits = serialHex.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(digits)) throw new Error(`not a hex serial number: ${serialHex}`);
  let hex = BigInt(`0x${digits}`).toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  // A set high bit would make the INTEGER negative; DER then carries a leading zero byte.
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return hex;
}
