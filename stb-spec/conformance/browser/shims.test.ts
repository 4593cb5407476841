/**
 * The browser build's stand-ins for node:crypto and its launch URL reading, checked against Node
 * itself: the same certificates and signatures must verify (and tampered ones must not), and the
 * fragment is read as the spec's launch URL grammar says.
 */
import { createPrivateKey, sign, X509Certificate as NodeX509 } from 'node:crypto';
import { join } from 'node:path';
import { DEMO_HOLDERS, loadOrCreateTestPki, type CardCredentials } from '../../../mocks/pki';
import { readLaunch } from './launch';
import { createHash, verify, X509Certificate } from './shims/crypto';
import { ScreenControl, type Prompt } from './screen-control';
import { NotRun } from '../case';

let card: CardCredentials;

beforeAll(async () => {
  const pki = await loadOrCreateTestPki(join(__dirname, '../../../.tmp/conformance-pki'));
  card = await pki.issueCard(DEMO_HOLDERS[0]!);
}, 60_000);

const flip = (bytes: Uint8Array, index: number) => {
  const copy = new Uint8Array(bytes);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
};

it('reads certificates as node:crypto does: CA flag, issuer, signature', () => {
  const auth = new X509Certificate(card.authCertificate);
  const authCa = new X509Certificate(card.authCaCertificate);
  const signCa = new X509Certificate(card.signCaCertificate);
  expect([auth.ca, authCa.ca]).toEqual([new NodeX509(card.authCertificate).ca, true]);
  expect(auth.checkIssued(authCa)).toBe(true);
  expect(auth.verify(authCa.publicKey)).toBe(true);
  expect(auth.verify(signCa.publicKey)).toBe(
    new NodeX509(card.authCertificate).verify(new NodeX509(card.signCaCertificate).publicKey),
  );
  // A changed bit in the signed part, or in the signature, and it no longer verifies.
  expect(new X509Certificate(flip(card.authCertificate, 200)).verify(authCa.publicKey)).toBe(false);
  const der = card.authCertificate;
  expect(new X509Certificate(flip(der, der.length - 3)).verify(authCa.publicKey)).toBe(false);
  expect(auth.raw.equals(Buffer.from(der))).toBe(true);
});

it('verifies RSA PKCS#1 v1.5 SHA-256 signatures made by Node, and refuses changed ones', () => {
  const key = createPrivateKey({ key: Buffer.from(card.authPrivateKeyPkcs8), format: 'der', type: 'pkcs8' });
  const message = Buffer.from('conformance');
  const signature = sign('sha256', message, key);
  const publicKey = new X509Certificate(card.authCertificate).publicKey;
  expect(verify('sha256', message, publicKey, signature)).toBe(true);
  expect(verify('sha256', Buffer.from('conformancE'), publicKey, signature)).toBe(false);
  expect(verify('sha256', message, publicKey, flip(signature, 10))).toBe(false);
  expect(createHash('sha256').update('abc').digest('hex')).toBe(
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
});

it('reads the launch fragment as name=value pairs, each decoded once, the token under bridgeToken', () => {
  const launch = readLaunch(
    '#bridgeToken=abc%2Ddef_0123456789abcdefghij&pin=1234&reader=Virtual%20PCD%2000%2001&only=CK-21,CK-42',
    'http://127.0.0.1:8080',
  );
  expect(launch.problems).toEqual([]);
  expect(launch.kit).toMatchObject({
    url: 'ws://127.0.0.1:9930/jsonrpc',
    origin: 'http://127.0.0.1:8080',
    token: 'abc-def_0123456789abcdefghij',
    authPin: '1234',
    reader: 'Virtual PCD 00 01',
    timeoutMs: 20_000,
  });
  expect(launch.only).toEqual(['CK-21', 'CK-42']);
  expect(launch.promptTimeoutMs).toBe(180_000);
  expect(readLaunch('#pin=12345&bridge=http://x', 'http://o').problems).toEqual([
    'pin must be 4 digits',
    'bridge must be a ws:// or wss:// URL',
  ]);
  expect(readLaunch('#bridgeToken=%41%2541', 'http://o').kit.token).toBe('A%41');
});

it('asks a technician for plain cards, and for a paced card only as a named test card', () => {
  const control = new ScreenControl({ show: () => undefined, hide: () => undefined }, 1_000);
  expect(control.canProvide('normal')).toBe(true);
  expect(control.canProvide('none')).toBe(true);
  expect(control.canProvide('not-my-number-card')).toBe(true);
  expect(control.canProvide('locked')).toBe(false);
  expect(control.canProvide('normal', { removeDuringNextOperation: true })).toBe(false);
});

it('asks for the lab’s slow and hanging test cards; BACK answers "no such card" and the case is not run', async () => {
  jest.useFakeTimers();
  try {
    const shown: Prompt[] = [];
    const control = new ScreenControl({ show: (prompt) => shown.push(prompt), hide: () => undefined }, 1_000);
    expect(control.canProvide('normal', { pace: { answerDelayMs: 300 }, testCard: 'slow' })).toBe(true);
    expect(control.canProvide('normal', { pace: { answerDelayMs: 300 } })).toBe(false);
    expect(control.canProvide('locked', { testCard: 'hanging' })).toBe(false);

    const slow = control.insert('normal', { testCard: 'slow' });
    expect(shown.at(-1)).toMatchObject({ setup: 'slow', declinable: true });
    control.decline(); // within a second of the prompt: meant for the one before
    jest.advanceTimersByTime(1_100);
    control.decline();
    await expect(slow).rejects.toBeInstanceOf(NotRun);

    // A plain card cannot be declined: BACK does nothing, OK goes on.
    const plain = control.insert('normal');
    expect(shown.at(-1)).toMatchObject({ setup: 'normal', declinable: false });
    jest.advanceTimersByTime(1_100);
    control.decline();
    control.confirm();
    await expect(plain).resolves.toBeUndefined();
  } finally {
    jest.useRealTimers();
  }
});
