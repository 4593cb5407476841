/**
 * Sessions end with the certificate, and 変更確認, over the msw handlers with the test PKI: a session
 * whose auth certificate a refreshed CRL revokes, or which expired, is refused with its own code on
 * every token; the absolute lifetime holds whatever the refreshes; reusing a spent refresh token
 * ends the whole session; the signature certificate's status and CRL reason reach /v1/me, told once.
 */
import { DEMO_HOLDERS, type CardCredentials } from '../../pki';
import type { TokenPair } from '../../../src/platform/types';
import {
  BASE_URL,
  createPlatformFixture,
  driverCard,
  signedLogin,
  type PlatformFixture,
} from '../test-support';
import { checkSignCertificate, tellOnce, type SignCertificateRecord } from './change-check';
import { RevocationIndex } from './revocation';
import { SESSION_LIFETIME_MS } from './sessions';

const HOUR_MS = 60 * 60_000;
let fixture: PlatformFixture;

beforeAll(async () => {
  fixture = await createPlatformFixture();
});
afterAll(() => fixture.close());
beforeEach(() => fixture.simulator.reset());

async function registered(options: { notAfter?: Date } = {}): Promise<CardCredentials> {
  const card = await fixture.pki.issueCard(DEMO_HOLDERS[0]!, options);
  await fixture.client().registration.register(driverCard(card), '10010001');
  return card;
}

async function login(card: CardCredentials): Promise<TokenPair> {
  const { challenge } = fixture.simulator.createChallenge({ purpose: 'login' });
  return fixture.simulator.login(await signedLogin(card, challenge));
}

const me = (accessToken: string) =>
  fetch(`${BASE_URL}/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } });

const refresh = (refreshToken: string) =>
  fetch(`${BASE_URL}/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });

async function expectRefused(response: Response, code: string): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.json()).toMatchObject({ code, status: 401 });
}

describe('sessions end with the certificate', () => {
  it('ends a session at the CRL refresh that revokes its auth certificate: access and refresh token', async () => {
    const card = await registered();
    const tokens = await login(card);
    fixture.pki.revoke('auth', card.authSerialHex);
    expect((await me(tokens.accessToken)).status).toBe(200); // the CRL in force does not list it yet
    await fixture.refreshCrls();
    const refused = await me(tokens.accessToken);
    expect(refused.headers.get('www-authenticate')).toContain('SESSION_CERTIFICATE_REVOKED');
    await expectRefused(refused, 'SESSION_CERTIFICATE_REVOKED');
    await expectRefused(await refresh(tokens.refreshToken), 'SESSION_CERTIFICATE_REVOKED');
    expect(fixture.simulator.sessionCount).toBe(0);
  });

  it('leaves sessions of other certificates open at that refresh', async () => {
    const revoked = await registered();
    const kept = await fixture.pki.issueCard(DEMO_HOLDERS[1]!);
    await fixture.client().registration.register(driverCard(kept), '10010002');
    const keptTokens = await login(kept);
    fixture.pki.revoke('auth', revoked.authSerialHex);
    await fixture.refreshCrls();
    expect((await me(keptTokens.accessToken)).status).toBe(200);
    expect((await refresh(keptTokens.refreshToken)).status).toBe(200);
  });

  it('refuses both tokens once the auth certificate has expired, whatever their own expiry', async () => {
    const card = await registered({ notAfter: new Date(fixture.clock.time + HOUR_MS) });
    const tokens = await login(card);
    fixture.clock.advance(HOUR_MS + 1000);
    await expectRefused(await me(tokens.accessToken), 'SESSION_CERTIFICATE_EXPIRED');
    await expectRefused(await refresh(tokens.refreshToken), 'SESSION_CERTIFICATE_EXPIRED');
  });

  it('ends a session at its absolute lifetime, however often it was refreshed', async () => {
    let tokens = await login(await registered());
    const loggedInAt = fixture.clock.time;
    for (let elapsed = 0; elapsed + HOUR_MS < SESSION_LIFETIME_MS; elapsed += HOUR_MS) {
      fixture.clock.advance(HOUR_MS);
      const answer = await refresh(tokens.refreshToken);
      expect(answer.status).toBe(200);
      tokens = (await answer.json()) as TokenPair;
    }
    // No token outlives the session's end.
    expect(Date.parse(tokens.refreshTokenExpiresAt)).toBeLessThanOrEqual(loggedInAt + SESSION_LIFETIME_MS);
    expect(Date.parse(tokens.accessTokenExpiresAt)).toBeLessThanOrEqual(loggedInAt + SESSION_LIFETIME_MS);
    fixture.clock.advance(HOUR_MS);
    await expectRefused(await refresh(tokens.refreshToken), 'SESSION_EXPIRED');
  });

  it('ends the whole session when a spent refresh token comes back', async () => {
    const first = await login(await registered());
    const second = (await (await refresh(first.refreshToken)).json()) as TokenPair;
    await expectRefused(await refresh(first.refreshToken), 'REFRESH_TOKEN_REUSED');
    await expectRefused(await me(second.accessToken), 'REFRESH_TOKEN_REUSED');
    await expectRefused(await refresh(second.refreshToken), 'REFRESH_TOKEN_REUSED');
  });

  it('answers TOKEN_INVALID for an access token replaced by a refresh, and after logout', async () => {
    const first = await login(await registered());
    const second = (await (await refresh(first.refreshToken)).json()) as TokenPair;
    await expectRefused(await me(first.accessToken), 'TOKEN_INVALID');
    await fetch(`${BASE_URL}/v1/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${second.accessToken}` },
    });
    await expectRefused(await me(second.accessToken), 'TOKEN_INVALID');
    await expectRefused(await refresh(second.refreshToken), 'SESSION_EXPIRED');
  });
});

describe('変更確認: the signature certificate from the sign root CRL', () => {
  const signStatus = async (tokens: TokenPair) =>
    ((await (await me(tokens.accessToken)).json()) as { signCertificate?: Record<string, unknown> })
      .signCertificate;

  it('reports a valid signature certificate and tells nothing', async () => {
    const tokens = await login(await registered());
    expect(await signStatus(tokens)).toMatchObject({ status: 'valid', notify: false });
  });

  it('finds a change of basic information at the CRL refresh, keeps the reason, and tells the next login once', async () => {
    const card = await registered();
    const before = await login(card);
    fixture.pki.revoke('sign', card.signSerialHex, fixture.pki.now(), 3);
    await fixture.refreshCrls();
    // Found on the schedule: reported at once; told at the next login.
    expect(await signStatus(before)).toMatchObject({
      status: 'holderInformationChanged',
      revocationReason: 'affiliationChanged',
      notify: false,
    });
    expect(await signStatus(await login(card))).toMatchObject({
      status: 'holderInformationChanged',
      notify: true,
    });
    expect(await signStatus(await login(card))).toMatchObject({
      status: 'holderInformationChanged',
      notify: false,
    });
  });

  it('reports another revocation reason as revoked, with the reason as the CRL has it', async () => {
    const card = await registered();
    fixture.pki.revoke('sign', card.signSerialHex, fixture.pki.now(), 1);
    await fixture.refreshCrls();
    expect(await signStatus(await login(card))).toMatchObject({
      status: 'revoked',
      revocationReason: 'keyCompromise',
      notify: true,
    });
  });

  it('reads an entry without a reasonCode as unspecified', async () => {
    const card = await registered();
    fixture.pki.revoke('sign', card.signSerialHex);
    await fixture.refreshCrls();
    expect(await signStatus(await login(card))).toMatchObject({
      status: 'revoked',
      revocationReason: 'unspecified',
    });
  });

  it('says expired past notAfter and unknown without a current CRL of the sign root', () => {
    const now = new Date(fixture.clock.time);
    const record: SignCertificateRecord = {
      serialHex: '01',
      anchorId: 'no-such-root',
      notAfter: new Date(now.getTime() + HOUR_MS),
      status: 'valid',
      checkedAt: now,
    };
    checkSignCertificate(record, RevocationIndex.empty(), now);
    expect(record.status).toBe('unknown');
    expect(tellOnce(record)).toBe(false);
    const later = new Date(now.getTime() + 2 * HOUR_MS);
    checkSignCertificate(record, RevocationIndex.empty(), later);
    expect(record.status).toBe('expired');
    expect([tellOnce(record), tellOnce(record)]).toEqual([true, false]);
  });
});
