/** The card's identity on the wire: every card operation carries `cardId` when given, and only then. */
import { BridgeErrorCode } from '../../stb-spec/protocol/errors';
import { isBridgeError } from './errors';
import {
  EventRecorder,
  handshakeHandler,
  isConnection,
  startFakeBridge,
  testClient,
  type FakeHandler,
  type FakeRequest,
} from './test-support';

const CARD_ID = 'Y2FyZC1pZC1maXJzdC0wMQ';
const OTHER = 'Y2FyZC1pZC1vdGhlci0wMg';
const DER = 'MAA=';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connectToFake(handler: FakeHandler) {
  const fake = await startFakeBridge(
    (request, socket) => handshakeHandler(request, socket) ?? handler(request, socket),
  );
  cleanups.push(() => fake.close());
  const client = testClient(fake.url);
  cleanups.push(() => client.close());
  await new EventRecorder(client).waitFor(isConnection('open'));
  return { fake, client };
}

const answer = (request: FakeRequest) => {
  const method = request.method.replace('MyNumberCard.1.', '');
  if (method === 'getPinStatus') return { triesLeft: 3, maxTries: 3, locked: false };
  if (method === 'sign') return { signature: 'AAE=' };
  return { der: DER };
};
const paramsOf = (requests: FakeRequest[], method: string) =>
  requests.filter((request) => request.method === `MyNumberCard.1.${method}`).map((r) => r.params);

describe('cardId', () => {
  test('goes with readCertificate, getPinStatus, readSignCertificate and sign when given', async () => {
    const { fake, client } = await connectToFake((request) => ({
      jsonrpc: '2.0',
      id: request.id,
      result: answer(request),
    }));
    const digest = new Uint8Array(32);
    await client.readCertificate('auth', { cardId: CARD_ID });
    await client.getPinStatus('auth', { cardId: CARD_ID });
    await client.readSignCertificate('ABC123', { cardId: CARD_ID });
    await client.sign({ key: 'auth', pin: '1234', digest, cardId: CARD_ID });
    for (const method of ['readCertificate', 'getPinStatus', 'readSignCertificate', 'sign']) {
      expect(paramsOf(fake.received, method)).toEqual([expect.objectContaining({ cardId: CARD_ID })]);
    }
    // Without one, the key is left out (never `undefined` or null on the wire).
    await client.sign({ key: 'auth', pin: '1234', digest });
    await client.getPinStatus('auth');
    expect(paramsOf(fake.received, 'sign')[1]).not.toHaveProperty('cardId');
    expect(paramsOf(fake.received, 'getPinStatus')[1]).toEqual({ pin: 'auth' });
  });

  test('a CARD_CHANGED answer is a typed error with the current card', async () => {
    const { client } = await connectToFake((request) => ({
      jsonrpc: '2.0',
      id: request.id,
      error: { code: BridgeErrorCode.CARD_CHANGED, message: 'card changed', data: { cardId: OTHER } },
    }));
    const error = await client
      .sign({ key: 'auth', pin: '1234', digest: new Uint8Array(32), cardId: CARD_ID })
      .catch((caught: unknown) => caught);
    expect(isBridgeError(error, 'CARD_CHANGED') && error.details).toEqual({ cardId: OTHER });
  });
});
