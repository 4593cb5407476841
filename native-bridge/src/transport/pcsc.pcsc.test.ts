/**
 * The card path on real parts: the virtual card on vsmartcard's vpcd reader, the real pcscd, the
 * pcsclite addon, our PcscTransport and the JPKI driver. Needs pcscd with the vpcd readers
 * (scripts/ensure-system.sh starts it); fails, never skips, when they are missing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash, verify, X509Certificate } from 'node:crypto';
import type { CardCredentials } from '../../../mocks/pki';
import { VirtualJpkiCard } from '../../../mocks/virtual-card/jpki-applet';
import { createCardState } from '../../../mocks/virtual-card/state';
import { VpcdCard } from '../../../mocks/virtual-card/vpcd-client';
import { JpkiCard } from '../jpki/jpki-card';
import { CardRemovedError, PinIncorrectError } from '../jpki/errors';
import { AUTH_PIN, SIGN_PASSWORD, issueTestCredentials } from '../../../mocks/virtual-card/driver-fixtures';
import { PcscReaderMonitor, type ReaderSnapshot } from './pcsc-readers';

const run = promisify(execFile);
const READER = 'Virtual PCD 00 00';
const VPCD_PORT = 35963;

let credentials: CardCredentials;
let monitor: PcscReaderMonitor;
let card: VirtualJpkiCard;
let inserted: VpcdCard | undefined;

function waitFor(
  predicate: (readers: ReaderSnapshot[]) => boolean,
  what: string,
  ms = 10_000,
): Promise<void> {
  if (predicate(monitor.readers())) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      monitor.off('change', listener);
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(monitor.readers())}`));
    }, ms);
    const listener = (readers: ReaderSnapshot[]) => {
      if (!predicate(readers)) return;
      clearTimeout(timer);
      monitor.off('change', listener);
      resolve();
    };
    monitor.on('change', listener);
  });
}

const presence = (readers: ReaderSnapshot[]) => readers.find((r) => r.name === READER)?.presence;

async function insertCard(removeAfterApdus?: number): Promise<void> {
  inserted = new VpcdCard(card, { port: VPCD_PORT, removeAfterApdus });
  await inserted.connect();
  await waitFor((readers) => presence(readers) === 'present', 'the card in the reader');
}

async function removeCard(): Promise<void> {
  await inserted?.disconnect();
  inserted = undefined;
  await waitFor((readers) => presence(readers) === 'absent', 'the card to leave the reader');
}

const digest = (text: string) => createHash('sha256').update(text).digest();

beforeAll(async () => {
  credentials = await issueTestCredentials();
  card = new VirtualJpkiCard({
    state: createCardState(credentials, { auth: AUTH_PIN, sign: SIGN_PASSWORD }),
  });
  monitor = await PcscReaderMonitor.start({ transmitTimeoutMs: 5_000 });
  expect(monitor.readers().map((r) => r.name)).toContain(READER);
});

afterEach(async () => {
  if (inserted) await removeCard();
});

afterAll(() => monitor?.close());

it('sees the card arrive and leave, with its ATR', async () => {
  const events: string[] = [];
  monitor.on('card-inserted', (r) => r.name === READER && events.push(`in ${r.atr}`));
  monitor.on('card-removed', (r) => r.name === READER && events.push('out'));
  await insertCard();
  await removeCard();
  expect(events).toEqual(['in 3BE000FF8131FE4514', 'out']);
});

it('reads the auth certificate, PIN status, rejects a wrong PIN and signs, through pcscd', async () => {
  await insertCard();
  const driver = new JpkiCard(monitor.transport(READER));
  await expect(driver.detect()).resolves.toEqual({ token: 'JPKIAPICCTOKEN2' });
  const der = await driver.readCertificate('auth');
  expect(Buffer.from(der).equals(Buffer.from(credentials.authCertificate))).toBe(true);
  await expect(driver.pinStatus('auth')).resolves.toEqual({ triesLeft: 3, maxTries: 3, locked: false });
  await expect(driver.verifyPin('auth', '0000')).rejects.toEqual(new PinIncorrectError(2));
  await expect(driver.pinStatus('auth')).resolves.toMatchObject({ triesLeft: 2 });

  const signature = await driver.sign('auth', AUTH_PIN, digest('login challenge'));
  const publicKey = new X509Certificate(Buffer.from(der)).publicKey;
  expect(verify('sha256', Buffer.from('login challenge'), publicKey, signature)).toBe(true);
  expect(card.state.triesLeft.auth).toBe(3);

  const signCertificate = await driver.readSignCertificate(SIGN_PASSWORD);
  expect(Buffer.from(signCertificate).equals(Buffer.from(credentials.signCertificate))).toBe(true);
});

it('holds the card exclusively while it works: a second connection is refused', async () => {
  await insertCard();
  const transport = monitor.transport(READER);
  await new JpkiCard(transport).pinStatus('auth');
  // Another process (a second pcsclite client in a child node) tries to share the card.
  const attempt = `
    const p = require('pcsclite')();
    p.on('reader', (r) => r.name === ${JSON.stringify(READER)} && r.connect({ share_mode: r.SCARD_SHARE_SHARED },
      (error) => { console.log(error ? error.message : 'connected'); process.exit(0); }));`;
  const { stdout } = await run(process.execPath, ['-e', attempt], { timeout: 10_000 });
  expect(stdout).toMatch(/sharing violation/i);
  await transport.release();
});

it.each([1, 3])('card pulled out mid-read (after %i APDUs): CardRemovedError, no hang', async (after) => {
  await insertCard(after);
  const driver = new JpkiCard(monitor.transport(READER));
  await expect(driver.readCertificate('auth')).rejects.toBeInstanceOf(CardRemovedError);
  await waitFor((readers) => presence(readers) === 'absent', 'the card to leave');
  inserted = undefined;

  await insertCard();
  const der = await driver.readCertificate('auth');
  expect(Buffer.from(der).equals(Buffer.from(credentials.authCertificate))).toBe(true);
});

it.each([2, 3, 4])(
  'card pulled out mid-sign (after %i APDUs): CardRemovedError, counter kept',
  async (after) => {
    await insertCard(after);
    const driver = new JpkiCard(monitor.transport(READER));
    await expect(driver.sign('auth', AUTH_PIN, digest('x'))).rejects.toBeInstanceOf(CardRemovedError);
    await waitFor((readers) => presence(readers) === 'absent', 'the card to leave');
    inserted = undefined;
    expect(card.state.triesLeft.auth).toBe(3);

    await insertCard();
    const signature = await driver.sign('auth', AUTH_PIN, digest('x'));
    expect(signature).toHaveLength(256);
  },
);
