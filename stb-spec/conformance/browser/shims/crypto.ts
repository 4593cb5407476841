/**
 * The part of node:crypto the conformance cases use, for the browser build: SHA-256 hashes, random
 * bytes, RSA PKCS#1 v1.5 verification and X.509 certificates (parsed with pkijs), all synchronous
 * like Node's. What only the virtual card needs (its private keys) throws: the browser build never
 * plays the card.
 */
import { Buffer } from 'buffer';
import * as pkijs from 'pkijs';
import { bytesToBigInt, hashFunction, rsaVerify, type RsaPublicKey } from './rsa';

export type KeyObject = RsaPublicKey;
export const constants = {};

type Input = string | Uint8Array;
const bytesOf = (data: Input) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

export function createHash(algorithm: string) {
  const hash = hashFunction(algorithm);
  if (!hash) throw new Error(`unsupported hash ${algorithm} in the browser build`);
  const parts: Uint8Array[] = [];
  const hasher = {
    update(data: Input) {
      parts.push(bytesOf(data));
      return hasher;
    },
    digest(encoding?: 'hex' | 'base64') {
      const digest = Buffer.from(hash(Buffer.concat(parts)));
      return encoding ? digest.toString(encoding) : digest;
    },
  };
  return hasher as { update(data: Input): typeof hasher; digest(): Buffer; digest(e: string): string };
}

export function randomBytes(size: number): Buffer {
  const bytes = new Uint8Array(size);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes);
}

export function verify(algorithm: string, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  return rsaVerify(algorithm ?? 'sha256', data, key, signature);
}

/** Signature algorithms of certificates: sha*WithRSAEncryption (JPKI and the test PKI use SHA-256). */
const SIGNATURE_HASH: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
const BASIC_CONSTRAINTS = '2.5.29.19';

export class X509Certificate {
  readonly raw: Buffer;
  readonly ca: boolean;
  readonly publicKey: KeyObject;
  private readonly parsed: pkijs.Certificate;

  constructor(der: Uint8Array) {
    this.raw = Buffer.from(der);
    this.parsed = pkijs.Certificate.fromBER(new Uint8Array(der));
    const constraints = this.parsed.extensions?.find((e) => e.extnID === BASIC_CONSTRAINTS);
    this.ca = (constraints?.parsedValue as pkijs.BasicConstraints | undefined)?.cA === true;
    const key = this.parsed.subjectPublicKeyInfo.parsedKey;
    if (!(key instanceof pkijs.RSAPublicKey)) throw new Error('not an RSA public key');
    const modulus = stripZero(key.modulus.valueBlock.valueHexView);
    this.publicKey = {
      type: 'public',
      n: bytesToBigInt(modulus),
      e: bytesToBigInt(key.publicExponent.valueBlock.valueHexView),
      size: modulus.length,
    };
  }

  /** Whether `issuer`'s subject is this certificate's issuer name. */
  checkIssued(issuer: X509Certificate): boolean {
    return this.parsed.issuer.isEqual(issuer.parsed.subject);
  }

  verify(key: KeyObject): boolean {
    const hash = SIGNATURE_HASH[this.parsed.signatureAlgorithm.algorithmId];
    if (!hash) return false;
    const signature = this.parsed.signatureValue.valueBlock.valueHexView;
    return rsaVerify(hash, this.parsed.tbsView, key, signature);
  }
}

const stripZero = (bytes: Uint8Array) => (bytes[0] === 0 ? bytes.subarray(1) : bytes);

export function createPrivateKey(): never {
  throw new Error('the browser build does not play the card');
}

export function privateEncrypt(): never {
  throw new Error('the browser build does not play the card');
}
