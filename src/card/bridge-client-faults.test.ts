/** What the real bridge never does, from a scripted fake: silence, garbage, broken replies, drops. */
import { BridgeErrorCode } from '../../stb-spec/protocol/errors';
import type { BridgeClient } from './bridge-client';
import { isBridgeError } from './errors';
import {
  EventRecorder,
  bridgeErrorOf,
  handshakeHandler,
  isConnection,
  isStatusEvent,
  startFakeBridge,
  testClient,
  type FakeHandler,
} from './test-support';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fake bridge that completes the handshake and answers everything else with `handler`. */
async function connectToFake(handler: FakeHandler, options: Parameters<typeof testClient>[1] = {}) {
  const fake = await startFakeBridge(
    (request, socket) => handshakeHandler(request, socket) ?? handler(request, socket),
  );
  cleanups.push(() => fake.close());
  const client = testClient(fake.url, options);
  cleanups.push(() => client.close());
  const recorder = new EventRecorder(client);
  await recorder.waitFor(isConnection('open'));
  return { fake, client, recorder };
}

const silent: FakeHandler = () => undefined;
const digest = new Uint8Array(32);

describe('timeouts', () => {
  it('fails a call the bridge never answers with TIMEOUT, per call or by the defaults', async () => {
    const { client } = await connectToFake(silent, { callTimeoutMs: 60, pinCallTimeoutMs: 120 });
    const perCall = await bridgeErrorOf(client.getPinStatus('auth', { timeoutMs: 30 }));
    expect(isBridgeError(perCall, 'TIMEOUT') && perCall.details).toEqual({ timeoutMs: 30 });
    expect((await bridgeErrorOf(client.readCertificate('auth'))).details).toEqual({ timeoutMs: 60 });
    const signing = await bridgeErrorOf(client.sign({ key: 'auth', pin: '1234', digest }));
    expect(signing.details).toEqual({ timeoutMs: 120 });
    expect(signing.method).toBe('sign');
    expect(client.connectionState).toBe('open'); // a slow call does not end the connection
  });

  it('never lets a reply that arrives after the timeout settle another call', async () => {
    const answerLate: (() => void)[] = [];
    const { client } = await connectToFake((request, socket) => {
      const reply = { jsonrpc: '2.0', id: request.id, result: { triesLeft: 3, maxTries: 3, locked: false } };
      answerLate.push(() => socket.send(JSON.stringify(reply)));
      return undefined;
    });
    expect((await bridgeErrorOf(client.getPinStatus('auth', { timeoutMs: 20 }))).kind).toBe('TIMEOUT');
    const second = client.getPinStatus('auth', { timeoutMs: 100 });
    answerLate[0]!(); // the first call's reply, now stale
    expect((await bridgeErrorOf(second)).kind).toBe('TIMEOUT');
    expect(client.connectionState).toBe('open');
  });

  it('gives up a connection whose handshake is never answered, and tries again', async () => {
    const fake = await startFakeBridge(silent);
    cleanups.push(() => fake.close());
    const client = testClient(fake.url, { connectTimeoutMs: 50 });
    cleanups.push(() => client.close());
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(client.connectionState).not.toBe('open');
    expect(fake.received.filter((r) => r.method === 'MyNumberCard.1.register').length).toBeGreaterThanOrEqual(
      2,
    );
  });
});

describe('malformed messages', () => {
  /** Answers getPinStatus with `reply(id)`; everything else stays silent. */
  const answering = (reply: (id: unknown) => object | string): FakeHandler => {
    return (request) => (request.method === 'MyNumberCard.1.getPinStatus' ? reply(request.id) : undefined);
  };

  it.each([
    ['neither result nor error', 'PROTOCOL_ERROR', (id: unknown) => ({ jsonrpc: '2.0', id })],
    [
      'both result and error',
      'PROTOCOL_ERROR',
      (id: unknown) => ({ jsonrpc: '2.0', id, result: 0, error: { code: 1, message: '' } }),
    ],
    [
      'a result of the wrong shape',
      'PROTOCOL_ERROR',
      (id: unknown) => ({ jsonrpc: '2.0', id, result: { triesLeft: '3' } }),
    ],
    [
      'an error without a code',
      'PROTOCOL_ERROR',
      (id: unknown) => ({ jsonrpc: '2.0', id, error: { message: 'x' } }),
    ],
    // Not JSON-RPC 2.0 at all: not trusted to be the answer, so the call runs into its timeout.
    ['another jsonrpc version', 'TIMEOUT', (id: unknown) => ({ jsonrpc: '1.0', id, result: {} })],
  ])('a reply with %s fails the call with %s', async (_name, kind, reply) => {
    const { client } = await connectToFake(answering(reply));
    expect((await bridgeErrorOf(client.getPinStatus('auth', { timeoutMs: 300 }))).kind).toBe(kind);
    await expect(client.getStatus()).resolves.toBeDefined(); // the connection is still usable
  });

  it('turns broken base64 in a certificate or signature into PROTOCOL_ERROR', async () => {
    const { client } = await connectToFake((request) => {
      if (request.method === 'MyNumberCard.1.sign')
        return { jsonrpc: '2.0', id: request.id, result: { signature: 'a b' } };
      if (request.method === 'MyNumberCard.1.readCertificate')
        return { jsonrpc: '2.0', id: request.id, result: { der: 'abc' } };
      return undefined;
    });
    expect((await bridgeErrorOf(client.sign({ key: 'auth', pin: '1234', digest }))).kind).toBe(
      'PROTOCOL_ERROR',
    );
    expect((await bridgeErrorOf(client.readCertificate('auth'))).kind).toBe('PROTOCOL_ERROR');
  });

  it('turns protocol errors without their promised data, and unknown codes, into PROTOCOL_ERROR', async () => {
    const codes = [BridgeErrorCode.PIN_INCORRECT, BridgeErrorCode.NOT_MY_NUMBER_CARD, -31999];
    const { client } = await connectToFake((request) => {
      const code = codes.shift();
      return { jsonrpc: '2.0', id: request.id, error: { code, message: 'no data', data: 'PIN 1234' } };
    });
    for (const code of [BridgeErrorCode.PIN_INCORRECT, BridgeErrorCode.NOT_MY_NUMBER_CARD, -31999]) {
      const error = await bridgeErrorOf(client.getPinStatus('auth'));
      expect([error.kind, error.code]).toEqual(['PROTOCOL_ERROR', code]);
      expect(error.message).not.toContain('1234'); // neither the bridge's message nor its data is echoed
    }
  });

  it('survives garbage frames, binary frames, id-less errors and foreign notifications', async () => {
    const { client, recorder, fake } = await connectToFake((request, socket) => {
      socket.send('{ this is not json');
      socket.send(Buffer.from([1, 2, 3]), { binary: true });
      socket.send(
        JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }),
      );
      socket.send(
        JSON.stringify([
          { jsonrpc: '2.0', id: request.id, result: { readerService: 'running', readers: [] } },
        ]),
      );
      socket.send(
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'someone-else.statusChanged',
          params: { readerService: 'running', readers: [] },
        }),
      );
      return { jsonrpc: '2.0', id: request.id, result: { triesLeft: 3, maxTries: 3, locked: false } };
    });
    recorder.skipPast();
    await expect(client.getPinStatus('auth')).resolves.toEqual({ triesLeft: 3, maxTries: 3, locked: false });

    // Our own notification with a broken status is ignored; a good one is delivered.
    const [socket] = fake.server.clients;
    const notify = (params: unknown) =>
      socket!.send(JSON.stringify({ jsonrpc: '2.0', method: `${client.idPrefix}.statusChanged`, params }));
    const seen = recorder.events.length;
    notify({ readers: 'none' });
    notify({
      readerService: 'running',
      readers: [{ name: 'Fake', card: 'present' }],
      token: 'JPKIAPICCTOKEN2',
    });
    const event = await recorder.waitFor(isStatusEvent());
    expect(event.status.readers).toEqual([{ name: 'Fake', card: 'present' }]);
    expect(recorder.events.slice(seen)).toEqual([event]);
    expect(client.connectionState).toBe('open');
  });

  it('does not open on a handshake the bridge refuses, and keeps trying', async () => {
    const fake = await startFakeBridge((request, socket) =>
      request.method === 'MyNumberCard.1.getStatus'
        ? {
            jsonrpc: '2.0',
            id: request.id,
            result: { readerService: 'running', readers: [{ name: 'Fake', card: 'on fire' }] },
          }
        : handshakeHandler(request, socket),
    );
    cleanups.push(() => fake.close());
    const client: BridgeClient = testClient(fake.url);
    cleanups.push(() => client.close());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.connectionState).not.toBe('open');
    expect(client.status).toBeUndefined();
    expect(
      fake.received.filter((r) => r.method === 'MyNumberCard.1.getStatus').length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('dropped connections', () => {
  it('fails calls in flight with BRIDGE_UNAVAILABLE, then reconnects', async () => {
    const { client, recorder, fake } = await connectToFake(silent);
    const inFlight = [client.sign({ key: 'auth', pin: '1234', digest }), client.getPinStatus('auth')];
    await new Promise((resolve) => setTimeout(resolve, 20));
    recorder.skipPast();
    for (const socket of fake.server.clients) socket.terminate();
    for (const call of inFlight) {
      const error = await bridgeErrorOf(call);
      expect(isBridgeError(error, 'BRIDGE_UNAVAILABLE') && error.details.reason).toBe('connection-lost');
    }
    await recorder.waitFor(isConnection('closed'));
    await recorder.waitFor(isConnection('open'));
    expect(fake.received.filter((r) => r.method === 'MyNumberCard.1.register')).toHaveLength(2);
  });

  it('never resends a PIN-bearing call after a reconnection', async () => {
    const { client, recorder, fake } = await connectToFake(silent);
    const signing = client.sign({ key: 'auth', pin: '1234', digest });
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const socket of fake.server.clients) socket.terminate();
    await bridgeErrorOf(signing);
    recorder.skipPast();
    await recorder.waitFor(isConnection('open'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.received.filter((r) => r.method === 'MyNumberCard.1.sign')).toHaveLength(1);
  });
});
