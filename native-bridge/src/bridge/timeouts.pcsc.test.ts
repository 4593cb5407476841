/**
 * BR-MTH-76 through the real pcscd and vpcd: the slow card of the spec's numbers (every answer
 * 300 ms late, the signature 10 s) gets a whole login — certificate, PIN status, signature — from a
 * bridge with the spec's 15 s limit; and a card that hangs on its signature makes the reader
 * `stuck` until the answer comes, then the bridge resets the card (vpcd sees the reset) and
 * classifies it again with a new cardId. Uses reader "Virtual PCD 00 01".
 */
import { createHash } from 'node:crypto';
import { CardPace, SLOW_CARD } from '../../../mocks/virtual-card/card-pace';
import { VirtualJpkiCard } from '../../../mocks/virtual-card/jpki-applet';
import { createCardState } from '../../../mocks/virtual-card/state';
import { VpcdCard, VpcdControl } from '../../../mocks/virtual-card/vpcd-client';
import type { CardCredentials } from '../../../mocks/pki';
import { CARD_OPERATION_TIMEOUT_MS, type Status } from '../../../stb-spec/protocol';
import { AUTH_PIN, SIGN_PASSWORD, issueTestCredentials } from '../../../mocks/virtual-card/driver-fixtures';
import { PcscReaderMonitor } from '../transport/pcsc-readers';
import { CardService } from './card-service';
import { Dispatcher, type Subscriptions } from './dispatcher';

const READER = 'Virtual PCD 00 01';
const PORT = 35964;
const subscriptions: Subscriptions = { register: () => true, unregister: () => undefined };
const SIGN = {
  key: 'auth',
  pin: AUTH_PIN,
  hash: 'SHA-256',
  digest: createHash('sha256').update('login').digest().toString('base64'),
  reader: READER,
} as const;

let credentials: CardCredentials;
let monitor: PcscReaderMonitor;
let vpcd: VpcdCard | undefined;

beforeAll(async () => {
  credentials = await issueTestCredentials();
  monitor = await PcscReaderMonitor.start();
});

afterEach(async () => {
  monitor.removeAllListeners('change'); // the test's CardService stops following the readers
  await vpcd?.disconnect();
  vpcd = undefined;
  await waitFor(() => monitor.readers().find((r) => r.name === READER)?.presence === 'absent');
});

afterAll(() => monitor?.close());

async function insert(pace: CardPace): Promise<VpcdCard> {
  const card = new VirtualJpkiCard({
    state: createCardState(credentials, { auth: AUTH_PIN, sign: SIGN_PASSWORD }),
  });
  vpcd = new VpcdCard(card, { port: PORT, pace });
  await vpcd.connect();
  await waitFor(() => monitor.readers().find((r) => r.name === READER)?.presence === 'present');
  return vpcd;
}

function bridge(operationTimeoutMs?: number) {
  const cards = new CardService(monitor, { operationTimeoutMs });
  const dispatcher = new Dispatcher(cards, { log: () => undefined });
  const call = async (method: string, params: object = {}) => {
    const frame = JSON.stringify({ jsonrpc: '2.0', id: 1, method: `MyNumberCard.1.${method}`, params });
    return (await dispatcher.handle(frame, subscriptions, 1)) as {
      result?: Record<string, unknown>;
      error?: { code: number; data?: unknown };
    };
  };
  const cardId = () => cards.status().readers.find((r) => r.name === READER)?.cardId;
  return { cards, call, cardId };
}

it('the spec-paced slow card gets a whole login from a bridge with the spec limit', async () => {
  await insert(new CardPace(SLOW_CARD));
  const { cards, call } = bridge();
  expect(cards.operationTimeoutMs).toBe(CARD_OPERATION_TIMEOUT_MS);
  await cards.settled();
  expect((await call('readCertificate', { slot: 'auth', reader: READER })).result).toHaveProperty('der');
  expect((await call('getPinStatus', { pin: 'auth', reader: READER })).result).toMatchObject({
    triesLeft: 3,
  });
  expect((await call('sign', SIGN)).result).toHaveProperty('signature');
}, 60_000);

it('a hanging signature: timeout, stuck until the answer comes, then reset and a new cardId', async () => {
  const pace = new CardPace({ hang: { ins: 0x2a, holdMs: 120_000 } });
  const card = await insert(pace);
  const controls: number[] = [];
  card.on('control', (code) => controls.push(code));
  const { cards, call, cardId } = bridge(2_000);
  const events: Status[] = [];
  cards.on('statusChanged', (status) => events.push(status));
  await cards.settled();
  const before = cardId();
  expect(before).toBeDefined();

  expect((await call('sign', SIGN)).error).toEqual(
    expect.objectContaining({ code: -32020, data: { timeout: true } }),
  );
  expect((await call('getPinStatus', { pin: 'auth', reader: READER })).error).toEqual(
    expect.objectContaining({ code: -32021, data: { reason: 'stuck' } }),
  );
  expect((await call('getStatus')).result).toMatchObject({ readerService: 'running' });
  expect(controls).not.toContain(VpcdControl.reset);

  pace.release();
  await waitFor(() => cardId() !== undefined && cardId() !== before && cards.status().cardId === cardId());
  expect(controls).toContain(VpcdControl.reset); // SCARD_RESET_CARD reached the card
  expect(events.some((status) => status.cardId === cardId())).toBe(true);
  expect((await call('sign', { ...SIGN, cardId: cardId() })).result).toHaveProperty('signature');
}, 60_000);

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(condition()).toBe(true);
}
