/** The client's small parts: error mapping, base64, backoff, event replay, frame classification. */
import { BridgeErrorCode, JsonRpcErrorCode } from '../../stb-spec/protocol/errors';
import { decodeBase64, encodeBase64 } from './base64';
import { BridgeError, fromRpcError, isBridgeError, unavailable } from './errors';
import { LatestEventStream, type BridgeEvent } from './event-stream';
import { classify, isStatus, resultGuards } from './incoming';
import { DEFAULT_BACKOFF, backoffDelay } from './timing';

/** A one-time value as the bridge hands it out (base64url of 32 random bytes; fictitious). */
const CONFIRMATION = 'Zm9yLXRlc3RzLW9ubHktMzItcmFuZG9tLWJ5dGVzLTA';
const CARD_ID = 'Y2FyZC1pZC1maXJzdC0wMQ';

describe('fromRpcError', () => {
  it.each([
    [BridgeErrorCode.NO_READER, undefined, 'NO_READER', {}],
    [BridgeErrorCode.NO_CARD, undefined, 'NO_CARD', {}],
    [BridgeErrorCode.CARD_REMOVED, undefined, 'CARD_REMOVED', {}],
    [BridgeErrorCode.NOT_MY_NUMBER_CARD, { atr: '3B' }, 'NOT_MY_NUMBER_CARD', { atr: '3B' }],
    [BridgeErrorCode.PIN_INCORRECT, { triesLeft: 2 }, 'PIN_INCORRECT', { triesLeft: 2 }],
    [BridgeErrorCode.PIN_LOCKED, undefined, 'PIN_LOCKED', {}],
    [
      BridgeErrorCode.LAST_ATTEMPT_NEEDS_CONFIRMATION,
      { triesLeft: 1, confirmation: CONFIRMATION },
      'LAST_ATTEMPT_NEEDS_CONFIRMATION',
      { triesLeft: 1, confirmation: CONFIRMATION },
    ],
    // Without its one-time value (or with one that breaks the pattern) the answer is of no use.
    [BridgeErrorCode.LAST_ATTEMPT_NEEDS_CONFIRMATION, { triesLeft: 1 }, 'PROTOCOL_ERROR', {}],
    [
      BridgeErrorCode.LAST_ATTEMPT_NEEDS_CONFIRMATION,
      { triesLeft: 1, confirmation: 'short' },
      'PROTOCOL_ERROR',
      {},
    ],
    [
      BridgeErrorCode.LAST_ATTEMPT_NEEDS_CONFIRMATION,
      { triesLeft: 1, confirmation: `${CONFIRMATION}+/=` },
      'PROTOCOL_ERROR',
      {},
    ],
    [BridgeErrorCode.PIN_FORMAT, undefined, 'PIN_FORMAT', {}],
    [BridgeErrorCode.CARD_ERROR, { sw: '6A82' }, 'CARD_ERROR', { sw: '6A82' }],
    [BridgeErrorCode.CARD_ERROR, undefined, 'CARD_ERROR', {}],
    [BridgeErrorCode.BUSY, undefined, 'BUSY', {}],
    [BridgeErrorCode.BUSY, { reason: 'checking' }, 'BUSY', { reason: 'checking' }],
    [BridgeErrorCode.BUSY, { reason: 'asleep' }, 'BUSY', {}],
    // Cut off during a VERIFY: the flow must learn that the try may be spent.
    [
      BridgeErrorCode.CARD_REMOVED,
      { verifyOutcome: 'unknown' },
      'CARD_REMOVED',
      { verifyOutcome: 'unknown' },
    ],
    [
      BridgeErrorCode.CARD_ERROR,
      { timeout: true, verifyOutcome: 'unknown' },
      'CARD_ERROR',
      { timeout: true, verifyOutcome: 'unknown' },
    ],
    [BridgeErrorCode.CARD_REMOVED, { verifyOutcome: 'spent' }, 'CARD_REMOVED', {}],
    [BridgeErrorCode.CARD_CHANGED, { cardId: CARD_ID }, 'CARD_CHANGED', { cardId: CARD_ID }],
    [BridgeErrorCode.CARD_CHANGED, undefined, 'CARD_CHANGED', {}],
    [BridgeErrorCode.READER_SERVICE_UNAVAILABLE, undefined, 'READER_SERVICE_UNAVAILABLE', {}],
    [JsonRpcErrorCode.PARSE_ERROR, undefined, 'PROTOCOL_ERROR', {}],
    [JsonRpcErrorCode.METHOD_NOT_FOUND, undefined, 'PROTOCOL_ERROR', {}],
    [JsonRpcErrorCode.INTERNAL_ERROR, undefined, 'PROTOCOL_ERROR', {}],
    [BridgeErrorCode.PIN_INCORRECT, { triesLeft: 'two' }, 'PROTOCOL_ERROR', {}],
  ])('code %i with data %j is %s', (code, data, kind, details) => {
    const error = fromRpcError({ code, data }, 'sign');
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ kind, details, code, method: 'sign', name: 'BridgeError' });
  });

  it('keeps the one-time confirmation value for the flow, out of the message', () => {
    const error = fromRpcError(
      {
        code: BridgeErrorCode.LAST_ATTEMPT_NEEDS_CONFIRMATION,
        data: { triesLeft: 1, confirmation: CONFIRMATION },
      },
      'sign',
    );
    expect(error.message).toBe('LAST_ATTEMPT_NEEDS_CONFIRMATION in sign (triesLeft=1)');
    expect(isBridgeError(error, 'LAST_ATTEMPT_NEEDS_CONFIRMATION') && error.details.confirmation).toBe(
      CONFIRMATION,
    );
  });

  it('narrows by kind', () => {
    const error: unknown = fromRpcError({ code: BridgeErrorCode.PIN_INCORRECT, data: { triesLeft: 1 } });
    expect(isBridgeError(error)).toBe(true);
    expect(isBridgeError(error, 'PIN_LOCKED')).toBe(false);
    expect(isBridgeError(error, 'PIN_INCORRECT') && error.details.triesLeft).toBe(1);
    expect(isBridgeError(new Error('PIN_INCORRECT'))).toBe(false);
    expect(unavailable('closed', 'sign').message).toBe('BRIDGE_UNAVAILABLE in sign (reason=closed)');
  });
});

describe('base64', () => {
  it('round-trips every byte value and large inputs', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
  });

  it.each(['abc', 'ab c', 'ab=c', 'YW Jj', '@@@@', 'YWJj\n'])('rejects %j', (text) => {
    expect(() => decodeBase64(text)).toThrow(SyntaxError);
  });
});

describe('backoffDelay', () => {
  it('grows from 250 ms to the 8 s cap, between half and all of each step', () => {
    const upper = [0, 1, 2, 3, 4, 5, 6, 40].map((n) => backoffDelay(n, DEFAULT_BACKOFF, () => 0.999999));
    expect(upper).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(1000);
  });
});

describe('LatestEventStream', () => {
  const open: BridgeEvent = { type: 'connection', state: 'open' };
  const status: BridgeEvent = { type: 'status', status: { readerService: 'running', readers: [] } };

  it('replays the latest event of each type, and forgets on request', () => {
    const stream = new LatestEventStream();
    stream.emit({ type: 'connection', state: 'connecting' });
    stream.emit(open);
    stream.emit(status);
    const seen: BridgeEvent[] = [];
    stream.subscribe((event) => seen.push(event))();
    expect(seen).toEqual([open, status]);
    stream.forget('status');
    expect(stream.latestOf('status')).toBeUndefined();
  });

  it('keeps delivering to others when a listener throws, and rethrows later', async () => {
    jest.useFakeTimers();
    try {
      const stream = new LatestEventStream();
      const seen: BridgeEvent[] = [];
      stream.subscribe(() => {
        throw new Error('listener bug');
      });
      const unsubscribe = stream.subscribe((event) => seen.push(event));
      stream.emit(open);
      expect(seen).toEqual([open]);
      expect(() => jest.runAllTimers()).toThrow('listener bug');
      unsubscribe();
      stream.emit(status);
      expect(seen).toEqual([open]);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('classify', () => {
  it.each([
    ['{"jsonrpc":"2.0","id":1,"result":0}', { kind: 'result', id: 1, result: 0 }],
    ['{"jsonrpc":"2.0","id":1,"result":null}', { kind: 'result', id: 1, result: null }],
    [
      '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}',
      { kind: 'error', id: null, error: { code: -32700 } },
    ],
    [
      '{"jsonrpc":"2.0","method":"p.statusChanged","params":{}}',
      { kind: 'notification', method: 'p.statusChanged', params: {} },
    ],
    ['{"jsonrpc":"2.0","id":{},"result":0}', { kind: 'malformed' }],
    ['{"jsonrpc":"2.0","id":2,"error":{"code":1.5,"message":""}}', { kind: 'malformed', id: 2 }],
    ['{"jsonrpc":"2.0","id":null,"result":0}', { kind: 'malformed' }],
    ['null', { kind: 'malformed' }],
    ['[1]', { kind: 'malformed' }],
    ['{', { kind: 'malformed' }],
  ])('%s', (frame, expected) => {
    expect(classify(frame)).toEqual(expected);
  });

  it('treats anything but text as malformed', () => {
    expect(classify(new Uint8Array([123, 125]))).toEqual({ kind: 'malformed' });
  });
});

describe('isStatus', () => {
  const present = { name: 'R', card: 'present', cardId: CARD_ID };
  it.each([
    [{ readerService: 'running', readers: [present], token: 'JPKIAPICCTOKEN2', cardId: CARD_ID }, true],
    [{ readerService: 'running', readers: [{ name: 'R', card: 'checking', cardId: CARD_ID }] }, true],
    [{ readerService: 'unavailable', readers: [] }, true],
    // readerService is required, and only its two values.
    [{ readers: [] }, false],
    [{ readerService: 'restarting', readers: [] }, false],
    [{ readerService: 'running', readers: [{ name: 'R', card: 'present', cardId: 7 }] }, false],
    [{ readerService: 'running', readers: [], cardId: 7 }, false],
  ])('%j is a status: %s', (value, expected) => {
    expect(isStatus(value)).toBe(expected);
  });
});

describe('getInfo result', () => {
  it('needs the spec version, the capabilities and the limits', () => {
    const info = { specVersion: '2.0', protocolVersion: 1, capabilities: ['cardId'], limits: {} };
    expect(resultGuards.getInfo(info)).toBe(true);
    expect(resultGuards.getInfo({ ...info, capabilities: 'cardId' })).toBe(false);
    expect(resultGuards.getInfo({ protocolVersion: 1 })).toBe(false);
  });
});
