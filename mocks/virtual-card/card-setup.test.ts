/** Card setup against the real test PKI (mocks/pki): identity reuse, expired and revoked cards. */
import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JpkiEf, SHA256_DIGEST_INFO_PREFIX } from '../../stb-spec/protocol/jpki-card';
import { createTestPki, DEMO_HOLDERS, loadOrCreateTestPki, type TestPki } from '../pki/index';
import { isExpired, prepareCardState } from './card-setup';
import { VirtualJpkiCard } from './jpki-applet';
import { parseScenario } from './scenarios';
import { loadCardState, saveCardStateAtomic } from './state';
import { apdu, computeSignature, dataOf, selectAp, selectEf, swOf, verifyPin } from './test-helpers';

const PINS = { auth: '1234', sign: 'ABC123' };
const holder = DEMO_HOLDERS[1]!;
let dir: string;
let pki: TestPki;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'virtual-card-setup-'));
  pki = await loadOrCreateTestPki(path.join(dir, 'pki'), { generations: 1 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const setup = (scenario: string, stateFile?: string, pins = PINS) =>
  prepareCardState({
    pki,
    pkiDir: path.join(dir, 'pki'),
    scenario: parseScenario(scenario),
    pins,
    holder,
    stateFile,
  });

test('a new card from the PKI signs with the key of its certificate', async () => {
  const state = await setup('normal');
  expect(state.triesLeft).toEqual({ auth: 3, sign: 5 });
  expect(state.credentials.holder).toEqual(holder);
  const card = new VirtualJpkiCard({ state });
  card.powerOn();
  for (const command of [selectAp(), selectEf(JpkiEf.authPin), verifyPin('1234'), selectEf(JpkiEf.authKey)]) {
    expect(swOf(card.process(command))).toBe('9000');
  }
  const message = Buffer.from('ログイン challenge');
  const response = card.process(
    computeSignature(apdu(SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(message).digest())),
  );
  expect(swOf(response)).toBe('9000');
  const { publicKey } = new X509Certificate(Buffer.from(state.credentials.authCertificate));
  expect(
    verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, dataOf(response)),
  ).toBe(true);
});

test('--state keeps identity and counters; PINs follow the command line; locked applies on top', async () => {
  const file = path.join(dir, 'reuse.json');
  const first = await setup('normal', file);
  first.triesLeft.sign = 2;
  saveCardStateAtomic(file, first);
  const second = await setup('locked', file, { auth: '5678', sign: 'NEWPASS1' });
  expect(second.credentials.authSerialHex).toBe(first.credentials.authSerialHex);
  expect(second.triesLeft).toEqual({ auth: 0, sign: 2 });
  expect(second.pins).toEqual({ auth: '5678', sign: 'NEWPASS1' });
  expect(loadCardState(file)!.triesLeft).toEqual({ auth: 0, sign: 2 });
});

test('expired: certificates whose notAfter lies in the past, also replacing a valid stored card', async () => {
  const file = path.join(dir, 'expired.json');
  const valid = await setup('normal', file);
  expect(isExpired(valid.credentials, new Date())).toBe(false);
  const expired = await setup('expired', file);
  expect(isExpired(expired.credentials, new Date())).toBe(true);
  expect(expired.credentials.authSerialHex).not.toBe(valid.credentials.authSerialHex);
  const notAfter = new Date(new X509Certificate(Buffer.from(expired.credentials.signCertificate)).validTo);
  expect(notAfter.getTime()).toBeLessThan(Date.now());
});

test('revoked: the auth certificate is revoked in the PKI, and the saved PKI knows it', async () => {
  const state = await setup('revoked');
  expect(pki.isRevoked('auth', state.credentials.authSerialHex)).toBe(true);
  expect(pki.isRevoked('sign', state.credentials.signSerialHex)).toBe(false);
  const reloaded = await loadOrCreateTestPki(path.join(dir, 'pki'));
  expect(reloaded.isRevoked('auth', state.credentials.authSerialHex)).toBe(true);
});

test('a state file from another PKI gets a newly issued card, its counters kept', async () => {
  const file = path.join(dir, 'foreign.json');
  const otherPki = await createTestPki({ generations: 1 });
  const foreign = await prepareCardState({
    pki: otherPki,
    pkiDir: path.join(dir, 'other-pki'),
    scenario: parseScenario('last-try'),
    pins: PINS,
    holder,
    stateFile: file,
  });
  const notes: string[] = [];
  const state = await prepareCardState({
    pki,
    pkiDir: path.join(dir, 'pki'),
    scenario: parseScenario('normal'),
    pins: PINS,
    holder,
    stateFile: file,
    note: (message) => notes.push(message),
  });
  expect(state.credentials.authSerialHex).not.toBe(foreign.credentials.authSerialHex);
  expect(pki.issuingGeneration('auth', state.credentials.authSerialHex)).toBeDefined();
  expect(state.triesLeft.auth).toBe(1);
  expect(notes.join('\n')).toMatch(/never issued/);
  expect(notes.join('\n')).not.toMatch(/1234|ABC123/);
});
