/**
 * Signature checks of the relying party: the crypto port decides (RSASSA-PKCS1-v1_5, SHA-256);
 * when it says no, the raw RSA public operation tells *why*, so the platform can answer precisely:
 * a well-formed PKCS#1 v1.5 block with another digest means the card signed another challenge; a
 * block that is well-formed only under another known certificate's key means certificate and
 * signature do not belong together; anything else is just an invalid signature.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from '../../../src/platform/base64';
import { hexOf, WEB_CRYPTO, type RelyingPartyCrypto } from './crypto-port';
import { ProblemError } from './problem';

/** DER DigestInfo header for SHA-256 (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Uint8Array.from([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
  0x20,
]);

export interface RsaPublicKey {
  modulus: bigint;
  exponent: bigint;
  /** Modulus length in bytes (256 for RSA-2048). */
  length: number;
  /** DER SubjectPublicKeyInfo (what WebCrypto imports, on first use: crypto-port.ts). */
  spki: Uint8Array;
  /** DER RSAPublicKey (PKCS #1), the SubjectPublicKeyInfo's key bits: OpenSSL imports it fastest. */
  pkcs1: Uint8Array;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex ? BigInt(`0x${hex}`) : 0n;
}

function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16).padStart(length * 2, '0');
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/** The RSA key of a certificate; throws CERTIFICATE_MALFORMED if it is not an RSA key. */
export async function rsaKeyOf(certificate: pkijs.Certificate): Promise<RsaPublicKey> {
  const spki = certificate.subjectPublicKeyInfo;
  if (spki.algorithm.algorithmId !== '1.2.840.113549.1.1.1') {
    throw new ProblemError(400, 'CERTIFICATE_MALFORMED', 'the certificate key is not RSA');
  }
  const pkcs1 = spki.subjectPublicKey.valueBlock.valueHexView.slice();
  const parsed = asn1js.fromBER(toArrayBuffer(pkcs1));
  if (parsed.offset === -1 || parsed.offset !== pkcs1.length) {
    throw new ProblemError(400, 'CERTIFICATE_MALFORMED', 'the certificate key is not an RSA public key');
  }
  const rsa = new pkijs.RSAPublicKey({ schema: parsed.result });
  const modulusBytes = rsa.modulus.valueBlock.valueHexView;
  const modulus = bytesToBigInt(modulusBytes);
  const exponent = bytesToBigInt(rsa.publicExponent.valueBlock.valueHexView);
  if (modulus <= 0n || exponent <= 1n) {
    throw new ProblemError(400, 'CERTIFICATE_MALFORMED', 'the certificate key is not an RSA public key');
  }
  return {
    modulus,
    exponent,
    length: Math.ceil(modulus.toString(16).length / 2),
    spki: new Uint8Array(spki.toSchema().toBER()),
    pkcs1,
  };
}

/** The SHA-256 digest inside an EMSA-PKCS1-v1_5 block recovered with `key`, if the block is well-formed. */
export function recoverSha256Digest(
  key: RsaPublicKey,
  signature: Uint8Array,
  primitives: RelyingPartyCrypto = WEB_CRYPTO,
): Uint8Array | undefined {
  if (signature.length !== key.length) return undefined;
  const s = bytesToBigInt(signature);
  if (s >= key.modulus) return undefined;
  const em =
    primitives.rsaPublicOperation?.(key, signature) ??
    bigIntToBytes(modPow(s, key.exponent, key.modulus), key.length);
  // 00 01 FF…FF (at least 8) 00 DigestInfo
  if (em[0] !== 0x00 || em[1] !== 0x01) return undefined;
  let index = 2;
  while (index < em.length && em[index] === 0xff) index++;
  if (index - 2 < 8 || em[index] !== 0x00) return undefined;
  const digestInfo = em.subarray(index + 1);
  if (digestInfo.length !== SHA256_DIGEST_INFO.length + 32) return undefined;
  for (let i = 0; i < SHA256_DIGEST_INFO.length; i++) {
    if (digestInfo[i] !== SHA256_DIGEST_INFO[i]) return undefined;
  }
  return digestInfo.slice(SHA256_DIGEST_INFO.length);
}

/**
 * Verifies `signature` over `message` with the certificate's key; throws CHALLENGE_MISMATCH,
 * CERTIFICATE_KEY_MISMATCH or SIGNATURE_INVALID (see the file comment) when it does not verify.
 */
export async function verifySignatureOver(
  key: RsaPublicKey,
  message: Uint8Array,
  signature: Uint8Array,
  /** Read only when the signature fails (a function: made only then). */
  otherKnownKeys: Iterable<RsaPublicKey> | (() => Iterable<RsaPublicKey>) = [],
  what = 'signature',
  primitives: RelyingPartyCrypto = WEB_CRYPTO,
): Promise<void> {
  if (await primitives.verifyRsaSha256(key, message, signature)) return;
  // The port's digest: synchronous with node:crypto, no trip through the thread pool.
  const digest = await primitives.sha256Hex(message);
  const recovered = recoverSha256Digest(key, signature, primitives);
  if (recovered && hexOf(recovered) !== digest) {
    throw new ProblemError(401, 'CHALLENGE_MISMATCH', `the ${what} is over data other than this challenge`);
  }
  const others = typeof otherKnownKeys === 'function' ? otherKnownKeys() : otherKnownKeys;
  for (const other of others) {
    if (other.modulus === key.modulus) continue;
    const byOther = recoverSha256Digest(other, signature, primitives);
    if (byOther && hexOf(byOther) === digest) {
      throw new ProblemError(
        401,
        'CERTIFICATE_KEY_MISMATCH',
        `the ${what} was made by the key of another card, not the certificate sent`,
      );
    }
  }
  throw new ProblemError(401, 'SIGNATURE_INVALID', `the ${what} does not verify with the certificate`);
}
