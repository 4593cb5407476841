/**
 * The reference bridge end to end on the simulator backend: real WebSocket, real JSON-RPC, the
 * in-process virtual card. What a vendor's box must do, checked the way the app would meet it.
 */
import { verify, X509Certificate } from 'node:crypto';
import { connect } from 'node:net';
import { checkResult, MAX_MESSAGE_BYTES } from '../../../stb-spec/protocol';
import { ORIGIN, RawClient, startTestBridge } from '../../../mocks/dev-bridge/test-bridge';
import { bridgePerTest, cardApdus, errorOf, signParams } from './testing/bridge-per-test';

const fixture = bridgePerTest('madoguchi-bridge-');

describe('methods', () => {
  it('getStatus names the reader, the card and the JPKI token', async () => {
    const { result } = await fixture.client.call('getStatus');
    expect(checkResult('getStatus', result)).toBeUndefined();
    const cardId = expect.stringMatching(/^[A-Za-z0-9_-]{22}$/);
    expect(result).toEqual({
      readerService: 'running',
      readers: [{ name: 'Madoguchi Simulated Reader 00', card: 'present', cardId }],
      token: 'JPKIAPICCTOKEN2',
      cardId,
    });
    const { readers, cardId: topLevel } = result as { readers: { cardId: string }[]; cardId: string };
    expect(readers[0]!.cardId).toBe(topLevel);
  });

  it('login: the auth certificate and a signature that verifies with it', async () => {
    const certificate = (await fixture.client.call('readCertificate', { slot: 'auth' })).result as {
      der: string;
    };
    const signed = (await fixture.client.call('sign', signParams('1234'))).result as { signature: string };
    expect(checkResult('sign', signed)).toBeUndefined();
    const publicKey = new X509Certificate(Buffer.from(certificate.der, 'base64')).publicKey;
    expect(verify('sha256', Buffer.from('c'), publicKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
  });

  it('reads both CA certificates, and the signature certificate only with the password', async () => {
    for (const slot of ['authCA', 'signCA']) {
      const { result } = await fixture.client.call('readCertificate', { slot });
      expect(() => new X509Certificate(Buffer.from((result as { der: string }).der, 'base64'))).not.toThrow();
    }
    expect(errorOf(await fixture.client.call('readSignCertificate', { pin: 'WRONG1' }))).toMatchObject({
      code: -32010,
      data: { triesLeft: 4 },
    });
    const { result } = await fixture.client.call('readSignCertificate', { pin: 'ABC123' });
    expect(checkResult('readSignCertificate', result)).toBeUndefined();
  });

  it('wrong PINs count down; the guard refuses the last try without touching the card', async () => {
    expect(errorOf(await fixture.client.call('sign', signParams('0000')))).toMatchObject({
      code: -32010,
      data: { triesLeft: 2 },
    });
    expect(errorOf(await fixture.client.call('sign', signParams('0000')))).toMatchObject({
      code: -32010,
      data: { triesLeft: 1 },
    });
    expect((await fixture.client.call('getPinStatus', { pin: 'auth' })).result).toEqual({
      triesLeft: 1,
      maxTries: 3,
      locked: false,
    });
    const before = cardApdus(fixture.bridge);
    const refused = errorOf(await fixture.client.call('sign', signParams('1234')));
    expect(refused).toMatchObject({
      code: -32012,
      data: { triesLeft: 1, confirmation: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
    });
    expect(cardApdus(fixture.bridge)).toBe(before);
    const { confirmation } = refused.data as { confirmation: string };
    const confirmed = await fixture.client.call(
      'sign',
      signParams('1234', { confirmLastAttempt: confirmation }),
    );
    expect(confirmed.result).toHaveProperty('signature');
    expect((await fixture.client.call('getPinStatus', { pin: 'auth' })).result).toMatchObject({
      triesLeft: 3,
    });
  });

  it('a locked card says so (-32011) and its status says locked', async () => {
    await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'locked' });
    await fixture.bridge.cards.settled();
    expect((await fixture.client.call('getPinStatus', { pin: 'auth' })).result).toEqual({
      triesLeft: 0,
      maxTries: 3,
      locked: true,
    });
    expect(
      errorOf(await fixture.client.call('sign', signParams('1234', { confirmLastAttempt: true }))).code,
    ).toBe(-32011);
  });

  it.each(['123', '12345', 'abcd', '１２３４'])(
    'a PIN of the wrong shape (%p) is -32013 and never reaches the card',
    async (pin) => {
      const before = cardApdus(fixture.bridge);
      expect(errorOf(await fixture.client.call('sign', signParams(pin))).code).toBe(-32013);
      expect(cardApdus(fixture.bridge)).toBe(before);
    },
  );

  it('a card without the JPKI AP is NOT_MY_NUMBER_CARD with its ATR, and getStatus says unsupported', async () => {
    await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'not-my-number-card' });
    await fixture.bridge.cards.settled();
    expect((await fixture.client.call('getStatus')).result).toEqual({
      readerService: 'running',
      readers: [
        {
          name: 'Madoguchi Simulated Reader 00',
          card: 'unsupported',
          cardId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        },
      ],
    });
    const error = errorOf(await fixture.client.call('readCertificate', { slot: 'auth' }));
    expect(error.code).toBe(-32004);
    expect(error.data).toEqual({ atr: expect.stringMatching(/^3B8F80/) });
  });

  it('no card: -32002; an unknown reader: -32001', async () => {
    await fixture.client.call('MyNumberCardSimulator.1.removeCard');
    expect(errorOf(await fixture.client.call('getPinStatus', { pin: 'auth' })).code).toBe(-32002);
    expect(
      errorOf(await fixture.client.call('getPinStatus', { pin: 'auth', reader: 'No Such Reader' })).code,
    ).toBe(-32001);
  });

  it('one card operation at a time: one that arrives while another runs is BUSY (-32021), not queued', async () => {
    // Both frames leave in one tick, so the second reaches the bridge while the first holds the card.
    const [first, second] = await Promise.all([
      fixture.client.call('readCertificate', { slot: 'auth' }),
      fixture.client.call('getPinStatus', { pin: 'auth' }),
    ]);
    expect(first.result).toHaveProperty('der');
    expect(errorOf(second).code).toBe(-32021);
    expect((await fixture.client.call('getPinStatus', { pin: 'auth' })).result).toMatchObject({
      triesLeft: 3,
    });
  });
});

it('a card that leaves mid-operation: CARD_REMOVED, then NO_CARD, and registered clients are told', async () => {
  await fixture.client.call('register', { event: 'statusChanged', id: 'app' });
  await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'removal-after-3' });
  await fixture.bridge.cards.settled();
  expect(errorOf(await fixture.client.call('readCertificate', { slot: 'auth' })).code).toBe(-32003);
  expect(errorOf(await fixture.client.call('getPinStatus', { pin: 'auth' })).code).toBe(-32002);
  const last = fixture.client.notifications.at(-1)!.params as { readers: { card: string }[] };
  expect(last.readers[0]!.card).toBe('absent');
});

describe('events', () => {
  it('registered clients get statusChanged on remove and insert; unregistered ones stop getting it', async () => {
    expect((await fixture.client.call('register', { event: 'statusChanged', id: 'app' })).result).toBe(0);
    await fixture.client.call('MyNumberCardSimulator.1.removeCard');
    await fixture.client.call('MyNumberCardSimulator.1.insertCard', { scenario: 'normal' });
    await fixture.bridge.cards.settled();
    await fixture.client.call('getStatus'); // a round trip, so notifications sent before it have arrived
    // Removed; in and being checked (said at once, before its classification); a My Number Card.
    expect(fixture.client.notifications.map((n) => n.method)).toEqual([
      'app.statusChanged',
      'app.statusChanged',
      'app.statusChanged',
    ]);
    expect(fixture.client.notifications.map((n) => (n.params as { token?: string }).token)).toEqual([
      undefined,
      undefined,
      'JPKIAPICCTOKEN2',
    ]);
    expect((await fixture.client.call('unregister', { event: 'statusChanged', id: 'app' })).result).toBe(0);
    await fixture.client.call('MyNumberCardSimulator.1.removeCard');
    await fixture.client.call('getStatus');
    expect(fixture.client.notifications).toHaveLength(3);
  });
});

describe('hostile input', () => {
  it('answers garbage with the right errors and stays usable', async () => {
    expect(errorOf(await fixture.client.sendRaw('{"jsonrpc":"2.0","id":1,"method":', null)).code).toBe(
      -32700,
    );
    expect(errorOf(await fixture.client.sendRaw(Buffer.from([0xff, 0xfe, 0x00]), null, true)).code).toBe(
      -32700,
    );
    expect(
      errorOf(await fixture.client.send({ jsonrpc: '2.0', id: 2, method: 'MyNumberCard.1.format' }, 2)).code,
    ).toBe(-32601);
    expect(
      errorOf(await fixture.client.send({ jsonrpc: '2.0', id: 3, method: 'Other.1.getStatus' }, 3)).code,
    ).toBe(-32601);
    expect(
      errorOf(await fixture.client.send({ jsonrpc: '1.0', id: 4, method: 'MyNumberCard.1.getStatus' }, 4))
        .code,
    ).toBe(-32600);
    expect(errorOf(await fixture.client.call('readCertificate', { slot: 'individualNumber' })).code).toBe(
      -32602,
    );
    expect(errorOf(await fixture.client.call('getPinStatus', {})).code).toBe(-32602);
    expect(errorOf(await fixture.client.call('sign', { ...signParams('1234'), digest: 'AAAA' })).code).toBe(
      -32602,
    );
    expect(errorOf(await fixture.client.call('sign', { ...signParams('1234'), extra: 1 })).code).toBe(-32602);
    // Ids the protocol does not allow are not echoed: the error answers id null.
    expect(
      await fixture.client.send({ jsonrpc: '2.0', id: 1.5, method: 'MyNumberCard.1.getStatus' }, null),
    ).toMatchObject({
      id: null,
    });
    expect(
      await fixture.client.send({ jsonrpc: '2.0', id: 'x'.repeat(200), method: 'x' }, null),
    ).toMatchObject({
      id: null,
    });
    expect((await fixture.client.call('getStatus')).result).toHaveProperty('readers');
  });

  it('refuses a message over 64 KiB with an error and keeps the connection', async () => {
    const huge = {
      jsonrpc: '2.0',
      id: 9,
      method: 'MyNumberCard.1.getStatus',
      params: { pad: 'x'.repeat(MAX_MESSAGE_BYTES) },
    };
    expect(errorOf(await fixture.client.send(huge, null))).toMatchObject({
      code: -32600,
      data: { maxBytes: MAX_MESSAGE_BYTES },
    });
    expect((await fixture.client.call('getStatus')).result).toHaveProperty('readers');
  });

  it('does not answer notifications (no id)', async () => {
    fixture.client.ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'MyNumberCard.1.getStatus' }));
    fixture.client.ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'MyNumberCard.1.nothing' }));
    const { id } = await fixture.client.call('getStatus');
    expect(id).toBe(1);
  });

  it('answers a request target no URL parser accepts with 400, and keeps serving', async () => {
    const { port } = new URL(fixture.bridge.url);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('GET //[ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n');
        socket.write(
          `Origin: ${ORIGIN}\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
      socket.on('data', (data) => resolve(String(data)));
    });
    expect(reply).toMatch(/^HTTP\/1.1 400/);
    expect((await fixture.client.call('getStatus')).result).toHaveProperty('readers');
  });

  it('refuses a foreign Origin, a missing Origin and a wrong path at the upgrade', async () => {
    await expect(RawClient.connect(fixture.bridge.url, 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(RawClient.connect(fixture.bridge.url.replace('/jsonrpc', '/other'))).rejects.toThrow(
      'HTTP 404',
    );
  });

  it('with a token, refuses connections without it or with another one', async () => {
    const guarded = await startTestBridge({ pkiDir: fixture.pkiDir, token: 's3cret' });
    try {
      await expect(RawClient.connect(guarded.url)).rejects.toThrow('HTTP 403');
      await expect(RawClient.connect(`${guarded.url}?token=guess`)).rejects.toThrow('HTTP 403');
      const ok = await RawClient.connect(`${guarded.url}?token=s3cret`);
      expect((await ok.call('getStatus')).result).toHaveProperty('readers');
      ok.close();
    } finally {
      await guarded.close();
    }
  });
});

it('never writes a PIN or password to its logs, whatever the client sends', async () => {
  await fixture.client.call('sign', signParams('1234'));
  await fixture.client.call('sign', signParams('0000'));
  await fixture.client.call('readSignCertificate', { pin: 'ABC123' });
  await fixture.client.call('readSignCertificate', { pin: 'ZZ9Q77' });
  await fixture.client.sendRaw(
    '{"jsonrpc":"2.0","id":5,"method":"MyNumberCard.1.sign","params":{"pin":"5678"',
    null,
  );
  await fixture.client.send({ jsonrpc: '2.0', id: 6, method: '4321' }, 6);
  await fixture.client.send({ jsonrpc: '2.0', id: '8765', method: 'MyNumberCard.1.getStatus' }, '8765');
  const logs = fixture.bridge.logs.join('\n');
  expect(fixture.bridge.logs.length).toBeGreaterThan(5);
  for (const secret of ['1234', '0000', 'ABC123', 'ZZ9Q77', '5678', '4321', '8765'])
    expect(logs).not.toContain(secret);
});

it("every log line names the bridge's version, the one getInfo gives", async () => {
  const { result } = await fixture.client.call('getInfo');
  await fixture.client.call('getStatus');
  const { version } = (result as { implementation: { version: string } }).implementation;
  const lines = fixture.bridge.logs.map((line) => JSON.parse(line) as { version?: string });
  expect(lines.length).toBeGreaterThan(1);
  expect(new Set(lines.map((line) => line.version))).toEqual(new Set([version]));
});
