/**
 * What the app hears for each call, with the card layer stubbed: the JSON-RPC envelope, the methods
 * and what reaches the log.
 */
import { LIMITS, MAX_MESSAGE_BYTES, SPEC_VERSION } from '../../../stb-spec/protocol';
import { PinLockedError } from '../jpki/errors';
import { IMPLEMENTATION } from './version';
import { DIGEST, setUp, stubCards } from './testing/stub-dispatcher';

describe('the envelope', () => {
  it('answers with the request id, a string or a number', async () => {
    const { call } = setUp();
    expect(await call('getStatus', {}, 7)).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: { readerService: 'running', readers: [] },
    });
    expect((await call('getStatus', {}, 'a-1')).id).toBe('a-1');
  });

  it('malformed JSON is a parse error, answered with id null and without the text', async () => {
    const { send, lines } = setUp();
    const reply = await send('{"pin":"1234"');
    expect(reply).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    expect(JSON.stringify(lines)).not.toContain('1234');
  });

  it('a binary frame or invalid UTF-8 is a parse error too', async () => {
    const { dispatcher } = setUp();
    const subs = { register: () => true, unregister: () => undefined };
    const json = Buffer.from('{"jsonrpc":"2.0","id":1,"method":"MyNumberCard.1.getStatus"}');
    expect(((await dispatcher.handle(json, subs, 1, true)) as { error: { code: number } }).error.code).toBe(
      -32700,
    );
    expect(((await dispatcher.handle(json, subs, 1, false)) as { result: unknown }).result).toBeDefined();
    const broken = Uint8Array.of(0x7b, 0xff, 0x7d);
    expect(((await dispatcher.handle(broken, subs, 1)) as { error: { code: number } }).error.code).toBe(
      -32700,
    );
  });

  it('a message over the size limit is refused and says the limit', async () => {
    const { send } = setUp();
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 3,
      method: 'x',
      params: { pad: 'x'.repeat(MAX_MESSAGE_BYTES) },
    });
    expect(await send(big)).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32600,
        message: 'Invalid Request: message too large',
        data: { maxBytes: MAX_MESSAGE_BYTES },
      },
    });
  });

  it('a message of exactly the limit is read', async () => {
    const { send } = setUp();
    const head = { jsonrpc: '2.0', id: 4, method: 'MyNumberCard.1.getStatus', pad: '' };
    const exact = JSON.stringify({
      ...head,
      pad: 'x'.repeat(MAX_MESSAGE_BYTES - JSON.stringify(head).length),
    });
    expect(Buffer.byteLength(exact)).toBe(MAX_MESSAGE_BYTES);
    expect((await send(exact))?.id).toBe(4);
  });

  it.each([
    [
      'an invalid request keeps an allowed id and answers -32600',
      '1.0',
      'getStatus',
      -32600,
      'Invalid Request',
    ],
    ['an unknown method is -32601', '2.0', 'readMyNumber', -32601, 'Method not found'],
  ])('%s', async (_, jsonrpc, method, code, message) => {
    const { send } = setUp();
    expect(await send({ jsonrpc, id: 5, method: `MyNumberCard.1.${method}` })).toEqual({
      jsonrpc: '2.0',
      id: 5,
      error: { code, message },
    });
  });

  it('an id the protocol does not allow is answered with null', async () => {
    const { send } = setUp();
    expect((await send({ jsonrpc: '2.0', id: 1.5, method: 'MyNumberCard.1.getStatus' }))?.id).toBeNull();
    expect((await send({ jsonrpc: '2.0', id: { a: 1 }, method: 'MyNumberCard.1.getStatus' }))?.id).toBeNull();
    expect((await send([{ jsonrpc: '2.0', id: 1, method: 'MyNumberCard.1.getStatus' }]))?.id).toBeNull();
  });

  it('a notification (no id) gets no answer and no effect, even a PIN call', async () => {
    const { send, cards, lines } = setUp();
    const reply = await send({
      jsonrpc: '2.0',
      method: 'MyNumberCard.1.sign',
      params: { key: 'auth', pin: '1234', hash: 'SHA-256', digest: DIGEST },
    });
    expect(reply).toBeUndefined();
    expect(cards.sign).not.toHaveBeenCalled();
    expect(lines).toEqual([
      { level: 'info', event: 'notification ignored', fields: { method: 'sign', connection: 1 } },
    ]);
    expect(await send({ jsonrpc: '2.0', method: 'Other.thing' })).toBeUndefined();
    expect(lines.at(-1)?.fields?.method).toBe('unknown');
  });

  it('params as an empty array count as none; other bad params are -32602', async () => {
    const { call } = setUp();
    expect((await call('getStatus', [])).result).toBeDefined();
    const reply = await call('getPinStatus', { pin: 'other' });
    expect(reply.error?.code).toBe(-32602);
    expect(reply.error?.message).toMatch(/^Invalid params: /);
  });

  it('runs an extension by its full name, with empty params when none are given', async () => {
    const insertCard = jest.fn(async (params: unknown) => ({ inserted: params }));
    const { send } = setUp(stubCards(), { 'Simulator.insertCard': insertCard });
    expect(await send({ jsonrpc: '2.0', id: 8, method: 'Simulator.insertCard' })).toEqual({
      jsonrpc: '2.0',
      id: 8,
      result: { inserted: {} },
    });
    expect(insertCard).toHaveBeenCalledWith({});
    // Inherited names are not extensions.
    expect(await send({ jsonrpc: '2.0', id: 9, method: 'toString' })).toMatchObject({
      error: { code: -32601 },
    });
  });
});

describe('the methods', () => {
  it('getInfo: the spec version, this bridge, its capabilities and the time limit it applies', async () => {
    const { call } = setUp(stubCards({ operationTimeoutMs: 900 }));
    expect((await call('getInfo')).result).toEqual({
      specVersion: SPEC_VERSION,
      protocolVersion: 1,
      implementation: { ...IMPLEMENTATION },
      capabilities: ['cardId', 'lastAttemptConfirmation'],
      limits: { ...LIMITS, cardOperationTimeoutMs: 900 },
    });
  });

  it('getInfo names readerAllowList only when the configuration lists the readers served', async () => {
    const { call } = setUp(stubCards({ readerAllowList: () => ['Reader A'] }));
    expect((await call('getInfo')).result?.capabilities).toEqual([
      'cardId',
      'lastAttemptConfirmation',
      'readerAllowList',
    ]);
  });

  it('readCertificate answers base64 DER and passes the reader and cardId on', async () => {
    const { call, cards } = setUp();
    expect(
      (await call('readCertificate', { slot: 'auth', reader: 'R', cardId: 'c'.repeat(22) })).result,
    ).toEqual({
      der: 'MAA=',
    });
    expect(cards.readCertificate).toHaveBeenCalledWith('auth', { reader: 'R', cardId: 'c'.repeat(22) });
  });

  it('getPinStatus answers the tries left', async () => {
    const { call, cards } = setUp();
    expect((await call('getPinStatus', { pin: 'sign' })).result).toEqual({
      triesLeft: 3,
      maxTries: 3,
      locked: false,
    });
    expect(cards.pinStatus).toHaveBeenCalledWith('sign', { reader: undefined, cardId: undefined });
  });

  it('sign answers the signature in base64, never confirming the last try on its own', async () => {
    const { call, cards } = setUp();
    expect(
      (await call('sign', { key: 'auth', pin: '1234', hash: 'SHA-256', digest: DIGEST })).result,
    ).toEqual({
      signature: 'AQID',
    });
    expect(cards.sign).toHaveBeenCalledWith(
      'auth',
      '1234',
      Buffer.alloc(32, 7),
      { confirmLastAttempt: false },
      {
        reader: undefined,
        cardId: undefined,
      },
    );
  });

  it('sign refuses a digest that is not 32 bytes before the card is asked', async () => {
    const { call, cards } = setUp();
    const short = Buffer.alloc(31).toString('base64');
    const reply = await call('sign', { key: 'auth', pin: '1234', hash: 'SHA-256', digest: short });
    expect(reply.error?.code).toBe(-32602);
    expect(reply.error?.message).toMatch(/^Invalid params: .*digest/);
    expect(cards.sign).not.toHaveBeenCalled();
  });

  it('readSignCertificate answers base64 DER', async () => {
    const { call, cards } = setUp();
    expect((await call('readSignCertificate', { pin: 'ABC123' })).result).toEqual({ der: 'MAE=' });
    expect(cards.readSignCertificate).toHaveBeenCalledWith(
      'ABC123',
      { confirmLastAttempt: false },
      {
        reader: undefined,
        cardId: undefined,
      },
    );
  });

  it('register answers 0 up to the limit and refuses past it; unregister answers 0', async () => {
    const { call, registered } = setUp();
    expect((await call('register', { event: 'statusChanged', id: 'a' })).result).toBe(0);
    expect((await call('register', { event: 'statusChanged', id: 'b' })).result).toBe(0);
    expect((await call('register', { event: 'statusChanged', id: 'c' })).error).toEqual({
      code: -32602,
      message: `Invalid params: at most ${LIMITS.maxRegistrations} registrations per connection`,
    });
    expect((await call('unregister', { event: 'statusChanged', id: 'a' })).result).toBe(0);
    expect(registered).toEqual(['b']);
  });
});

describe('the log', () => {
  it('logs each call with its method, a numeric id, its time and connection; never params', async () => {
    const { call, lines } = setUp();
    await call('sign', { key: 'auth', pin: '1234', hash: 'SHA-256', digest: DIGEST }, 3, 2);
    expect(lines).toEqual([
      {
        level: 'info',
        event: 'call',
        fields: { method: 'sign', requestId: 3, ms: expect.any(Number), connection: 2 },
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('1234');
  });

  it('a string id is not logged (a viewer could have typed it)', async () => {
    const { call, lines } = setUp();
    await call('getStatus', {}, '1234');
    expect(lines[0]?.fields?.requestId).toBeUndefined();
  });

  it('a card error is logged at info level with its code', async () => {
    const { call, lines } = setUp(stubCards({ pinStatus: async () => Promise.reject(new PinLockedError()) }));
    await call('getPinStatus', { pin: 'auth' });
    expect(lines[0]).toMatchObject({
      level: 'info',
      event: 'call failed',
      fields: { method: 'getPinStatus', code: -32011 },
    });
  });

  it('an extension call is logged under its own name', async () => {
    const { send, lines } = setUp(stubCards(), { 'Simulator.removeCard': async () => 0 });
    await send({ jsonrpc: '2.0', id: 1, method: 'Simulator.removeCard' });
    expect(lines[0]?.fields?.method).toBe('Simulator.removeCard');
  });

  it('a refused message is logged with method unknown', async () => {
    const { send, lines } = setUp();
    await send('nonsense');
    expect(lines[0]).toMatchObject({
      level: 'info',
      event: 'call failed',
      fields: { method: 'unknown', code: -32700 },
    });
  });
});
