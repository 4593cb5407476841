/**
 * The 2.0 draft's guarantees about which card a call reaches, through the reference bridge on the
 * simulator backend: a new identity at every insertion, no APDU for a call naming another card, no
 * effect from a notification, no card command for a malformed PIN, and what getInfo promises.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CARD_OPERATION_TIMEOUT_MS, LIMITS, checkResult } from '../../../stb-spec/protocol';
import { RawClient, startTestBridge, type TestBridge } from '../../../mocks/dev-bridge/test-bridge';

let pkiDir: string;
let bridge: TestBridge;
let client: RawClient;

const CARD_ID = /^[A-Za-z0-9_-]{22}$/;
const digest = createHash('sha256').update('c').digest().toString('base64');
const signParams = (pin: string, extra: object = {}) => ({
  key: 'auth',
  pin,
  hash: 'SHA-256',
  digest,
  ...extra,
});
const errorOf = (response: Record<string, unknown>) =>
  response.error as { code: number; message: string; data?: unknown };
const cardApdus = () =>
  (bridge.simulator.transport(bridge.simulator.readers()[0]!.name) as unknown as { apduCount: number })
    .apduCount;
const currentCardId = async () => ((await client.call('getStatus')).result as { cardId?: string }).cardId;
const authTries = async () =>
  ((await client.call('getPinStatus', { pin: 'auth' })).result as { triesLeft: number }).triesLeft;

beforeAll(() => {
  pkiDir = mkdtempSync(join(tmpdir(), 'madoguchi-bridge-'));
});

beforeEach(async () => {
  bridge = await startTestBridge({ pkiDir });
  await bridge.cards.settled();
  client = await RawClient.connect(bridge.url);
});

afterEach(async () => {
  client.close();
  await bridge.close();
});

it('getInfo names the spec, the implementation, its capabilities and the shared limits', async () => {
  const { result } = await client.call('getInfo');
  expect(checkResult('getInfo', result)).toBeUndefined();
  expect(result).toEqual({
    specVersion: '2.0',
    protocolVersion: 1,
    implementation: { name: 'madoguchi-bridge', version: expect.any(String) },
    capabilities: ['cardId', 'lastAttemptConfirmation'],
    limits: { ...LIMITS, cardOperationTimeoutMs: CARD_OPERATION_TIMEOUT_MS },
  });
});

describe('card identity', () => {
  it('a card swapped with no empty reader in between gets a new cardId, announced in an event', async () => {
    await client.call('register', { event: 'statusChanged', id: 'app' });
    const before = await currentCardId();
    expect(before).toMatch(CARD_ID);
    await client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'normal' });
    await bridge.cards.settled();
    const after = await currentCardId();
    expect(after).toMatch(CARD_ID);
    expect(after).not.toBe(before);
    const last = client.notifications.at(-1)!.params as { cardId?: string; readers: { cardId?: string }[] };
    expect(checkResult('getStatus', last)).toBeUndefined();
    expect(last.cardId).toBe(after);
    expect(last.readers[0]!.cardId).toBe(after);
  });

  it('removal and re-insertion of the same card also gives a new cardId; an empty reader has none', async () => {
    const before = await currentCardId();
    await client.call('MyNumberCardSimulator.1.removeCard');
    const empty = (await client.call('getStatus')).result as { readers: object[]; cardId?: string };
    expect(empty).toEqual({
      readerService: 'running',
      readers: [{ name: expect.any(String), card: 'absent' }],
    });
    await client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'normal' });
    await bridge.cards.settled();
    expect(await currentCardId()).not.toBe(before);
  });

  it('a call naming the previous card is CARD_CHANGED with the current cardId, and no APDU reaches the card', async () => {
    const old = await currentCardId();
    await client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'normal' });
    await bridge.cards.settled();
    const current = await currentCardId();
    const before = cardApdus();
    for (const [method, params] of [
      ['sign', signParams('0000', { cardId: old })],
      ['readSignCertificate', { pin: 'WRONG1', cardId: old }],
      ['getPinStatus', { pin: 'auth', cardId: old }],
      ['readCertificate', { slot: 'auth', cardId: old }],
    ] as const) {
      expect(errorOf(await client.call(method, params))).toMatchObject({
        code: -32005,
        data: { cardId: current },
      });
    }
    expect(cardApdus()).toBe(before);
    expect(await authTries()).toBe(3);
    const right = await client.call('getPinStatus', { pin: 'auth', cardId: current });
    expect(right.result).toMatchObject({ triesLeft: 3 });
  });

  it('a cardId with no card in the reader is CARD_CHANGED without data', async () => {
    const old = await currentCardId();
    await client.call('MyNumberCardSimulator.1.removeCard');
    const error = errorOf(await client.call('getPinStatus', { pin: 'auth', cardId: old }));
    expect(error.code).toBe(-32005);
    expect(error).not.toHaveProperty('data');
  });
});

it('a notification (no id) never reaches the card, whatever the method: a wrong PIN costs nothing', async () => {
  const replies: unknown[] = [];
  client.ws.on('message', (data) => replies.push(JSON.parse(String(data))));
  const before = cardApdus();
  client.ws.send(
    JSON.stringify({ jsonrpc: '2.0', method: 'MyNumberCard.1.sign', params: signParams('0000') }),
  );
  client.ws.send(
    JSON.stringify({ jsonrpc: '2.0', method: 'MyNumberCardSimulator.1.removeCard', params: {} }),
  );
  await client.call('getStatus'); // a round trip: anything answered to the notifications has arrived
  expect(replies).toHaveLength(1);
  expect(cardApdus()).toBe(before);
  expect(await authTries()).toBe(3);
});

it.each([
  ['sign', signParams('1234\n')],
  ['sign', signParams('１２３４')],
  ['sign', signParams(' 1234')],
  ['sign', { ...signParams('abc123'), key: 'sign' }],
  ['readSignCertificate', { pin: 'abc123' }],
  ['readSignCertificate', { pin: 'ABC12' }],
  ['readSignCertificate', { pin: 'ABC123\n' }],
  ['readSignCertificate', { pin: 'ＡＢＣ１２３' }],
])(
  '%s with a PIN outside the byte rules (%j) is PIN_FORMAT before any card command',
  async (method, params) => {
    const before = cardApdus();
    expect(errorOf(await client.call(method, params)).code).toBe(-32013);
    expect(cardApdus()).toBe(before);
    expect(await authTries()).toBe(3);
  },
);

it('a VERIFY whose exchange fails says the try may have been spent (verifyOutcome unknown)', async () => {
  // Classification takes 2 APDUs; the sign's PIN EF SELECT and counter query 2 more: the 5th is VERIFY.
  await client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'removal-after-4' });
  await bridge.cards.settled();
  const error = errorOf(await client.call('sign', signParams('0000')));
  expect(error).toMatchObject({ code: -32003, data: { verifyOutcome: 'unknown' } });
  expect(checkResult('getStatus', (await client.call('getStatus')).result)).toBeUndefined();
});

it('a card removed before the VERIFY is plain CARD_REMOVED: no try can have been spent', async () => {
  await client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'removal-after-3' });
  await bridge.cards.settled();
  const error = errorOf(await client.call('sign', signParams('0000')));
  expect(error.code).toBe(-32003);
  expect(error).not.toHaveProperty('data');
});

it('another running operation is BUSY with reason operation', async () => {
  const [first, second] = await Promise.all([
    client.call('readCertificate', { slot: 'auth' }),
    client.call('getPinStatus', { pin: 'auth' }),
  ]);
  expect(first.result).toHaveProperty('der');
  expect(errorOf(second)).toMatchObject({ code: -32021, data: { reason: 'operation' } });
});

it(`registers at most ${LIMITS.maxRegistrations} ids per connection`, async () => {
  for (let i = 0; i < LIMITS.maxRegistrations; i++) {
    expect((await client.call('register', { event: 'statusChanged', id: `id${i}` })).result).toBe(0);
  }
  expect((await client.call('register', { event: 'statusChanged', id: 'id0' })).result).toBe(0);
  expect(errorOf(await client.call('register', { event: 'statusChanged', id: 'one-more' })).code).toBe(
    -32602,
  );
  await client.call('unregister', { event: 'statusChanged', id: 'id0' });
  expect((await client.call('register', { event: 'statusChanged', id: 'one-more' })).result).toBe(0);
});
