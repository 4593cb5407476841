/**
 * The relying party's hashing and signature checks with Node's synchronous `node:crypto` (OpenSSL
 * in the calling thread): what `npm run platform` uses. Node only; the simulator's default is
 * WebCrypto (simulator/crypto-port.ts).
 *
 * A signature is checked as RFC 8017 §8.2.2 describes RSASSA-PKCS1-v1_5 verification: the raw RSA
 * public operation (OpenSSL, which refuses a signature not below the modulus), then a comparison
 * with the one block EMSA-PKCS1-v1_5 gives for the message's SHA-256 — every byte must match. The
 * same verdict as `crypto.verify`, with less of OpenSSL's per-call set-up (one operation per login).
 */
import { constants, createPublicKey, hash, publicDecrypt, type KeyObject } from 'node:crypto';
import type { RelyingPartyCrypto } from './simulator/crypto-port';
import type { RsaPublicKey } from './simulator/rsa-signature';

/** DER DigestInfo header for SHA-256 (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

interface NodeKey {
  object: KeyObject;
  /** 00 01 FF…FF 00 DigestInfo(SHA-256): the block's fixed part for this modulus length. */
  prefix: Buffer;
}

const nodeKeys = new WeakMap<RsaPublicKey, NodeKey>();

function nodeKeyOf(key: RsaPublicKey): NodeKey {
  let found = nodeKeys.get(key);
  if (!found) {
    const padding = Math.max(0, key.length - 3 - SHA256_DIGEST_INFO.length - 32);
    found = {
      // PKCS #1: OpenSSL 3 reads it in microseconds, a SubjectPublicKeyInfo in a few hundred.
      object: createPublicKey({ key: Buffer.from(key.pkcs1), format: 'der', type: 'pkcs1' }),
      prefix: Buffer.concat([
        Buffer.from([0x00, 0x01]),
        Buffer.alloc(padding, 0xff),
        Buffer.from([0x00]),
        SHA256_DIGEST_INFO,
      ]),
    };
    nodeKeys.set(key, found);
  }
  return found;
}

function publicOperation(key: RsaPublicKey, signature: Uint8Array): Buffer | undefined {
  if (signature.length !== key.length) return undefined;
  try {
    const block = publicDecrypt({ key: nodeKeyOf(key).object, padding: constants.RSA_NO_PADDING }, signature);
    return block.length === key.length ? block : undefined;
  } catch {
    return undefined;
  }
}

export const NODE_CRYPTO: RelyingPartyCrypto = {
  sha256Hex: (bytes) => hash('sha256', bytes, 'hex'),
  verifyRsaSha256: (key, message, signature) => {
    // RSA-2048 and up leave at least the 8 bytes of FF padding that RFC 8017 asks for.
    if (key.length < 3 + 8 + SHA256_DIGEST_INFO.length + 32) return false;
    const block = publicOperation(key, signature);
    if (!block) return false;
    const { prefix } = nodeKeyOf(key);
    const digest = hash('sha256', message, 'buffer');
    return (
      block.compare(prefix, 0, prefix.length, 0, prefix.length) === 0 &&
      block.compare(digest, 0, digest.length, prefix.length, block.length) === 0
    );
  },
  rsaPublicOperation: (key, signature) => {
    const block = publicOperation(key, signature);
    return block ? new Uint8Array(block) : undefined;
  },
};
