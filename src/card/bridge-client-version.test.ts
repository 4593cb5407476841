/**
 * The bridge's version in the handshake: a current bridge (getInfo), a 1.x bridge (getInfo is
 * Method not found: no cardId goes out, its status is read without readerService), and a bridge
 * that serves no protocol 1 (said as `unsupported`, never opened, retried).
 */
import { isBridgeError } from './errors';
import * as kit from './test-support';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const olderBridge = () => kit.startOlderClient('older-bridge-', cleanups);

async function fakeClient(handler: kit.FakeHandler) {
  const fake = await kit.startFakeBridge(handler);
  cleanups.push(() => fake.close());
  const client = kit.testClient(fake.url);
  cleanups.push(() => client.close());
  return { fake, client, recorder: new kit.EventRecorder(client) };
}

const notFound = (id: unknown) => ({
  jsonrpc: '2.0',
  id,
  error: { code: -32601, message: 'Method not found' },
});
const CARD_ID = 'Y2FyZC1pZC1maXJzdC0wMQ';

describe('a bridge of spec 1.x', () => {
  test('opens, with its status read as running and no card identity', async () => {
    const { client } = await olderBridge();
    expect(client.bridgeVersion).toEqual({ specVersion: '1.x', cardIdentity: false });
    expect(client.status).toMatchObject({ readerService: 'running', token: 'JPKIAPICCTOKEN2' });
    expect(client.status?.cardId).toBeUndefined();
  });

  test('serves card calls: the cardId the caller names is not sent (1.x would refuse it)', async () => {
    const { client } = await olderBridge();
    const der = await client.readCertificate('auth', { cardId: CARD_ID });
    expect(der.length).toBeGreaterThan(100);
    await expect(client.getPinStatus('auth', { cardId: CARD_ID })).resolves.toMatchObject({ triesLeft: 3 });
    const signature = await client.sign({
      key: 'auth',
      pin: kit.TEST_PINS.auth,
      digest: new Uint8Array(32),
      cardId: CARD_ID,
    });
    expect(signature).toHaveLength(256);
  });

  test('its notifications arrive: a removal, then an insertion', async () => {
    const { recorder, controls } = await olderBridge();
    recorder.skipPast();
    await controls.removeCard();
    const removed = await recorder.waitFor(kit.isStatusEvent('absent'));
    expect(removed.status.readerService).toBe('running');
    await controls.insertCard('normal');
    await recorder.waitFor(kit.isStatusEvent('present'));
  });
});

test('a 1.x card shown present without token is still being classified: checking, then present', async () => {
  const reader = { name: 'Older', card: 'present' };
  let registered = '';
  const { recorder } = await fakeClient((request, socket) => {
    if (request.method === 'MyNumberCard.1.register') registered = (request.params as { id: string }).id;
    if (request.method === 'MyNumberCard.1.getInfo') return notFound(request.id);
    if (request.method !== 'MyNumberCard.1.getStatus') return kit.handshakeHandler(request, socket);
    setTimeout(() => {
      const params = { readers: [reader], token: 'JPKIAPICCTOKEN2' };
      socket.send(JSON.stringify({ jsonrpc: '2.0', method: `${registered}.statusChanged`, params }));
    }, 10);
    return { jsonrpc: '2.0', id: request.id, result: { readers: [reader] } };
  });
  expect((await recorder.waitFor(kit.isStatusEvent())).status.readers).toEqual([
    { name: 'Older', card: 'checking' },
  ]);
  await recorder.waitFor(kit.isStatusEvent('present'));
});

describe('a current bridge', () => {
  test('tells its version and card identity; cardId goes with card calls', async () => {
    const { fake, client, recorder } = await fakeClient((request, socket) => {
      if (request.method === 'MyNumberCard.1.readCertificate') {
        return { jsonrpc: '2.0', id: request.id, result: { der: 'MAA=' } };
      }
      return kit.handshakeHandler(request, socket);
    });
    await recorder.waitFor(kit.isConnection('open'));
    expect(client.bridgeVersion).toEqual({ specVersion: '2.0', cardIdentity: true });
    await client.readCertificate('auth', { cardId: CARD_ID });
    const sent = fake.received.find((request) => request.method === 'MyNumberCard.1.readCertificate');
    expect(sent?.params).toEqual({ slot: 'auth', cardId: CARD_ID });
  });

  test('a later document version on protocol 1 is served', async () => {
    const { client, recorder } = await fakeClient((request, socket) =>
      request.method === 'MyNumberCard.1.getInfo'
        ? { jsonrpc: '2.0', id: request.id, result: { ...kit.FAKE_INFO, specVersion: '3.1' } }
        : kit.handshakeHandler(request, socket),
    );
    await recorder.waitFor(kit.isConnection('open'));
    expect(client.bridgeVersion?.specVersion).toBe('3.1');
  });

  test('a status without readerService is not read from a bridge that has getInfo', async () => {
    const { recorder } = await fakeClient((request, socket) =>
      request.method === 'MyNumberCard.1.getStatus'
        ? { jsonrpc: '2.0', id: request.id, result: { readers: [] } }
        : kit.handshakeHandler(request, socket),
    );
    const failed = await recorder.waitFor((event) => event.type === 'connectFailed');
    expect(failed).toEqual({ type: 'connectFailed', refused: false });
    expect(recorder.events.some(kit.isConnection('open'))).toBe(false);
  });
});

describe('a bridge this app cannot serve', () => {
  test('no protocol 1 (register is Method not found): unsupported, never open, tried again', async () => {
    const { fake, recorder } = await fakeClient((request) => notFound(request.id));
    await recorder.waitFor((event) => event.type === 'connectFailed');
    await recorder.waitFor((event) => event.type === 'connectFailed');
    expect(recorder.events.filter((event) => event.type === 'connectFailed')[0]).toEqual({
      type: 'connectFailed',
      refused: false,
      unsupported: true,
    });
    expect(recorder.events.some(kit.isConnection('open'))).toBe(false);
    expect(fake.received.filter((r) => r.method === 'MyNumberCard.1.register').length).toBeGreaterThan(1);
  });

  test('getInfo naming another protocol: unsupported', async () => {
    const { recorder } = await fakeClient((request, socket) =>
      request.method === 'MyNumberCard.1.getInfo'
        ? { jsonrpc: '2.0', id: request.id, result: { ...kit.FAKE_INFO, protocolVersion: 2 } }
        : kit.handshakeHandler(request, socket),
    );
    const failed = await recorder.waitFor((event) => event.type === 'connectFailed');
    expect(failed).toMatchObject({ unsupported: true });
  });

  test('a getInfo it cannot read, or another error, is a failed attempt, not a verdict on the version', async () => {
    for (const reply of [
      { result: { specVersion: 2 } },
      { error: { code: -32603, message: 'Internal error' } },
    ]) {
      const { recorder, client } = await fakeClient((request, socket) =>
        request.method === 'MyNumberCard.1.getInfo'
          ? { jsonrpc: '2.0', id: request.id, ...reply }
          : kit.handshakeHandler(request, socket),
      );
      expect(await recorder.waitFor((event) => event.type === 'connectFailed')).toEqual({
        type: 'connectFailed',
        refused: false,
      });
      const error = await client.getStatus().catch((caught: unknown) => caught);
      expect(isBridgeError(error, 'BRIDGE_UNAVAILABLE')).toBe(true);
    }
  });
});
