/**
 * The simulator over real HTTP (ephemeral ports), started as the CLI starts it: a card from another,
 * independently made PKI is refused until its roots are passed with --trust-anchor; CRLs refresh
 * from the PKI directory; CORS answers the TV app's origin only.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTestPki,
  DEMO_HOLDERS,
  loadOrCreateTestPki,
  saveTestPki,
  toPem,
  type CardCredentials,
  type TestPki,
} from '../pki';
import { PlatformClient } from '../../src/platform/client';
import { CertificateRevokedError, UnknownIssuerError } from '../../src/platform/errors';
import {
  CliUsageError,
  DEFAULT_PKI_DIR,
  parsePlatformArgs,
  startPlatform,
  type RunningPlatform,
} from './cli';
import { crlsOf, driverCard } from './test-support';

let dir: string;
let ourPkiDir: string;
let foreign: TestPki;
let foreignRevoked: CardCredentials;
const running: RunningPlatform[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'platform-server-'));
  ourPkiDir = path.join(dir, 'our-pki');
  await loadOrCreateTestPki(ourPkiDir);
  foreign = await createTestPki(); // another PKI: same root names, different keys
  foreignRevoked = await foreign.issueCard(DEMO_HOLDERS[1]!);
  foreign.revoke('auth', foreignRevoked.authSerialHex);
  // One bundle with every root of both kinds, as an operator would get it.
  const roots = [...foreign.trustAnchors('auth'), ...foreign.trustAnchors('sign')];
  await fs.writeFile(
    path.join(dir, 'foreign-roots.pem'),
    roots.map((der) => toPem(der, 'CERTIFICATE')).join(''),
  );
  const crls = await crlsOf(foreign);
  await Promise.all(crls.map((crl, i) => fs.writeFile(path.join(dir, `foreign-${i}.crl`), crl)));
  await fs.writeFile(path.join(dir, 'foreign-pem.crl'), toPem(crls[0]!, 'X509 CRL'));
});

/** J-LIS's records of the foreign PKI's cards so far, as an operator's `--jlis-data` file. */
async function foreignJlisFile(): Promise<string> {
  const file = path.join(dir, `foreign-jlis-${foreign.jlisVersion}.json`);
  await fs.writeFile(file, JSON.stringify(foreign.jlisRecords()));
  return file;
}

afterAll(async () => {
  await Promise.all(running.map((server) => server.close()));
  await fs.rm(dir, { recursive: true, force: true });
});

async function start(args: string[]): Promise<RunningPlatform> {
  const server = await startPlatform(parsePlatformArgs(['--port', '0', '--pki', ourPkiDir, ...args]));
  running.push(server);
  return server;
}

describe('command line', () => {
  it('has defaults for the demo', () => {
    expect(parsePlatformArgs([])).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      pkiDir: DEFAULT_PKI_DIR,
      trustAnchorFiles: [],
      allowOrigins: [],
      requireCrl: true,
    });
  });

  it('takes repeated trust anchors, CRLs and origins', () => {
    const options = parsePlatformArgs(
      [
        '--port',
        '9000',
        '--trust-anchor',
        'a.pem',
        '--trust-anchor',
        'b.pem',
        '--sign-trust-anchor',
        's.pem',
      ].concat(
        ['--crl', 'x.crl', '--allow-origin', 'http://tv.local', '--allow-origin', 'http://localhost:8080'],
        ['--no-test-pki', '--allow-missing-crl', '--crl-refresh-seconds', '0', '--host', '0.0.0.0'],
        ['--data', 'platform-data', '--senders', 'senders.json', '--public-url', 'https://tv.example.jp/'],
        ['--digital-auth-app-port', '9001', '--phone-card', 'phone-card.json'],
      ),
    );
    expect(options).toEqual({
      port: 9000,
      host: '0.0.0.0',
      pkiDir: undefined,
      trustAnchorFiles: ['a.pem', 'b.pem'],
      signTrustAnchorFiles: ['s.pem'],
      crlFiles: ['x.crl'],
      allowOrigins: ['http://tv.local', 'http://localhost:8080'],
      requireCrl: false,
      crlRefreshSeconds: 0,
      jlisDataFiles: [],
      rateLimits: true,
      simulatorControls: undefined,
      dataDir: 'platform-data',
      sendersFile: 'senders.json',
      publicUrl: 'https://tv.example.jp',
      digitalAuthAppPort: 9001,
      phoneCardFile: 'phone-card.json',
    });
    expect(() => parsePlatformArgs(['--public-url', 'javascript:alert(1)'])).toThrow(/--public-url/);
    expect(() => parsePlatformArgs(['--digital-auth-app-port', '70000'])).toThrow(/--digital-auth-app-port/);
  });

  it('takes --simulator-controls with a fresh token each start, or the one in the environment', () => {
    const first = parsePlatformArgs(['--simulator-controls'], {}).simulatorControls!.token;
    const second = parsePlatformArgs(['--simulator-controls'], {}).simulatorControls!.token;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    const given = 'a-token-of-our-own-choosing';
    expect(
      parsePlatformArgs(['--simulator-controls'], { MADOGUCHI_SIMULATOR_TOKEN: given }).simulatorControls,
    ).toEqual({ token: given });
    expect(() => parsePlatformArgs(['--simulator-controls'], { MADOGUCHI_SIMULATOR_TOKEN: 'short' })).toThrow(
      CliUsageError,
    );
  });

  it.each([
    [['--port'], /--port needs a value/],
    [['--port', 'eighty'], /--port must be an integer/],
    [['--port', '70000'], /--port must be an integer/],
    [['--trust-anchor', '--port'], /--trust-anchor needs a value/],
    [['--bogus'], /unknown option --bogus/],
    [['--jlis-data'], /--jlis-data needs a value/],
  ])('refuses %j', (args, message) => {
    expect(() => parsePlatformArgs(args)).toThrow(CliUsageError);
    expect(() => parsePlatformArgs(args)).toThrow(message);
  });

  it('explains a missing trust anchor file', async () => {
    await expect(start(['--trust-anchor', path.join(dir, 'missing.pem')])).rejects.toThrow(
      /cannot read trust anchor/,
    );
  });
});

describe('a card that is not ours', () => {
  it('is refused without its root and accepted when its root is passed with --trust-anchor', async () => {
    const card = await foreign.issueCard(DEMO_HOLDERS[0]!);

    const plain = await start(['--crl-refresh-seconds', '0']);
    const refused = new PlatformClient({ baseUrl: plain.url });
    await expect(refused.auth.login(driverCard(card))).rejects.toBeInstanceOf(UnknownIssuerError);
    await expect(refused.registration.register(driverCard(card), '10010001')).rejects.toMatchObject({
      code: 'UNKNOWN_ISSUER',
    });

    const trusting = await start([
      '--trust-anchor',
      path.join(dir, 'foreign-roots.pem'),
      '--jlis-data',
      await foreignJlisFile(),
    ]);
    expect(trusting.warnings).toEqual([expect.stringContaining('not checked for revocation')]);
    const client = new PlatformClient({ baseUrl: trusting.url });
    await expect(client.auth.login(driverCard(card))).rejects.toMatchObject({
      code: 'REGISTRATION_REQUIRED',
    });
    await client.registration.register(driverCard(card), '10010001');
    const other = new PlatformClient({ baseUrl: trusting.url });
    await other.auth.login(driverCard(card));
    expect((await other.profile.get()).displayName).toBe('山田 太郎');
  });

  it('is checked against the CRLs given with --crl (DER or PEM)', async () => {
    const card = await foreign.issueCard(DEMO_HOLDERS[0]!);
    const crlFiles = (await fs.readdir(dir)).filter((f) => f.endsWith('.crl'));
    const server = await start([
      '--trust-anchor',
      path.join(dir, 'foreign-roots.pem'),
      ...crlFiles.flatMap((f) => ['--crl', path.join(dir, f)]),
      '--jlis-data',
      await foreignJlisFile(),
    ]);
    expect(server.warnings).toEqual([]);
    const client = new PlatformClient({ baseUrl: server.url });
    await client.registration.register(driverCard(card), '10010001');
    await expect(
      new PlatformClient({ baseUrl: server.url }).registration.register(
        driverCard(foreignRevoked),
        '10010002',
      ),
    ).rejects.toBeInstanceOf(CertificateRevokedError);
  });
});

describe('revocation from the PKI directory', () => {
  it('refuses a card revoked in the PKI after the CRLs are refreshed', async () => {
    const server = await start([]);
    const pki = await loadOrCreateTestPki(ourPkiDir);
    const card = await pki.issueCard(DEMO_HOLDERS[4]!);
    await saveTestPki(pki, ourPkiDir);
    const client = new PlatformClient({ baseUrl: server.url });
    await client.registration.register(driverCard(card), '10010005');

    pki.revoke('auth', card.authSerialHex);
    await saveTestPki(pki, ourPkiDir);
    await expect(
      new PlatformClient({ baseUrl: server.url }).auth.login(driverCard(card)),
    ).resolves.toBeDefined();
    await expect(client.profile.get()).resolves.toBeDefined();
    await server.refreshCrls();
    await expect(
      new PlatformClient({ baseUrl: server.url }).auth.login(driverCard(card)),
    ).rejects.toBeInstanceOf(CertificateRevokedError);
    // The session opened before the revocation ends at that refresh too.
    await expect(client.profile.get()).rejects.toMatchObject({ code: 'SESSION_CERTIFICATE_REVOKED' });
  });
});

describe('simulator controls', () => {
  const control = (server: RunningPlatform, token?: string, route = 'status') =>
    fetch(`${server.url}/__simulator/${route}`, {
      method: route === 'reset' ? 'POST' : 'GET',
      headers: token === undefined ? {} : { 'X-Simulator-Token': token },
    });

  it('do not exist without --simulator-controls', async () => {
    const server = await start([]);
    expect((await control(server)).status).toBe(404);
    expect((await control(server, 'anything', 'reset')).status).toBe(404);
  });

  it('answer only to the control token: 401 without it, 403 with another', async () => {
    const token = 'control-token-for-this-test-0123456789';
    const options = parsePlatformArgs(['--port', '0', '--pki', ourPkiDir, '--simulator-controls'], {
      MADOGUCHI_SIMULATOR_TOKEN: token,
    });
    const server = await startPlatform(options);
    running.push(server);
    expect((await control(server)).status).toBe(401);
    expect((await control(server, '', 'reset')).status).toBe(401);
    const wrong = await control(server, `${token}x`, 'reset');
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect((await control(server, token.slice(0, -1))).status).toBe(403);
    const status = await control(server, token);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ links: expect.any(Number), sessions: 0 });
    expect((await control(server, token, 'reset')).status).toBe(204);
  });
});

describe('HTTP details', () => {
  it('answers CORS preflights for allowed origins only', async () => {
    const server = await start(['--allow-origin', 'http://tv.local']);
    const preflight = (origin: string) =>
      fetch(`${server.url}/v1/bookings`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
    const allowed = await preflight('http://tv.local');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://tv.local');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('X-Pairing-Token, X-Pairing-Box');
    const other = await preflight('http://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const challenge = await fetch(`${server.url}/v1/auth/challenges`, {
      method: 'POST',
      headers: { Origin: 'http://tv.local', 'Content-Type': 'application/json' },
      body: JSON.stringify({ purpose: 'login' }),
    });
    expect(challenge.status).toBe(201);
    expect(challenge.headers.get('access-control-allow-origin')).toBe('http://tv.local');
  });

  it('answers unknown paths and bad bodies with problem+json', async () => {
    const server = await start([]);
    const missing = await fetch(`${server.url}/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    const bad = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', body: '{not json' });
    expect(await bad.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
