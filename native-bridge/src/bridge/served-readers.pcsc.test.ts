/**
 * A box with two slots on real parts: the virtual My Number card in vpcd reader "Virtual PCD 00 00"
 * and the foreign card (a B-CAS stand-in that records every APDU) in "Virtual PCD 00 01", both
 * through the real pcscd. The reference bridge on its pcsc backend, configured to serve only
 * "Virtual PCD 00", runs a whole login and signature: the foreign card receives nothing, not even
 * when it is re-inserted, and no status or event lists its reader (BR-SEC-51). Fails, never skips,
 * when pcscd or vpcd is missing (scripts/ensure-system.sh sets them up).
 */
import { createHash } from 'node:crypto';
import { RawClient, ORIGIN } from '../../../mocks/dev-bridge/test-bridge';
import { ForeignCard } from '../../../mocks/virtual-card/foreign-card';
import { VirtualJpkiCard } from '../../../mocks/virtual-card/jpki-applet';
import { createCardState } from '../../../mocks/virtual-card/state';
import { VpcdCard } from '../../../mocks/virtual-card/vpcd-client';
import { BridgeErrorCode } from '../../../stb-spec/protocol';
import { AUTH_PIN, SIGN_PASSWORD, issueTestCredentials } from '../../../mocks/virtual-card/driver-fixtures';
import { openPcsc, startBridge, type RunningBridge } from './cli';

const MY_NUMBER_READER = 'Virtual PCD 00 00';
const FOREIGN_READER = 'Virtual PCD 00 01';
const digest = createHash('sha256').update('login challenge').digest().toString('base64');

type Status = { readers: { name: string; card: string }[]; token?: string };

let bridge: RunningBridge;
let client: RawClient;
let myNumber: VpcdCard;
const foreignCard = new ForeignCard();
const foreign = new VpcdCard(foreignCard, { port: 35964 });

async function status(): Promise<Status> {
  return (await client.call('getStatus')).result as Status;
}

/** Polls getStatus until the My Number reader shows `card` (the bridge's view is the one that counts). */
async function until(card: string): Promise<Status> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const current = await status();
    if (current.readers.find((r) => r.name === MY_NUMBER_READER)?.card === card) return current;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bridge never showed the card as ${card}: ${JSON.stringify(await status())}`);
}

beforeAll(async () => {
  const credentials = await issueTestCredentials();
  const card = new VirtualJpkiCard({
    state: createCardState(credentials, { auth: AUTH_PIN, sign: SIGN_PASSWORD }),
  });
  myNumber = new VpcdCard(card, { port: 35963 });
  await foreign.connect();
  await myNumber.connect();
  bridge = await startBridge(
    { port: 0, allowedOrigins: [ORIGIN], logLevel: 'error', readers: ['Virtual PCD 00'] },
    openPcsc,
    () => undefined,
  );
  client = await RawClient.connect(`ws://127.0.0.1:${bridge.port}/jsonrpc`);
});

afterAll(async () => {
  // The cards first: closing the bridge's PC/SC context waits for pcscd, which may be waiting for a
  // card played by this very process (a reset on disconnect) — that card must not be in a reader then.
  await myNumber?.disconnect();
  await foreign.disconnect();
  client?.close();
  await bridge?.close();
});

it('serves only "Virtual PCD 00": login and signature, and the foreign card in 00 01 gets no APDU', async () => {
  const info = (await client.call('getInfo')).result as { capabilities: string[] };
  expect(info.capabilities).toContain('readerAllowList');
  expect(await client.call('register', { event: 'statusChanged', id: 'tv' })).toMatchObject({ result: 0 });
  const first = await until('present');
  expect(first.readers.map((r) => r.name)).toEqual([MY_NUMBER_READER]);
  expect(first.token).toBe('JPKIAPICCTOKEN2');

  expect(await client.call('readCertificate', { slot: 'auth' })).toHaveProperty('result.der');
  const auth = await client.call('sign', { key: 'auth', pin: AUTH_PIN, hash: 'SHA-256', digest });
  expect(auth).toHaveProperty('result.signature');
  const sign = await client.call('sign', { key: 'sign', pin: SIGN_PASSWORD, hash: 'SHA-256', digest });
  expect(sign).toHaveProperty('result.signature');

  const named = await client.call('getPinStatus', { pin: 'auth', reader: FOREIGN_READER });
  expect(named).toMatchObject({ error: { code: BridgeErrorCode.NO_READER } });

  // The foreign card taken out and put back, then the My Number card: only the latter is news.
  await foreign.disconnect();
  await foreign.connect();
  await myNumber.disconnect();
  await until('absent');
  await myNumber.connect();
  const last = await until('present');
  expect(last.readers.map((r) => r.name)).toEqual([MY_NUMBER_READER]);
  const events = client.notifications.filter((n) => n.method === 'tv.statusChanged');
  expect(events.length).toBeGreaterThanOrEqual(2);
  for (const event of events) {
    expect((event.params as Status).readers.map((r) => r.name)).toEqual([MY_NUMBER_READER]);
  }

  expect(foreignCard.received).toEqual([]);
}, 60_000);
