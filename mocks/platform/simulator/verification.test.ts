/**
 * The negative corpus: every way a login or registration can be wrong is refused, each with its own
 * code. Signatures come from the real driver on a virtual card where the card could produce them,
 * and from WebCrypto with the card's key for the crafted ones.
 */
import { createTestPki, DEMO_HOLDERS, type CardCredentials } from '../../pki';
import { bytesToBase64 } from '../../../src/platform/base64';
import { PlatformError } from '../../../src/platform/errors';
import type { PlatformClient } from '../../../src/platform/client';
import { createDemoSeed } from '../seed/demo-seed';
import {
  challengeBytes,
  challengeDigest,
  createPlatformFixture,
  driverCard,
  signRaw,
  signedLogin,
  type PlatformFixture,
} from '../test-support';

let fixture: PlatformFixture;
let client: PlatformClient;
let yamada: CardCredentials;
let sato: CardCredentials;
const seen = new Map<string, string>();

/** A second contract of 山田 太郎 in this file's seed. */
const SECOND_CONTRACT = '10019002';

beforeAll(async () => {
  fixture = await createPlatformFixture({
    seed: (now) => {
      const seed = createDemoSeed(now);
      seed.customers.push({ customerNumber: SECOND_CONTRACT, name: '山田 太郎', birthDate: '1947-05-14' });
      return seed;
    },
  });
  client = fixture.client();
  [yamada, sato] = await Promise.all([
    fixture.pki.issueCard(DEMO_HOLDERS[0]!),
    fixture.pki.issueCard(DEMO_HOLDERS[1]!),
  ]);
});
afterAll(() => fixture.close());
beforeEach(async () => {
  fixture.simulator.reset();
  await fixture.refreshCrls();
});
afterAll(() => {
  // Each case of the corpus was refused with a code no other case got.
  const codes = [...seen.values()];
  expect(new Set(codes).size).toBe(codes.length);
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(error)}`);
  expect(error.messageJa.length).toBeGreaterThan(0);
  expect(error.messageEn.length).toBeGreaterThan(0);
  return error.code;
}

async function expectRefused(caseName: string, promise: Promise<unknown>, code: string): Promise<void> {
  expect(await codeOf(promise)).toBe(code);
  seen.set(caseName, code);
}

async function loginChallenge(): Promise<string> {
  return (await client.auth.challenge('login')).challenge;
}

async function register(credentials: CardCredentials, customerNumber: string): Promise<void> {
  await fixture.client().registration.register(driverCard(credentials), customerNumber);
}

describe('login is refused', () => {
  it('with a bad signature', async () => {
    await register(yamada, '10010001');
    const body = await signedLogin(yamada, await loginChallenge());
    const signature = Buffer.from(body.signature, 'base64');
    signature[100] = signature[100]! ^ 0x01;
    body.signature = signature.toString('base64');
    await expectRefused('bad signature', client.auth.loginWithSignature(body), 'SIGNATURE_INVALID');
  });

  it('with a signature over another challenge (made by the card itself)', async () => {
    await register(yamada, '10010001');
    const card = driverCard(yamada);
    const signedOne = await loginChallenge();
    const sentOne = await loginChallenge();
    const signature = await card.signWithAuthKey(await challengeDigest(signedOne));
    const body = {
      challenge: sentOne,
      authCertificate: bytesToBase64(await card.readAuthCertificate()),
      signature: bytesToBase64(signature),
    };
    await expectRefused('other challenge', client.auth.loginWithSignature(body), 'CHALLENGE_MISMATCH');
  });

  it('with a replayed challenge', async () => {
    await register(yamada, '10010001');
    const body = await signedLogin(yamada, await loginChallenge());
    await client.auth.loginWithSignature(body);
    await expectRefused('replayed challenge', client.auth.loginWithSignature(body), 'CHALLENGE_REPLAYED');
  });

  it('with an expired challenge (60 s)', async () => {
    await register(yamada, '10010001');
    const body = await signedLogin(yamada, await loginChallenge());
    fixture.clock.advance(60_001);
    await expectRefused('expired challenge', client.auth.loginWithSignature(body), 'CHALLENGE_EXPIRED');
  });

  it('with a challenge the platform never issued', async () => {
    const body = await signedLogin(yamada, 'A'.repeat(43));
    await expectRefused('unknown challenge', client.auth.loginWithSignature(body), 'CHALLENGE_UNKNOWN');
  });

  it('with a registration challenge', async () => {
    const { challenge } = await client.auth.challenge('registration');
    const body = await signedLogin(yamada, challenge);
    await expectRefused('purpose', client.auth.loginWithSignature(body), 'CHALLENGE_PURPOSE_MISMATCH');
  });

  it('with a certificate from an unknown root (a card from another PKI)', async () => {
    const foreign = await (await createTestPki()).issueCard(DEMO_HOLDERS[0]!);
    const body = await signedLogin(foreign, await loginChallenge());
    await expectRefused('unknown root', client.auth.loginWithSignature(body), 'UNKNOWN_ISSUER');
  });

  it('with a signature certificate in place of the auth certificate', async () => {
    const body = await signedLogin(yamada, await loginChallenge());
    body.authCertificate = bytesToBase64(yamada.signCertificate);
    // Chains only to the sign roots, which are not trusted for login: same code as a foreign root.
    expect(await codeOf(client.auth.loginWithSignature(body))).toBe('UNKNOWN_ISSUER');
  });

  it('with an expired certificate', async () => {
    const day = 24 * 60 * 60_000;
    const expired = await fixture.pki.issueCard(DEMO_HOLDERS[2]!, {
      notBefore: new Date(fixture.clock.time - 400 * day),
      notAfter: new Date(fixture.clock.time - day),
    });
    const body = await signedLogin(expired, await loginChallenge());
    await expectRefused('expired certificate', client.auth.loginWithSignature(body), 'CERTIFICATE_EXPIRED');
  });

  it('with a revoked certificate (after the CRL lists it)', async () => {
    const card = await fixture.pki.issueCard(DEMO_HOLDERS[3]!);
    await register(card, '10010004');
    fixture.pki.revoke('auth', card.authSerialHex);
    await fixture.refreshCrls();
    const body = await signedLogin(card, await loginChallenge());
    await expectRefused('revoked certificate', client.auth.loginWithSignature(body), 'CERTIFICATE_REVOKED');
  });

  it("with a signature by another card's key (certificate/signature mismatch)", async () => {
    await register(yamada, '10010001');
    await register(sato, '10010002');
    const challenge = await loginChallenge();
    const body = {
      challenge,
      authCertificate: bytesToBase64(yamada.authCertificate),
      signature: bytesToBase64(await signRaw(sato.authPrivateKeyPkcs8, challengeBytes(challenge))),
    };
    await expectRefused('key mismatch', client.auth.loginWithSignature(body), 'CERTIFICATE_KEY_MISMATCH');
  });

  it('with malformed DER', async () => {
    const body = await signedLogin(yamada, await loginChallenge());
    body.authCertificate = bytesToBase64(yamada.authCertificate.subarray(0, 200));
    await expectRefused('malformed DER', client.auth.loginWithSignature(body), 'CERTIFICATE_MALFORMED');
    // Well-formed DER that is no certificate, and bytes that are no DER at all.
    for (const der of [Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01), Uint8Array.of(0xff, 0x00, 0x12)]) {
      const again = await signedLogin(yamada, await loginChallenge());
      again.authCertificate = bytesToBase64(der);
      expect(await codeOf(client.auth.loginWithSignature(again))).toBe('CERTIFICATE_MALFORMED');
    }
  });

  it('when the issuing root has no current CRL (fails closed)', async () => {
    fixture.simulator.setCrls([]);
    const body = await signedLogin(yamada, await loginChallenge());
    await expectRefused('no CRL', client.auth.loginWithSignature(body), 'REVOCATION_STATUS_UNKNOWN');
  });

  it('for a valid card that is not registered', async () => {
    const body = await signedLogin(yamada, await loginChallenge());
    await expectRefused('not registered', client.auth.loginWithSignature(body), 'REGISTRATION_REQUIRED');
  });
});

describe('registration is refused', () => {
  const registrationFor = async (credentials: CardCredentials, customerNumber: string) => {
    const card = driverCard(credentials);
    return fixture.client().registration.register(card, customerNumber);
  };

  it('when the name does not match the customer record', async () => {
    const other = await fixture.pki.issueCard({ ...DEMO_HOLDERS[0]!, name: '山田 次郎' });
    await expectRefused('name mismatch', registrationFor(other, '10010001'), 'REGISTRATION_MISMATCH');
  });

  it('when the birth date does not match the customer record', async () => {
    const other = await fixture.pki.issueCard({ ...DEMO_HOLDERS[0]!, birthDate: '1947-05-15' });
    expect(await codeOf(registrationFor(other, '10010001'))).toBe('REGISTRATION_MISMATCH');
  });

  it('but matches names that differ only in 全角/半角 spaces', async () => {
    const fullWidth = await fixture.pki.issueCard({ ...DEMO_HOLDERS[0]!, name: '山田　太郎' });
    await expect(registrationFor(fullWidth, '10010001')).resolves.toMatchObject({ displayName: '山田 太郎' });
  });

  it('for an unknown customer number', async () => {
    await expectRefused('unknown customer', registrationFor(yamada, '99999999'), 'CUSTOMER_NOT_FOUND');
  });

  it('when the card is already linked to another customer number', async () => {
    // The same person with a second contract (e.g. a second home): one card links to one customer.
    await register(yamada, '10010001');
    await expect(registrationFor(yamada, '10010001')).resolves.toBeDefined(); // same customer: fine
    await expectRefused(
      'linked elsewhere',
      registrationFor(yamada, SECOND_CONTRACT),
      'CERTIFICATE_ALREADY_LINKED',
    );
  });

  it('when the auth and sign signatures are swapped', async () => {
    const { challenge } = await client.auth.challenge('registration');
    const message = challengeBytes(challenge);
    const request = {
      challenge,
      customerNumber: '10010001',
      authCertificate: bytesToBase64(yamada.authCertificate),
      authSignature: bytesToBase64(await signRaw(yamada.signPrivateKeyPkcs8, message)),
      signCertificate: bytesToBase64(yamada.signCertificate),
      signSignature: bytesToBase64(await signRaw(yamada.authPrivateKeyPkcs8, message)),
    };
    // The auth signature fails first; the sign key is not known as an auth key, so: invalid.
    expect(await codeOf(client.registration.registerWithSignatures(request))).toBe('SIGNATURE_INVALID');
  });
});
