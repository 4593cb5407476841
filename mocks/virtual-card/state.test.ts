import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JpkiEf } from '../../stb-spec/protocol/jpki-card';
import type { CardCredentials } from '../pki/types';
import { makeFakeCredentials } from './fake-credentials';
import { VirtualJpkiCard } from './jpki-applet';
import {
  cardStateFromJSON,
  cardStateToJSON,
  createCardState,
  loadCardState,
  saveCardStateAtomic,
} from './state';
import { selectAp, selectEf, swOf, verifyPin } from './test-helpers';

let credentials: CardCredentials;
let dir: string;
beforeAll(() => {
  credentials = makeFakeCredentials();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'virtual-card-state-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A card backed by the state file, as the CLI builds it with --state. */
function cardFromFile(file: string): VirtualJpkiCard {
  const state = loadCardState(file) ?? createCardState(credentials, { auth: '1234', sign: 'ABC123' });
  saveCardStateAtomic(file, state);
  const card = new VirtualJpkiCard({ state, onStateChange: (changed) => saveCardStateAtomic(file, changed) });
  card.powerOn();
  return card;
}

test('JSON round trip keeps PINs, counters and credentials byte for byte', () => {
  const state = createCardState(credentials, { auth: '1234', sign: 'ABC123' });
  state.triesLeft.sign = 2;
  const copy = cardStateFromJSON(JSON.parse(JSON.stringify(cardStateToJSON(state))));
  expect(copy.pins).toEqual(state.pins);
  expect(copy.triesLeft).toEqual({ auth: 3, sign: 2 });
  expect(Buffer.from(copy.credentials.signPrivateKeyPkcs8)).toEqual(
    Buffer.from(credentials.signPrivateKeyPkcs8),
  );
  expect(Buffer.from(copy.credentials.authCertificate)).toEqual(Buffer.from(credentials.authCertificate));
  expect(copy.credentials.holder).toEqual(credentials.holder);
});

test('counters persist through the state file across two card instances', () => {
  const file = path.join(dir, 'nested', 'card.json');
  const first = cardFromFile(file);
  for (const command of [selectAp(), selectEf(JpkiEf.authPin), verifyPin('0000'), verifyPin('1111')]) {
    first.process(command);
  }
  const second = cardFromFile(file);
  expect(swOf(second.process(selectAp()))).toBe('9000');
  expect(swOf(second.process(selectEf(JpkiEf.authPin)))).toBe('9000');
  expect(swOf(second.process(verifyPin()))).toBe('63C1');
  expect(swOf(second.process(verifyPin('2222')))).toBe('63C0');
  expect(swOf(second.process(verifyPin('1234')))).toBe('6984');
  const third = cardFromFile(file);
  third.process(selectAp());
  third.process(selectEf(JpkiEf.authPin));
  expect(swOf(third.process(verifyPin()))).toBe('63C0');
  // The identity came back too: same key, same certificate.
  expect(Buffer.from(loadCardState(file)!.credentials.authCertificate)).toEqual(
    Buffer.from(credentials.authCertificate),
  );
});

test('writes are atomic: no temp files are left behind, the file is private', () => {
  const file = path.join(dir, 'card.json');
  const state = createCardState(credentials, { auth: '1234', sign: 'ABC123' });
  for (let i = 0; i < 5; i++) {
    state.triesLeft.auth = i % 4;
    saveCardStateAtomic(file, state);
  }
  expect(readdirSync(dir)).toEqual(['card.json']);
  expect(JSON.parse(readFileSync(file, 'utf8')).triesLeft.auth).toBe(0);
});

test('a missing file loads as undefined; a broken one fails with a clear message', () => {
  expect(loadCardState(path.join(dir, 'absent.json'))).toBeUndefined();
  const broken = path.join(dir, 'broken.json');
  writeFileSync(broken, '{"version":1,');
  expect(() => loadCardState(broken)).toThrow(/not valid JSON/);
  const json = cardStateToJSON(createCardState(credentials, { auth: '1234', sign: 'ABC123' }));
  expect(() => cardStateFromJSON({ ...json, triesLeft: { auth: 4, sign: 5 } })).toThrow(/triesLeft.auth/);
  expect(() => cardStateFromJSON({ ...json, version: 2 })).toThrow(/version/);
  expect(() => cardStateFromJSON({ ...json, credentials: {} })).toThrow(/credentials/);
});
