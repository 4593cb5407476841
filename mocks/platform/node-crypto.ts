/**
 * The relying party's hashing and signature checks with Node's synchronous `node:crypto` (OpenSSL
 * in the calling thread): what `npm run platform` uses. Node only; the simulator's default is
 * WebCrypto (simulator/crypto-port.ts).
 */
import { constants, createHash, createPublicKey, publicDecrypt, verify, type KeyObject } from 'node:crypto';
import type { RelyingPartyCrypto } from './simulator/crypto-port';
import type { RsaPublicKey } from './simulator/rsa-signature';

const keyObjects = new WeakMap<RsaPublicKey, KeyObject>();

function keyObjectOf(key: RsaPublicKey): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
    keyObjects.set(key, object);
  }
  return object;
}

export const NODE_CRYPTO: RelyingPartyCrypto = {
  sha256Hex: (bytes) => createHash('sha256').update(bytes).digest('hex'),
  verifyRsaSha256: (key, message, signature) => {
    try {
      return verify('sha256', message, keyObjectOf(key), signature);
    } catch {
      return false;
    }
  },
  rsaPublicOperation: (key, signature) => {
    try {
      const block = publicDecrypt({ key: keyObjectOf(key), padding: constants.RSA_NO_PADDING }, signature);
      return block.length === key.length ? new Uint8Array(block) : undefined;
    } catch {
      return undefined;
    }
  },
};
