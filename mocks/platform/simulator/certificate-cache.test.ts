/**
 * The relying party checks a certificate's chain, profile and key once; its dates and revocation at
 * every login. The cache of what was checked stays within its bound.
 */
import { DEMO_HOLDERS } from '../../pki';
import { createPlatformFixture, driverCard, signedLogin, type PlatformFixture } from '../test-support';
import { CertificateCache } from './certificate-cache';
import type { VerifiedCertificate } from './verification';

let fixture: PlatformFixture;
beforeAll(async () => {
  fixture = await createPlatformFixture();
});
afterAll(() => fixture.close());

const login = async (card: Parameters<typeof signedLogin>[0]) =>
  fixture.simulator.login(
    await signedLogin(card, fixture.simulator.createChallenge({ purpose: 'login' }).challenge),
  );

it('checks the dates and the CRL of a certificate it has seen before at every login', async () => {
  const card = await fixture.pki.issueCard(DEMO_HOLDERS[2]!, {
    notAfter: new Date(fixture.clock.time + 60 * 60_000),
  });
  await fixture.client().registration.register(driverCard(card), '10010003');
  await expect(login(card)).resolves.toMatchObject({ tokenType: 'Bearer' });
  fixture.pki.revoke('auth', card.authSerialHex);
  await fixture.refreshCrls();
  await expect(login(card)).rejects.toMatchObject({ code: 'CERTIFICATE_REVOKED' });
  fixture.clock.advance(2 * 60 * 60_000);
  await expect(login(card)).rejects.toMatchObject({ code: 'CERTIFICATE_EXPIRED' });
});

it('keeps at most its limit, forgetting the least recently used first', () => {
  const cache = new CertificateCache(2);
  const entry = (sha256Hex: string) => ({ kind: 'auth', sha256Hex }) as VerifiedCertificate;
  cache.set(entry('a'));
  cache.set(entry('b'));
  expect(cache.get('auth', 'a')).toBeDefined(); // a is now the most recent
  cache.set(entry('c'));
  expect(cache.size).toBe(2);
  expect(cache.get('auth', 'b')).toBeUndefined();
  expect(cache.get('auth', 'a')).toBeDefined();
  expect(cache.get('sign', 'a')).toBeUndefined(); // one DER, one kind
});

it('knows a checked certificate by the exact text it came as, within the same bound', () => {
  const cache = new CertificateCache(2);
  const entry = (sha256Hex: string) => ({ kind: 'auth', sha256Hex }) as VerifiedCertificate;
  cache.setEncoding('QUFB', entry('a'));
  cache.setEncoding('QkJC', entry('b'));
  expect(cache.byEncoding('auth', 'QUFB')?.sha256Hex).toBe('a');
  expect(cache.byEncoding('sign', 'QUFB')).toBeUndefined();
  expect(cache.byEncoding('auth', 'QUFB\n')).toBeUndefined(); // the text, not what it decodes to
  cache.setEncoding('Q0ND', entry('c')); // the oldest text goes, used or not
  expect(cache.byEncoding('auth', 'QUFB')).toBeUndefined();
  expect(cache.byEncoding('auth', 'QkJC')?.sha256Hex).toBe('b');
  cache.clear();
  expect(cache.byEncoding('auth', 'QUFB')).toBeUndefined();
  const off = new CertificateCache(0);
  off.setEncoding('QUFB', entry('a'));
  expect(off.byEncoding('auth', 'QUFB')).toBeUndefined();
});

it('refuses a known certificate sent again once its root revokes it, and a bad signature with it', async () => {
  const card = await fixture.pki.issueCard(DEMO_HOLDERS[3]!);
  await fixture.client().registration.register(driverCard(card), '10010004');
  const body = await signedLogin(card, fixture.simulator.createChallenge({ purpose: 'login' }).challenge);
  await fixture.simulator.login(body);
  const again = await signedLogin(card, fixture.simulator.createChallenge({ purpose: 'login' }).challenge);
  expect(again.authCertificate).toBe(body.authCertificate); // the same text: found by it
  const other = await signedLogin(card, fixture.simulator.createChallenge({ purpose: 'login' }).challenge);
  await expect(fixture.simulator.login({ ...again, signature: other.signature })).rejects.toMatchObject({
    code: 'CHALLENGE_MISMATCH',
  });
  fixture.pki.revoke('auth', card.authSerialHex);
  await fixture.refreshCrls();
  await expect(fixture.simulator.login(other)).rejects.toMatchObject({ code: 'CERTIFICATE_REVOKED' });
});
