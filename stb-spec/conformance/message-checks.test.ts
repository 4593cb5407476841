/** The schema checks every frame from the bridge goes through. */
import { checkIncoming, type Id } from './message-checks';
import type { MethodName } from '../protocol';

const methods = new Map<Id, MethodName>([
  [1, 'getPinStatus'],
  [2, 'getStatus'],
]);
const problemsOf = (message: unknown) =>
  checkIncoming(typeof message === 'string' ? message : JSON.stringify(message), (id) => methods.get(id))
    .problems;

describe('responses', () => {
  it('accepts results that match their method, and rejects extra members and wrong types', () => {
    expect(
      problemsOf({ jsonrpc: '2.0', id: 1, result: { triesLeft: 3, maxTries: 3, locked: false } }),
    ).toEqual([]);
    expect(
      problemsOf({ jsonrpc: '2.0', id: 1, result: { triesLeft: 3, maxTries: 3, locked: false, x: 1 } }),
    ).toEqual([expect.stringMatching(/^getPinStatus result: .*additional properties/)]);
    expect(
      problemsOf({ jsonrpc: '2.0', id: 2, result: { readers: [{ name: 'R', card: 'inserted' }] } }),
    ).toEqual([expect.stringMatching(/^getStatus result:/)]);
    expect(problemsOf({ jsonrpc: '2.0', id: 1, result: 0, extra: true })).toEqual(
      expect.arrayContaining([expect.stringMatching(/SuccessResponse schema/)]),
    );
  });

  it('checks error codes and their data (required, forbidden, closed)', () => {
    const error = (code: number, data?: unknown) => ({
      jsonrpc: '2.0',
      id: 3,
      error: { code, message: 'm', data },
    });
    expect(problemsOf(error(-32010, { triesLeft: 2 }))).toEqual([]);
    expect(problemsOf(error(-32010))).toEqual([expect.stringMatching(/must carry data/)]);
    expect(problemsOf(error(-32010, { triesLeft: 0 }))).toEqual([
      expect.stringMatching(/PIN_INCORRECT data/),
    ]);
    expect(problemsOf(error(-32004, { atr: '3b8f' }))).toEqual([
      expect.stringMatching(/NOT_MY_NUMBER_CARD data/),
    ]);
    expect(problemsOf(error(-32020))).toEqual([]); // a malformed answer has no status word
    expect(problemsOf(error(-32020, { sw: '6581', apdu: 'x' }))).toEqual([
      expect.stringMatching(/CARD_ERROR data: .*additional properties/),
    ]);
    expect(problemsOf(error(-32021, { reason: 'operation' }))).toEqual([]);
    expect(problemsOf(error(-32021, { reason: 'x' }))).toEqual([expect.stringMatching(/BUSY data/)]);
    expect(problemsOf(error(-32021, {}))).toEqual([expect.stringMatching(/BUSY .* must carry \{reason\}/)]);
    expect(problemsOf(error(-32021))).toEqual([expect.stringMatching(/BUSY .* must carry data/)]);
    expect(problemsOf(error(-32005, { cardId: 'A'.repeat(22) }))).toEqual([]);
    expect(problemsOf(error(-32005))).toEqual([]); // the reader is empty
    expect(problemsOf(error(-32005, { cardId: 'short' }))).toEqual([
      expect.stringMatching(/CARD_CHANGED data/),
    ]);
    expect(problemsOf(error(-32006, {}))).toEqual([expect.stringMatching(/must not carry data/)]);
    expect(problemsOf(error(-31999))).toEqual([expect.stringMatching(/not a code of the protocol/)]);
    expect(problemsOf({ jsonrpc: '2.0', id: 1.5, error: { code: -32600, message: 'm' } })).toEqual([
      expect.stringMatching(/ErrorResponse schema/),
    ]);
  });
});

describe('notifications and garbage', () => {
  it('checks notification envelopes and their Status params', () => {
    const cardId = 'AbCdEfGhIjKlMnOpQrSt_-';
    const status = {
      readerService: 'running',
      readers: [{ name: 'R', card: 'present', cardId }],
      token: 'JPKIAPICCTOKEN2',
      cardId,
    };
    expect(problemsOf({ jsonrpc: '2.0', method: 'app.statusChanged', params: status })).toEqual([]);
    expect(problemsOf({ jsonrpc: '2.0', method: 'app.statusChanged', params: status, id: 4 })).toEqual([
      expect.stringMatching(/Notification schema/),
    ]);
    expect(
      problemsOf({ jsonrpc: '2.0', method: 'app.statusChanged', params: { readers: [], token: 'X' } }),
    ).toEqual([expect.stringMatching(/Status schema/)]);
    // readerService is required from the 2.0 draft on.
    expect(problemsOf({ jsonrpc: '2.0', method: 'app.statusChanged', params: { readers: [] } })).toEqual([
      expect.stringMatching(/readerService.*Status schema/),
    ]);
  });

  it('reports frames that are not JSON objects', () => {
    expect(problemsOf('not json')).toEqual(['the bridge sent a frame that is not JSON']);
    expect(problemsOf('[1]')).toEqual(['the bridge sent JSON that is not an object']);
    expect(problemsOf({ jsonrpc: '2.0', id: 1 })).toEqual([
      expect.stringMatching(/neither a response nor a notification/),
    ]);
  });
});
