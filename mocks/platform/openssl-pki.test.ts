/**
 * The platform as a JPKI relying party against a PKI made by `openssl` alone, over real HTTP, started
 * as `npm run platform -- --no-test-pki --trust-anchor … --crl … --jlis-data FILE` is: a linked pair
 * registers (birth date in JPKI's `EYYYYMMDD` form, full-width name); an unlinked pair is refused;
 * a renewed auth certificate logs in as the same user and the old one is refused; CA certificates
 * are refused; limits answer 429 with Retry-After; every reply is `Cache-Control: no-store`; a
 * signature certificate revoked for a change of basic information (affiliationChanged) reaches
 * /v1/me as such (変更確認), and revoking the auth certificate ends the session at the CRL refresh.
 */
import { sign as rsaSign } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePlatformArgs, startPlatform, type RunningPlatform } from './cli';
import { OpensslPki, type OpensslCertificate, type OpensslHolder } from './openssl-pki';

let dir: string;
let pki: OpensslPki;
let jlisFile: string;
const running: RunningPlatform[] = [];

/** 山田 太郎 (customer 10010001, born 1947-05-14 = 昭和22年) as JPKI writes him: full-width. */
const YAMADA: OpensslHolder = {
  name: '山田　太郎',
  birthDate: '319470514',
  address: '東京都千代田区窓口町一丁目２番３号',
  sex: '1',
};
let auth: OpensslCertificate;
let signCert: OpensslCertificate;
let otherSign: OpensslCertificate;
let renewedAuth: OpensslCertificate;
let subCa: OpensslCertificate;

async function writeJlis(data: object): Promise<void> {
  const temp = `${jlisFile}.tmp`;
  await fs.writeFile(temp, JSON.stringify(data));
  await fs.rename(temp, jlisFile);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'platform-openssl-'));
  pki = await OpensslPki.create(dir);
  await pki.writeCrl('auth');
  await pki.writeCrl('sign');
  auth = await pki.issue('auth');
  signCert = await pki.issue('sign', YAMADA);
  otherSign = await pki.issue('sign', YAMADA); // same holder, another card
  renewedAuth = await pki.issue('auth');
  subCa = await pki.issue('sub_ca');
  jlisFile = path.join(dir, 'jlis.json');
  await writeJlis({ links: [{ auth: auth.sha256, sign: signCert.sha256 }], renewals: [] });
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((server) => server.close()));
  await fs.rm(dir, { recursive: true, force: true });
});

async function start(extra: string[] = []): Promise<RunningPlatform> {
  const args = ['--port', '0', '--no-test-pki', '--crl-refresh-seconds', '0'].concat(
    ['--trust-anchor', pki.rootPem('auth'), '--trust-anchor', pki.rootPem('sign')],
    ['--crl', pki.crlFile('auth'), '--crl', pki.crlFile('sign'), '--jlis-data', jlisFile],
    extra,
  );
  const server = await startPlatform(parsePlatformArgs(args));
  running.push(server);
  return server;
}

/** The fields these tests read, of a reply or a problem. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read field by field in expectations
type Reply = Record<string, any>;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const signOver = (challenge: string, keyPem: string): string =>
  rsaSign('sha256', Buffer.from(challenge, 'base64url'), keyPem).toString('base64');

async function call(server: RunningPlatform, method: string, route: string, body?: unknown, token?: string) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { response, status: response.status, json: (text ? JSON.parse(text) : undefined) as Reply };
}

async function challenge(server: RunningPlatform, purpose: 'login' | 'registration'): Promise<string> {
  const { json, status } = await call(server, 'POST', '/v1/auth/challenges', { purpose });
  expect(status).toBe(201);
  return json.challenge as string;
}

async function register(server: RunningPlatform, authCert: OpensslCertificate, sign: OpensslCertificate) {
  const c = await challenge(server, 'registration');
  return call(server, 'POST', '/v1/registrations', {
    challenge: c,
    customerNumber: '１００１-０００１',
    authCertificate: b64(authCert.der),
    authSignature: signOver(c, authCert.keyPem),
    signCertificate: b64(sign.der),
    signSignature: signOver(c, sign.keyPem),
  });
}

async function login(server: RunningPlatform, certificate: OpensslCertificate) {
  const c = await challenge(server, 'login');
  return call(server, 'POST', '/v1/auth/login', {
    challenge: c,
    authCertificate: b64(certificate.der),
    signature: signOver(c, certificate.keyPem),
  });
}

describe('a PKI made by openssl alone', () => {
  let server: RunningPlatform;
  beforeAll(async () => {
    server = await start();
  });

  it('refuses a pair J-LIS does not link, then registers the linked pair (real-form birth date)', async () => {
    const unlinked = await register(server, auth, otherSign);
    expect([unlinked.status, unlinked.json.code]).toEqual([403, 'CERTIFICATES_NOT_LINKED']);
    expect(unlinked.response.headers.get('content-type')).toBe('application/problem+json');

    const linked = await register(server, auth, signCert);
    expect([linked.status, linked.json.detail]).toEqual([201, undefined]);
    expect(linked.json).toMatchObject({ customerNumber: '10010001', displayName: '山田 太郎' });
    expect(linked.response.headers.get('cache-control')).toBe('no-store');

    const me = await call(server, 'GET', '/v1/me', undefined, linked.json.tokens.accessToken);
    expect(me.status).toBe(200);
    expect(me.response.headers.get('cache-control')).toBe('no-store');
    expect(me.json.certificate).toMatchObject({ serialNumber: expect.any(String), renewed: false });
  });

  it('logs a renewed certificate in as the same user and refuses the old one', async () => {
    const before = await login(server, auth);
    expect(before.status).toBe(200);
    const oldMe = await call(server, 'GET', '/v1/me', undefined, before.json.accessToken);

    // The renewal is written to the J-LIS file while the platform runs (新旧紐付け).
    await writeJlis({
      links: [
        { auth: auth.sha256, sign: signCert.sha256 },
        { auth: renewedAuth.sha256, sign: signCert.sha256 },
      ],
      renewals: [{ old: auth.sha256, new: renewedAuth.sha256 }],
    });
    const renewed = await login(server, renewedAuth);
    expect(renewed.status).toBe(200);
    const me = await call(server, 'GET', '/v1/me', undefined, renewed.json.accessToken);
    expect(me.json.customerNumber).toBe('10010001');
    expect(me.json.certificate.renewed).toBe(true);
    expect(me.json.certificate.serialNumber).not.toBe(oldMe.json.certificate.serialNumber);

    const old = await login(server, auth);
    expect([old.status, old.json.code]).toEqual([401, 'CERTIFICATE_SUPERSEDED']);
    const again = await login(server, renewedAuth);
    const meAgain = await call(server, 'GET', '/v1/me', undefined, again.json.accessToken);
    expect(meAgain.json.certificate.renewed).toBe(false);
  });

  it('refuses CA certificates for login, the sign certificate for login and the root itself', async () => {
    const ca = await login(server, subCa);
    expect([ca.status, ca.json.code]).toEqual([401, 'CERTIFICATE_PROFILE_INVALID']);
    const rootKey = await fs.readFile(path.join(dir, 'auth-root.key'), 'utf8');
    const rootDer = await fs
      .readFile(pki.rootPem('auth'), 'utf8')
      .then((pem) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const root = await login(server, { der: rootDer, keyPem: rootKey, sha256: '' });
    expect([root.status, root.json.code]).toEqual([401, 'CERTIFICATE_PROFILE_INVALID']);
    const signAsAuth = await login(server, signCert);
    expect(signAsAuth.status).toBe(401);
  });

  it('refuses a user-authentication certificate as the signature certificate', async () => {
    const wrong = await register(server, renewedAuth, renewedAuth);
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
  });
});

describe('limits', () => {
  it('answers 429 with Retry-After when one client asks for too many challenges', async () => {
    const server = await start();
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 200 && !limited; i++) {
      const reply = await call(server, 'POST', '/v1/auth/challenges', { purpose: 'login' });
      if (reply.status !== 201) limited = reply;
    }
    expect(limited?.status).toBe(429);
    expect(limited?.json.code).toBe('RATE_LIMITED');
    expect(Number(limited?.response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited?.response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 429 when one certificate tries to log in too often', async () => {
    const server = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 40 && !statuses.includes(429); i++)
      statuses.push((await login(server, subCa)).status);
    expect(statuses.slice(0, 30)).toEqual(new Array(30).fill(401));
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('revocations in openssl CRLs', () => {
  it('reports 変更確認 from the sign CRL, and ends the session when the auth CRL revokes it', async () => {
    const movedAuth = await pki.issue('auth');
    const movedSign = await pki.issue('sign', YAMADA);
    await writeJlis({ links: [{ auth: movedAuth.sha256, sign: movedSign.sha256 }], renewals: [] });
    const server = await start();
    const linked = await register(server, movedAuth, movedSign);
    expect(linked.status).toBe(201);
    const { accessToken, refreshToken } = linked.json.tokens as Reply;
    const me = () => call(server, 'GET', '/v1/me', undefined, accessToken);
    expect((await me()).json.signCertificate).toMatchObject({ status: 'valid', notify: false });

    await pki.revoke('sign', movedSign, 'affiliationChanged');
    await pki.writeCrl('sign');
    await server.refreshCrls();
    expect((await me()).json.signCertificate).toMatchObject({
      status: 'holderInformationChanged',
      revocationReason: 'affiliationChanged',
    });
    const next = await login(server, movedAuth);
    const told = await call(server, 'GET', '/v1/me', undefined, next.json.accessToken);
    expect(told.json.signCertificate).toMatchObject({ status: 'holderInformationChanged', notify: true });

    await pki.revoke('auth', movedAuth, 'keyCompromise');
    await pki.writeCrl('auth');
    expect((await me()).status).toBe(200);
    await server.refreshCrls();
    const ended = await me();
    expect([ended.status, ended.json.code]).toEqual([401, 'SESSION_CERTIFICATE_REVOKED']);
    const refreshed = await call(server, 'POST', '/v1/auth/refresh', { refreshToken });
    expect([refreshed.status, refreshed.json.code]).toEqual([401, 'SESSION_CERTIFICATE_REVOKED']);
    expect((await login(server, movedAuth)).json.code).toBe('CERTIFICATE_REVOKED');
  });
});
