/**
 * The 2.0 draft's guarantees about which card a call reaches, through the reference bridge on the
 * simulator backend: a new identity at every insertion, no APDU for a call naming another card, no
 * effect from a notification, no card command for a malformed PIN, and what getInfo promises.
 */
import { CARD_OPERATION_TIMEOUT_MS, LIMITS, checkResult } from '../../../stb-spec/protocol';
import { authTries, bridgePerTest, cardApdus, errorOf, signParams } from './testing/bridge-per-test';

const fixture = bridgePerTest('madoguchi-bridge-');

const CARD_ID = /^[A-Za-z0-9_-]{22}$/;
const currentCardId = async () =>
  ((await fixture.client.call('getStatus')).result as { cardId?: string }).cardId;

it('getInfo names the spec, the implementation, its capabilities and the shared limits', async () => {
  const { result } = await fixture.client.call('getInfo');
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
    await fixture.client.call('register', { event: 'statusChanged', id: 'app' });
    const before = await currentCardId();
    expect(before).toMatch(CARD_ID);
    await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'normal' });
    await fixture.bridge.cards.settled();
    const after = await currentCardId();
    expect(after).toMatch(CARD_ID);
    expect(after).not.toBe(before);
    const last = fixture.client.notifications.at(-1)!.params as {
      cardId?: string;
      readers: { cardId?: string }[];
    };
    expect(checkResult('getStatus', last)).toBeUndefined();
    expect(last.cardId).toBe(after);
    expect(last.readers[0]!.cardId).toBe(after);
  });

  it('removal and re-insertion of the same card also gives a new cardId; an empty reader has none', async () => {
    const before = await currentCardId();
    await fixture.client.call('MyNumberCardSimulator.1.removeCard');
    const empty = (await fixture.client.call('getStatus')).result as { readers: object[]; cardId?: string };
    expect(empty).toEqual({
      readerService: 'running',
      readers: [{ name: expect.any(String), card: 'absent' }],
    });
    await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'normal' });
    await fixture.bridge.cards.settled();
    expect(await currentCardId()).not.toBe(before);
  });

  it('a call naming the previous card is CARD_CHANGED with the current cardId, and no APDU reaches the card', async () => {
    const old = await currentCardId();
    await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'normal' });
    await fixture.bridge.cards.settled();
    const current = await currentCardId();
    const before = cardApdus(fixture.bridge);
    for (const [method, params] of [
      ['sign', signParams('0000', { cardId: old })],
      ['readSignCertificate', { pin: 'WRONG1', cardId: old }],
      ['getPinStatus', { pin: 'auth', cardId: old }],
      ['readCertificate', { slot: 'auth', cardId: old }],
    ] as const) {
      expect(errorOf(await fixture.client.call(method, params))).toMatchObject({
        code: -32005,
        data: { cardId: current },
      });
    }
    expect(cardApdus(fixture.bridge)).toBe(before);
    expect(await authTries(fixture.client)).toBe(3);
    const right = await fixture.client.call('getPinStatus', { pin: 'auth', cardId: current });
    expect(right.result).toMatchObject({ triesLeft: 3 });
  });

  it('a cardId with no card in the reader is CARD_CHANGED without data', async () => {
    const old = await currentCardId();
    await fixture.client.call('MyNumberCardSimulator.1.removeCard');
    const error = errorOf(await fixture.client.call('getPinStatus', { pin: 'auth', cardId: old }));
    expect(error.code).toBe(-32005);
    expect(error).not.toHaveProperty('data');
  });
});

it('a notification (no id) never reaches the card, whatever the method: a wrong PIN costs nothing', async () => {
  const replies: unknown[] = [];
  fixture.client.ws.on('message', (data) => replies.push(JSON.parse(String(data))));
  const before = cardApdus(fixture.bridge);
  fixture.client.ws.send(
    JSON.stringify({ jsonrpc: '2.0', method: 'MyNumberCard.1.sign', params: signParams('0000') }),
  );
  fixture.client.ws.send(
    JSON.stringify({ jsonrpc: '2.0', method: 'MyNumberCardSimulator.1.removeCard', params: {} }),
  );
  await fixture.client.call('getStatus'); // a round trip: anything answered to the notifications has arrived
  expect(replies).toHaveLength(1);
  expect(cardApdus(fixture.bridge)).toBe(before);
  expect(await authTries(fixture.client)).toBe(3);
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
    const before = cardApdus(fixture.bridge);
    expect(errorOf(await fixture.client.call(method, params)).code).toBe(-32013);
    expect(cardApdus(fixture.bridge)).toBe(before);
    expect(await authTries(fixture.client)).toBe(3);
  },
);

it('a VERIFY whose exchange fails says the try may have been spent (verifyOutcome unknown)', async () => {
  // Classification takes 2 APDUs; the sign's PIN EF SELECT and counter query 2 more: the 5th is VERIFY.
  await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'removal-after-4' });
  await fixture.bridge.cards.settled();
  const error = errorOf(await fixture.client.call('sign', signParams('0000')));
  expect(error).toMatchObject({ code: -32003, data: { verifyOutcome: 'unknown' } });
  expect(checkResult('getStatus', (await fixture.client.call('getStatus')).result)).toBeUndefined();
});

it('a card removed before the VERIFY is plain CARD_REMOVED: no try can have been spent', async () => {
  await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'removal-after-3' });
  await fixture.bridge.cards.settled();
  const error = errorOf(await fixture.client.call('sign', signParams('0000')));
  expect(error.code).toBe(-32003);
  expect(error).not.toHaveProperty('data');
});

it('another running operation is BUSY with reason operation', async () => {
  const [first, second] = await Promise.all([
    fixture.client.call('readCertificate', { slot: 'auth' }),
    fixture.client.call('getPinStatus', { pin: 'auth' }),
  ]);
  expect(first.result).toHaveProperty('der');
  expect(errorOf(second)).toMatchObject({ code: -32021, data: { reason: 'operation' } });
});

it(`registers at most ${LIMITS.maxRegistrations} ids per connection`, async () => {
  for (let i = 0; i < LIMITS.maxRegistrations; i++) {
    expect((await fixture.client.call('register', { event: 'statusChanged', id: `id${i}` })).result).toBe(0);
  }
  expect((await fixture.client.call('register', { event: 'statusChanged', id: 'id0' })).result).toBe(0);
  expect(
    errorOf(await fixture.client.call('register', { event: 'statusChanged', id: 'one-more' })).code,
  ).toBe(-32602);
  await fixture.client.call('unregister', { event: 'statusChanged', id: 'id0' });
  expect((await fixture.client.call('register', { event: 'statusChanged', id: 'one-more' })).result).toBe(0);
});
