/** Node's primitives answer as WebCrypto's do: the same digests, the same verdicts on signatures. */
import { constants, createHash, generateKeyPairSync, privateEncrypt, sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { NODE_CRYPTO } from './node-crypto';
import { WEB_CRYPTO } from './simulator/crypto-port';
import { recoverSha256Digest, rsaKeyOf } from './simulator/rsa-signature';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

async function keyOf() {
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const certificate = new pkijs.Certificate();
  certificate.subjectPublicKeyInfo = new pkijs.PublicKeyInfo({
    schema: asn1js.fromBER(spki.slice().buffer).result,
  });
  return rsaKeyOf(certificate);
}

it('gives the same SHA-256 and the same verdicts as WebCrypto', async () => {
  const key = await keyOf();
  const message = new TextEncoder().encode('a challenge');
  const good = new Uint8Array(sign('sha256', message, privateKey));
  const other = new Uint8Array(sign('sha256', new TextEncoder().encode('another'), privateKey));
  const cases: Uint8Array[] = [good, other, new Uint8Array(3), new Uint8Array(256).fill(0xff)];
  for (const signature of cases) {
    expect(NODE_CRYPTO.verifyRsaSha256(key, message, signature)).toBe(
      await WEB_CRYPTO.verifyRsaSha256(key, message, signature),
    );
  }
  expect(NODE_CRYPTO.verifyRsaSha256(key, message, good)).toBe(true);
  // The raw operation recovers the same digest as the BigInt one, and says nothing for garbage.
  for (const signature of [good, other]) {
    expect(recoverSha256Digest(key, signature, NODE_CRYPTO)).toEqual(
      recoverSha256Digest(key, signature, WEB_CRYPTO),
    );
  }
  expect(recoverSha256Digest(key, good, NODE_CRYPTO)).toBeDefined();
  const block = NODE_CRYPTO.rsaPublicOperation!(key, good)!;
  expect([block.length, block[0], block[1], block[2]]).toEqual([256, 0x00, 0x01, 0xff]);
  expect(recoverSha256Digest(key, new Uint8Array(256).fill(0x7f), NODE_CRYPTO)).toBeUndefined();
  expect(NODE_CRYPTO.sha256Hex(message)).toBe(await WEB_CRYPTO.sha256Hex(message));
});

it('accepts only the one EMSA-PKCS1-v1_5 block of the SHA-256 digest, as WebCrypto does', async () => {
  const key = await keyOf();
  const message = new TextEncoder().encode('a challenge');
  const digest = createHash('sha256').update(message).digest();
  const sha256Info = Buffer.from('3031300d060960864801650304020105000420', 'hex');
  const sha1Info = Buffer.from('3021300906052b0e03021a05000414', 'hex');
  const block = (info: Buffer, hash: Buffer, fill = 0xff, lead = [0x00, 0x01]) =>
    Buffer.concat([
      Buffer.from(lead),
      Buffer.alloc(256 - lead.length - 1 - info.length - hash.length, fill),
      Buffer.from([0x00]),
      info,
      hash,
    ]);
  const raw = (em: Buffer) =>
    new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, em));
  const good = raw(block(sha256Info, digest));
  expect(NODE_CRYPTO.verifyRsaSha256(key, message, good)).toBe(true);
  const forged = [
    block(sha1Info, digest.subarray(0, 20)), // another digest algorithm
    block(sha256Info, Buffer.alloc(32, 1)), // another digest
    block(sha256Info, digest, 0xfe), // padding not FF
    block(sha256Info, digest, 0xff, [0x00, 0x02]), // an encryption block
  ].map(raw);
  for (const signature of forged) {
    expect(NODE_CRYPTO.verifyRsaSha256(key, message, signature)).toBe(false);
    expect(await WEB_CRYPTO.verifyRsaSha256(key, message, signature)).toBe(false);
  }
  const tooLong = new Uint8Array(257);
  tooLong.set(good, 1);
  expect(NODE_CRYPTO.verifyRsaSha256(key, message, tooLong)).toBe(false);
});
