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
