/**
 * Ed25519 signatures of a release's list of hashes: the app package's manifest.json and the bridge
 * bundle's SHA256SUMS. The list names every file with its SHA-256, so one signature over it covers
 * the whole release; `<list>.sig` holds the signature and the id of the key that made it.
 *
 * A hash list alone proves nothing: whoever changes a file can re-hash the list. Only the operator's
 * private key can make a signature the box's public key accepts.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const SIGNATURE_SUFFIX = '.sig';
const ALGORITHM = 'Ed25519';

interface ReleaseSignature {
  algorithm: typeof ALGORITHM;
  /** SHA-256 of the public key (SubjectPublicKeyInfo DER), hex: which key signed, for key rotation. */
  keyId: string;
  /** The Ed25519 signature of the list file's bytes, base64. */
  signature: string;
}

/** A key file that cannot be used, said in Japanese and English. */
export class ReleaseKeyError extends Error {}

const both = (ja: string, en: string) => `${ja} / ${en}`;

function readKey(file: string, kind: 'private' | 'public'): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ReleaseKeyError(
      both(`鍵ファイルを読めません: ${file}（${reason}）`, `cannot read key file ${file} (${reason})`),
    );
  }
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new ReleaseKeyError(
      both(
        `${file} は PEM の${kind === 'private' ? '秘密' : '公開'}鍵ではありません`,
        `${file} is not a PEM ${kind} key`,
      ),
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ReleaseKeyError(
      both(
        `${file} は Ed25519 の鍵ではありません（${key.asymmetricKeyType}）`,
        `${file} is not an Ed25519 key (${key.asymmetricKeyType}); make one with: openssl genpkey -algorithm ed25519`,
      ),
    );
  }
  return key;
}

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** The raw 32-byte Ed25519 public key of `key`, base64: what a browser verifies with. */
export function rawPublicKey(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const { x } = publicKey.export({ format: 'jwk' });
  return Buffer.from(x!, 'base64url').toString('base64');
}

/** The Ed25519 private key in `keyFile`, read before anything is built so a bad key costs nothing. */
export const loadSigningKey = (keyFile: string): KeyObject => readKey(keyFile, 'private');

/** Signs `listFile` with `key` (loadSigningKey); writes and returns `<listFile>.sig`. */
export function signRelease(listFile: string, key: KeyObject): string {
  const signature: ReleaseSignature = {
    algorithm: ALGORITHM,
    keyId: keyIdOf(key),
    signature: sign(null, readFileSync(listFile), key).toString('base64'),
  };
  const signatureFile = `${listFile}${SIGNATURE_SUFFIX}`;
  writeFileSync(signatureFile, `${JSON.stringify(signature, null, 2)}\n`);
  return signatureFile;
}

/**
 * Checks `<listFile>.sig` against `publicKey` (a key, or the file of one). Returns the problems, one
 * bilingual line each: unsigned, signed by another key, or a list changed after signing.
 * Throws ReleaseKeyError when the public key file itself is unusable.
 */
export function releaseSignatureProblems(listFile: string, publicKey: string | KeyObject): string[] {
  const key = typeof publicKey === 'string' ? readKey(publicKey, 'public') : publicKey;
  const name = listFile.split('/').at(-1)!;
  const signatureFile = `${listFile}${SIGNATURE_SUFFIX}`;
  if (!existsSync(signatureFile)) {
    return [
      both(`署名がありません（${name}${SIGNATURE_SUFFIX}）`, `unsigned: no ${name}${SIGNATURE_SUFFIX}`),
    ];
  }
  let signature: Partial<ReleaseSignature>;
  try {
    signature = JSON.parse(readFileSync(signatureFile, 'utf8')) as Partial<ReleaseSignature>;
  } catch {
    return [
      both(`${name}${SIGNATURE_SUFFIX} を読めません`, `${name}${SIGNATURE_SUFFIX} is not a signature file`),
    ];
  }
  if (signature.algorithm !== ALGORITHM || typeof signature.signature !== 'string') {
    return [
      both(
        `${name}${SIGNATURE_SUFFIX} の形式が違います`,
        `${name}${SIGNATURE_SUFFIX}: not an ${ALGORITHM} signature`,
      ),
    ];
  }
  const expectedKeyId = keyIdOf(key);
  if (signature.keyId !== expectedKeyId) {
    return [
      both(
        `別の鍵で署名されています（鍵 ID ${String(signature.keyId).slice(0, 16)}…、期待 ${expectedKeyId.slice(0, 16)}…）`,
        `signed by another key (key id ${String(signature.keyId).slice(0, 16)}…, expected ${expectedKeyId.slice(0, 16)}…)`,
      ),
    ];
  }
  const valid = verify(null, readFileSync(listFile), key, Buffer.from(signature.signature, 'base64'));
  return valid
    ? []
    : [
        both(
          `署名が ${name} と合いません（署名後に変更されています）`,
          `the signature does not match ${name}: changed after signing`,
        ),
      ];
}
