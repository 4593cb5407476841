/**
 * Stand-in credentials for unit tests that must not depend on the test PKI: real RSA-2048 key
 * pairs (the card signs with them for real) and "certificates" that are only DER-shaped blobs of a
 * realistic size. Tests that need real certificates use mocks/pki instead.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { CardCredentials } from '../pki/types';

/** A DER SEQUENCE with a 2-byte long-form length (30 82 LL LL) of `totalLength` bytes in all. */
function fakeDerBlob(totalLength: number): Uint8Array {
  const contentLength = totalLength - 4;
  const blob = new Uint8Array(totalLength);
  blob.set([0x30, 0x82, contentLength >> 8, contentLength & 0xff]);
  blob.set(randomBytes(contentLength), 4);
  return blob;
}

function rsaPkcs8(): Uint8Array {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));
}

/** Sizes differ per EF so that reads of the wrong EF show up in tests. */
export function makeFakeCredentials(): CardCredentials {
  return {
    holder: { name: '試験 花子', address: '東京都千代田区霞が関1-1-1', birthDate: '1990-04-02', sex: '2' },
    authCertificate: fakeDerBlob(1459),
    authPrivateKeyPkcs8: rsaPkcs8(),
    authCaCertificate: fakeDerBlob(1312),
    signCertificate: fakeDerBlob(1788),
    signPrivateKeyPkcs8: rsaPkcs8(),
    signCaCertificate: fakeDerBlob(1330),
    authSerialHex: '0a1b2c',
    signSerialHex: '0d4e5f',
  };
}
