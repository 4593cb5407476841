/**
 * A box with two slots, in process: the simulated My Number reader and a second reader holding a
 * foreign card (a B-CAS stand-in that records every APDU). A bridge configured to serve only the
 * My Number reader runs a whole login and signature; the foreign card receives nothing and the
 * foreign reader appears nowhere (BR-SEC-51). The same box without the list shows what is at stake.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawClient, startTestBridge, type TestBridge } from '../../../mocks/dev-bridge/test-bridge';
import { SIMULATED_READER } from '../../../mocks/dev-bridge/simulator-backend';
import { FOREIGN_READER } from '../../../mocks/virtual-card/foreign-reader';
import { BridgeErrorCode } from '../../../stb-spec/protocol';

const digest = createHash('sha256').update('login challenge').digest().toString('base64');
const NO_READER = BridgeErrorCode.NO_READER;

let pkiDir: string;
let bridge: TestBridge;
let client: RawClient;

beforeAll(() => {
  pkiDir = mkdtempSync(join(tmpdir(), 'madoguchi-served-readers-'));
});

afterEach(async () => {
  client?.close();
  await bridge?.close();
});

async function start(readers?: string[]): Promise<void> {
  bridge = await startTestBridge({ pkiDir, foreignCard: true, readers });
  await bridge.cards.settled();
  client = await RawClient.connect(bridge.url);
}

const readerNames = (status: unknown) =>
  (status as { readers: { name: string }[] }).readers.map((r) => r.name);

it('serving only the My Number reader: a whole login and signature, and the foreign card gets no APDU', async () => {
  await start([SIMULATED_READER]);
  const info = (await client.call('getInfo')).result as { capabilities: string[] };
  expect(info.capabilities).toEqual(['cardId', 'lastAttemptConfirmation', 'readerAllowList']);
  expect(await client.call('register', { event: 'statusChanged', id: 'tv' })).toMatchObject({ result: 0 });

  const status = (await client.call('getStatus')).result as { token?: string };
  expect(readerNames(status)).toEqual([SIMULATED_READER]);
  expect(status.token).toBe('JPKIAPICCTOKEN2');

  // Login: certificate, PIN status, signature with the auth key; then the signature certificate and key.
  expect(await client.call('readCertificate', { slot: 'auth' })).toHaveProperty('result.der');
  expect(await client.call('getPinStatus', { pin: 'auth' })).toMatchObject({ result: { triesLeft: 3 } });
  const auth = await client.call('sign', { key: 'auth', pin: '1234', hash: 'SHA-256', digest });
  expect(auth).toHaveProperty('result.signature');
  expect(await client.call('readSignCertificate', { pin: 'ABC123' })).toHaveProperty('result.der');
  const sign = await client.call('sign', { key: 'sign', pin: 'ABC123', hash: 'SHA-256', digest });
  expect(sign).toHaveProperty('result.signature');

  // Naming the foreign reader is naming no reader, for every card operation.
  const named = { reader: FOREIGN_READER };
  for (const [method, params] of [
    ['readCertificate', { slot: 'auth', ...named }],
    ['getPinStatus', { pin: 'auth', ...named }],
    ['readSignCertificate', { pin: 'ABC123', ...named }],
    ['sign', { key: 'auth', pin: '1234', hash: 'SHA-256', digest, ...named }],
  ] as const) {
    expect(await client.call(method, params)).toMatchObject({ error: { code: NO_READER } });
  }

  // Changes in both slots: events name the served reader only.
  bridge.foreign!.reinsert();
  bridge.simulator.removeCard();
  await bridge.simulator.insertCard('normal');
  await bridge.cards.settled();
  // The answer comes after every notification sent before it.
  expect(readerNames((await client.call('getStatus')).result)).toEqual([SIMULATED_READER]);
  const events = client.notifications.filter((n) => n.method === 'tv.statusChanged');
  expect(events.length).toBeGreaterThanOrEqual(2);
  for (const event of events) expect(readerNames(event.params)).toEqual([SIMULATED_READER]);

  expect(bridge.foreign!.card.received).toEqual([]);
});

it('without a list the same box serves, and so classifies, the foreign card too (a development setup)', async () => {
  await start();
  const info = (await client.call('getInfo')).result as { capabilities: string[] };
  expect(info.capabilities).not.toContain('readerAllowList');
  const status = (await client.call('getStatus')).result as { readers: { name: string; card: string }[] };
  expect(status.readers).toContainEqual(
    expect.objectContaining({ name: FOREIGN_READER, card: 'unsupported' }),
  );
  expect(bridge.foreign!.card.received.length).toBeGreaterThan(0);
  // The foreign card answered the JPKI AP's SELECT with "file not found".
  expect(Buffer.from(bridge.foreign!.card.received[0]!).toString('hex').toUpperCase()).toMatch(/^00A404/);
});
