/**
 * A card that answers with random status words and truncated data, behind the real bridge: every
 * call ends in a valid result or a typed protocol error from the table (never -32603 Internal
 * error), the bridge stays up, and the client maps each error to a typed BridgeError.
 */
import { X509Certificate, constants, publicDecrypt } from 'node:crypto';
import type { CardCredentials } from '../../mocks/pki';
import { ORIGIN, RawClient, startTestBridge, type TestBridge } from '../../mocks/dev-bridge/test-bridge';
import { SIMULATED_READER } from '../../mocks/dev-bridge/simulator-backend';
import type { VirtualCardTransport } from '../../mocks/virtual-card/in-process-transport';
import { BridgeErrorCode } from '../../stb-spec/protocol/errors';
import { BridgeClient } from '../../src/card/bridge-client';
import { isBridgeError } from '../../src/card/errors';
import { originWebSocket } from '../../src/card/test-support';
import { seededRandom } from '../../mocks/seeded-random';
import { LONG, until } from './support';

const ROUNDS = LONG ? 3000 : 400;
const PROTOCOL_CODES = new Set<number>(Object.values(BridgeErrorCode));
const DIGEST = Buffer.alloc(32, 7).toString('base64');

const CALLS: Array<[string, object]> = [
  ['readCertificate', { slot: 'auth' }],
  ['readCertificate', { slot: 'authCA' }],
  ['readCertificate', { slot: 'signCA' }],
  ['getPinStatus', { pin: 'auth' }],
  ['getPinStatus', { pin: 'sign' }],
  ['sign', { key: 'auth', pin: '1234', hash: 'SHA-256', digest: DIGEST }],
  ['sign', { key: 'sign', pin: 'ABC123', hash: 'SHA-256', digest: DIGEST }],
  ['readSignCertificate', { pin: 'ABC123' }],
];

let bridge: TestBridge;
beforeAll(async () => {
  bridge = await startTestBridge();
}, 60_000);
afterAll(() => bridge.close());

/** Puts a fresh card in whose answers are rewritten at random (rate: share of APDUs touched). */
async function garbledCard(seed: number, rate: number): Promise<CardCredentials> {
  await bridge.simulator.insertCard('normal');
  await bridge.cards.settled();
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const card = (bridge.simulator.transport(SIMULATED_READER) as VirtualCardTransport).card;
  const process = card.process.bind(card);
  card.process = (command: Uint8Array) => {
    const answer = process(command);
    if (random() >= rate) return answer;
    switch (int(4)) {
      case 0: // a random status word, no data
        return Uint8Array.of(int(256), int(256));
      case 1: // the data cut short, status word kept
        return Uint8Array.of(...answer.slice(0, int(Math.max(1, answer.length - 2))), ...answer.slice(-2));
      case 2: // truncated to nothing or one byte
        return answer.slice(0, int(2));
      default: // the data with a random status word
        return Uint8Array.of(...answer.slice(0, -2), int(256), int(256));
    }
  };
  return card.state.credentials;
}

/** A result is sound when it is what the card holds: the right certificate, a verifiable signature. */
function sound(method: string, params: object, result: unknown, credentials: CardCredentials): boolean {
  const { slot, key, pin } = params as { slot?: string; key?: string; pin?: unknown };
  const der = (result as { der?: string }).der;
  switch (method) {
    case 'readCertificate': {
      const expected = {
        auth: credentials.authCertificate,
        authCA: credentials.authCaCertificate,
        signCA: credentials.signCaCertificate,
      }[slot!]!;
      return der === Buffer.from(expected).toString('base64');
    }
    case 'readSignCertificate':
      return der === Buffer.from(credentials.signCertificate).toString('base64');
    case 'sign': {
      const signature = Buffer.from((result as { signature: string }).signature, 'base64');
      const certificate = key === 'auth' ? credentials.authCertificate : credentials.signCertificate;
      try {
        const publicKey = new X509Certificate(Buffer.from(certificate)).publicKey;
        const digestInfo = publicDecrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
        return digestInfo.subarray(-32).equals(Buffer.from(DIGEST, 'base64'));
      } catch {
        return false;
      }
    }
    default:
      return pin !== undefined || typeof result === 'object';
  }
}

test(`${ROUNDS} calls on a card with random status words and truncated data: typed errors only`, async () => {
  const raw = await RawClient.connect(bridge.url);
  const client = new BridgeClient({ url: bridge.url, WebSocket: originWebSocket(ORIGIN) });
  client.start();
  await until(() => client.connectionState === 'open', 'the client to connect');
  const random = seededRandom(0xbad5);
  const codes = new Map<string, number>();
  const corrupt: string[] = [];
  let credentials: CardCredentials | undefined;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 20 === 0) credentials = await garbledCard(round + 1, 0.1 + random() * 0.5);
      const [method, params] = CALLS[Math.floor(random() * CALLS.length)]!;
      const reply = await raw.call(method, params);
      const error = reply.error as { code: number; data?: unknown } | undefined;
      const key = error ? `${method}:${error.code}` : `${method}:ok`;
      codes.set(key, (codes.get(key) ?? 0) + 1);
      if (!error && !sound(method, params, reply.result, credentials!)) {
        corrupt.push(`${method} ${JSON.stringify(params).slice(0, 30)}`);
      }
      if (error) {
        expect({ method, code: error.code, known: PROTOCOL_CODES.has(error.code) }).toEqual({
          method,
          code: error.code,
          known: true,
        });
      }
      // The app's client on the same card: a typed BridgeError from the table, never PROTOCOL_ERROR.
      if (round % 4 === 0 && method === 'readCertificate') {
        const outcome = await client.readCertificate((params as { slot: 'auth' }).slot).then(
          () => 'ok',
          (caught: unknown) => caught,
        );
        if (outcome !== 'ok') {
          expect(isBridgeError(outcome)).toBe(true);
          expect((outcome as { kind: string }).kind).not.toBe('PROTOCOL_ERROR');
        }
      }
    }
    // A garbled answer must not come back as a valid-looking result.
    expect(corrupt).toEqual([]);
    const status = await raw.call('getStatus');
    expect(status.result).toBeDefined();
    expect(bridge.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  } finally {
    raw.close();
    client.close();
  }
  console.log(
    [...codes]
      .sort()
      .map(([key, n]) => `${key}=${n}`)
      .join(' '),
  );
}, 60_000);
