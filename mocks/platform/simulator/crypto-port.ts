/**
 * The two primitives a login spends its time in: SHA-256 of a certificate's DER (its name in the
 * user index, J-LIS and the cache) and the RSASSA-PKCS1-v1_5/SHA-256 check of the card's
 * signature. WebCrypto by default, so the simulator also runs in a browser; on a server, Node's
 * synchronous `node:crypto` (../node-crypto.ts) does the same work without a trip through the
 * thread pool.
 */
import { toArrayBuffer } from '../../../src/platform/base64';
import type { RsaPublicKey } from './rsa-signature';

export interface RelyingPartyCrypto {
  sha256Hex(bytes: Uint8Array): Promise<string> | string;
  /** Whether `signature` is `key`'s RSASSA-PKCS1-v1_5 SHA-256 signature over `message`. */
  verifyRsaSha256(key: RsaPublicKey, message: Uint8Array, signature: Uint8Array): Promise<boolean> | boolean;
  /**
   * The raw RSA public operation (signature^e mod n, `key.length` bytes), which tells why a
   * signature failed; without it (WebCrypto has none) a BigInt computation does the same, slower.
   */
  rsaPublicOperation?(key: RsaPublicKey, signature: Uint8Array): Uint8Array | undefined;
}

export function hexOf(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** A WebCrypto key, named from the runtime's own WebCrypto (this runs in Node and in a browser). */
type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** Each key imported into WebCrypto once, at its first check. */
const cryptoKeys = new WeakMap<RsaPublicKey, Promise<WebCryptoKey>>();

function cryptoKeyOf(key: RsaPublicKey): Promise<WebCryptoKey> {
  let imported = cryptoKeys.get(key);
  if (!imported) {
    imported = crypto.subtle.importKey(
      'spki',
      toArrayBuffer(key.spki),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    cryptoKeys.set(key, imported);
  }
  return imported;
}

export const WEB_CRYPTO: RelyingPartyCrypto = {
  sha256Hex: async (bytes) =>
    hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(bytes)))),
  verifyRsaSha256: async (key, message, signature) => {
    // A key WebCrypto will not take verifies nothing.
    const cryptoKey = await cryptoKeyOf(key).catch(() => undefined);
    return (
      cryptoKey !== undefined &&
      crypto.subtle.verify('RSASSA-PKCS1-v1_5', cryptoKey, toArrayBuffer(signature), toArrayBuffer(message))
    );
  },
};
