/**
 * BR-MTH-76 on the in-process virtual card, with the bridge's time limit injected short (the spec's
 * 15 s is the default): a slow card near the limit is served, a card that hangs ends the call with
 * CARD_ERROR {timeout}, the reader is BUSY 'stuck' while the command is out, and when it comes back
 * the card is reset and classified again with a new cardId. No wall-clock time is asserted.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { checkResult, type Status } from '../../../stb-spec/protocol';
import { CardPace, type CardPaceOptions } from '../../../mocks/virtual-card/card-pace';
import { VirtualJpkiCard } from '../../../mocks/virtual-card/jpki-applet';
import { VirtualCardTransport } from '../../../mocks/virtual-card/in-process-transport';
import { createCardState } from '../../../mocks/virtual-card/state';
import type { CardCredentials } from '../../../mocks/pki';
import { AUTH_PIN, SIGN_PASSWORD, issueTestCredentials } from '../../../mocks/virtual-card/driver-fixtures';
import { toHex } from '../jpki/apdu';
import type { ApduTransport } from '../transport/apdu-transport';
import type { ReaderEvents, ReaderSnapshot } from '../transport/pcsc-readers';
import type { CardBackend } from './card-backend';
import { CardService } from './card-service';
import { Dispatcher, type Subscriptions } from './dispatcher';

const TIMEOUT_MS = 400;

/** Readers each holding one in-process virtual card, with its own pace. */
class PacedBackend extends EventEmitter<ReaderEvents> implements CardBackend {
  readonly transports = new Map<string, VirtualCardTransport>();
  constructor(cards: Record<string, VirtualCardTransport>) {
    super();
    for (const [name, transport] of Object.entries(cards)) this.transports.set(name, transport);
  }
  readers(): ReaderSnapshot[] {
    return [...this.transports].map(([name, t]) => ({
      name,
      presence: 'present',
      atr: toHex(t.card.atr),
      insertion: 1,
    }));
  }
  transport(name: string): VirtualCardTransport {
    return this.transports.get(name)!;
  }
  close(): void {}
}

let credentials: CardCredentials;
beforeAll(async () => {
  credentials = await issueTestCredentials();
});

function pacedCard(pace: CardPaceOptions) {
  const state = createCardState(credentials, { auth: AUTH_PIN, sign: SIGN_PASSWORD });
  const card = new VirtualJpkiCard({ state });
  const cardPace = new CardPace(pace);
  return { pace: cardPace, transport: new VirtualCardTransport(card, { pace: cardPace, keepLog: true }) };
}

const subscriptions: Subscriptions = { register: () => true, unregister: () => undefined };
const silent = { log: () => undefined };
const digest = createHash('sha256').update('login').digest().toString('base64');
const SIGN = { key: 'auth', pin: AUTH_PIN, hash: 'SHA-256', digest } as const;

async function call(dispatcher: Dispatcher, method: string, params: object = {}) {
  const frame = JSON.stringify({ jsonrpc: '2.0', id: 1, method: `MyNumberCard.1.${method}`, params });
  return (await dispatcher.handle(frame, subscriptions, 1)) as {
    result?: Record<string, unknown>;
    error?: { code: number; data?: unknown };
  };
}

function bridge(cards: Record<string, VirtualCardTransport>, operationTimeoutMs = TIMEOUT_MS) {
  const service = new CardService(new PacedBackend(cards), { operationTimeoutMs });
  const events: Status[] = [];
  service.on('statusChanged', (status) => events.push(status));
  return { service, events, dispatcher: new Dispatcher(service, silent) };
}

it('getInfo reports the time limit the bridge applies; the spec value is the default', async () => {
  const { transport } = pacedCard({});
  const { dispatcher } = bridge({ 'Reader A': transport });
  const { result } = await call(dispatcher, 'getInfo');
  expect(checkResult('getInfo', result)).toBeUndefined();
  expect(result?.limits).toMatchObject({ cardOperationTimeoutMs: TIMEOUT_MS });
  expect(new CardService(new PacedBackend({})).operationTimeoutMs).toBe(15_000);
});

it('a slow card inside the limit serves a whole login: certificate, PIN status, signature', async () => {
  // The slow preset scaled down with the limit: every answer late, the signature longest.
  const { transport } = pacedCard({ answerDelayMs: 10, signDelayMs: 200 });
  const { service, dispatcher } = bridge({ 'Reader A': transport }, 3_000);
  await service.settled();
  expect((await call(dispatcher, 'readCertificate', { slot: 'auth' })).result).toHaveProperty('der');
  expect((await call(dispatcher, 'getPinStatus', { pin: 'auth' })).result).toMatchObject({ triesLeft: 3 });
  const signed = await call(dispatcher, 'sign', SIGN);
  expect(signed.result).toHaveProperty('signature');
});

it('a hanging signature: CARD_ERROR {timeout}, BUSY stuck meanwhile, then reset and a new cardId', async () => {
  const { pace, transport } = pacedCard({ hang: { ins: 0x2a, holdMs: 60_000 } });
  const { service, dispatcher, events } = bridge({ 'Reader A': transport });
  await service.settled();
  const before = service.status().cardId;
  expect(before).toBeDefined();

  const signing = call(dispatcher, 'sign', SIGN);
  await pace.hung;
  // The bridge keeps answering while the card holds the command.
  expect((await call(dispatcher, 'getStatus')).result).toMatchObject({ cardId: before });
  const timedOut = await signing;
  expect(timedOut.error).toEqual(expect.objectContaining({ code: -32020, data: { timeout: true } }));

  for (const [method, params] of [
    ['readCertificate', { slot: 'auth' }],
    ['getPinStatus', { pin: 'auth' }],
    ['sign', SIGN],
  ] as const) {
    expect((await call(dispatcher, method, params)).error).toEqual(
      expect.objectContaining({ code: -32021, data: { reason: 'stuck' } }),
    );
  }
  expect((await call(dispatcher, 'getStatus')).result).toMatchObject({ cardId: before });

  const eventsBefore = events.length;
  pace.release();
  await waitFor(() => service.status().cardId !== undefined && service.status().cardId !== before);
  const after = service.status();
  expect(after.readers[0]).toMatchObject({ card: 'present', cardId: after.cardId });
  expect(events.slice(eventsBefore).some((status) => status.cardId === after.cardId)).toBe(true);
  // The card works again, named by its new identity; the old one is CARD_CHANGED.
  const again = await call(dispatcher, 'sign', { ...SIGN, cardId: after.cardId });
  expect(again.result).toHaveProperty('signature');
  expect((await call(dispatcher, 'getPinStatus', { pin: 'auth', cardId: before })).error).toEqual(
    expect.objectContaining({ code: -32005 }),
  );
});

it('a VERIFY with the PIN that times out carries verifyOutcome unknown', async () => {
  const { pace, transport } = pacedCard({ hang: { ins: 0x20, holdMs: 60_000, withData: true } });
  const { service, dispatcher } = bridge({ 'Reader A': transport });
  await service.settled();
  const reply = await call(dispatcher, 'sign', SIGN);
  expect(reply.error).toEqual(
    expect.objectContaining({ code: -32020, data: { timeout: true, verifyOutcome: 'unknown' } }),
  );
  pace.release();
});

it('while one reader is stuck, a card operation on another reader is served', async () => {
  const stuck = pacedCard({ hang: { ins: 0x2a, holdMs: 60_000 } });
  const other = pacedCard({});
  const { service, dispatcher } = bridge({ 'Reader A': stuck.transport, 'Reader B': other.transport });
  await service.settled();
  const reply = await call(dispatcher, 'sign', { ...SIGN, reader: 'Reader A' });
  expect(reply.error).toEqual(expect.objectContaining({ code: -32020 }));
  expect((await call(dispatcher, 'getPinStatus', { pin: 'auth', reader: 'Reader A' })).error).toEqual(
    expect.objectContaining({ code: -32021, data: { reason: 'stuck' } }),
  );
  const served = await call(dispatcher, 'readCertificate', { slot: 'auth', reader: 'Reader B' });
  expect(served.result).toHaveProperty('der');
  stuck.pace.release();
});

it('a time-out with no command at the card: CARD_ERROR {timeout}, the card given back reset, not stuck', async () => {
  const { transport } = pacedCard({});
  let holding = false;
  let open = () => undefined as void;
  const released: boolean[] = [];
  // The operation waits for the card (e.g. another process holds it) without a command in flight.
  const waiting: ApduTransport = {
    transmit: (command) => transport.transmit(command),
    exclusive: async (operation) => {
      if (holding) await new Promise<void>((resolve) => (open = resolve));
      return transport.exclusive(operation);
    },
    release: async (reset) => void released.push(reset),
  };
  const backend = new PacedBackend({ 'Reader A': transport });
  backend.transport = () => waiting as VirtualCardTransport;
  const service = new CardService(backend, { operationTimeoutMs: TIMEOUT_MS });
  const dispatcher = new Dispatcher(service, silent);
  await service.settled();
  holding = true;
  const reply = await call(dispatcher, 'readCertificate', { slot: 'auth' });
  expect(reply.error).toEqual(expect.objectContaining({ code: -32020, data: { timeout: true } }));
  expect(released).toEqual([true]);
  holding = false;
  open();
  expect((await call(dispatcher, 'readCertificate', { slot: 'auth' })).result).toHaveProperty('der');
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
