/**
 * Checks a `<file>.sig` (made by `npm run dist --sign-key` and `npm run rollout`: JSON with the
 * algorithm, the key id and an Ed25519 signature, base64) against the keys the launcher trusts.
 * tweetnacl, because the boxes' oldest browser (WebKit 2.28) has neither Ed25519 in WebCrypto nor
 * BigInt, which the other libraries need.
 */
import nacl from 'tweetnacl';

export interface TrustedKey {
  /** SHA-256 of the key's SubjectPublicKeyInfo DER, hex: the `keyId` a signature names. */
  keyId: string;
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Whether `signatureText` is an Ed25519 signature of `bytes` by one of `keys`. Never throws. */
export function signedByTrustedKey(bytes: Uint8Array, signatureText: string, keys: TrustedKey[]): boolean {
  let signature: { algorithm?: unknown; keyId?: unknown; signature?: unknown };
  try {
    signature = JSON.parse(signatureText) as typeof signature;
  } catch {
    return false;
  }
  if (signature === null || signature.algorithm !== 'Ed25519' || typeof signature.signature !== 'string')
    return false;
  const key = keys.find(({ keyId }) => keyId === signature.keyId);
  const publicKey = key && fromBase64(key.publicKey);
  const detached = fromBase64(signature.signature);
  if (!publicKey || publicKey.length !== nacl.sign.publicKeyLength) return false;
  if (!detached || detached.length !== nacl.sign.signatureLength) return false;
  return nacl.sign.detached.verify(bytes, detached, publicKey);
}

/** The launcher's configuration, `launcher.json` beside it: whose releases, signed by which keys. */
export interface LauncherConfig {
  operator: string;
  /** Whom a viewer calls when nothing can start: the operator's name and support number. */
  support: { name: { ja: string; en: string }; phone: string };
  keys: TrustedKey[];
}

export const LAUNCHER_CONFIG_FILE = 'launcher.json';

export function parseLauncherConfig(value: unknown): LauncherConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { operator, support, keys } = value as { operator?: unknown; support?: unknown; keys?: unknown };
  if (typeof operator !== 'string' || !Array.isArray(keys) || keys.length === 0 || keys.length > 8)
    return undefined;
  const contact = support as LauncherConfig['support'] | undefined;
  if (
    typeof contact?.phone !== 'string' ||
    typeof contact.name?.ja !== 'string' ||
    typeof contact.name.en !== 'string'
  )
    return undefined;
  const valid = keys.every(
    (key: unknown) =>
      typeof key === 'object' &&
      key !== null &&
      typeof (key as TrustedKey).keyId === 'string' &&
      /^[0-9a-f]{64}$/.test((key as TrustedKey).keyId) &&
      typeof (key as TrustedKey).publicKey === 'string',
  );
  return valid
    ? {
        operator,
        support: { name: { ja: contact.name.ja, en: contact.name.en }, phone: contact.phone },
        keys: keys as TrustedKey[],
      }
    : undefined;
}
