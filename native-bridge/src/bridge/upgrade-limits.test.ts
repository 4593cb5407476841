/**
 * Who may open the bridge and how much one client may ask of it: the Host must be the bridge's own
 * loopback address (a rebound DNS name is refused), refusals all look the same, and a flooding
 * client is cut off while the others keep being served.
 */
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS } from '../../../stb-spec/protocol';
import { ORIGIN, RawClient, startTestBridge, type TestBridge } from '../../../mocks/dev-bridge/test-bridge';

const TOKEN = 'k'.repeat(43);
let pkiDir: string;
let bridge: TestBridge;
let port: number;
let clock: number;

/** The raw answer to an upgrade request with exactly these headers (undefined: header left out). */
function upgrade(headers: { path?: string; host?: string; origin?: string }): Promise<string> {
  const lines = [
    `GET ${headers.path ?? `/jsonrpc?token=${TOKEN}`} HTTP/1.1`,
    ...(headers.host === undefined ? [] : [`Host: ${headers.host}`]),
    ...(headers.origin === undefined ? [] : [`Origin: ${headers.origin}`]),
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
  ];
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    socket.once('data', (data) => {
      resolve(String(data));
      socket.destroy();
    });
    socket.once('error', reject);
  });
}
const statusOf = (reply: string) => reply.split('\r\n')[0];

beforeAll(() => {
  pkiDir = mkdtempSync(join(tmpdir(), 'madoguchi-upgrade-'));
});

beforeEach(async () => {
  clock = 5_000_000;
  bridge = await startTestBridge({ pkiDir, token: TOKEN, now: () => clock });
  port = Number(new URL(bridge.url).port);
});

afterEach(async () => {
  await bridge.close();
});

describe('Host', () => {
  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LocalHost:PORT', '[::1]:PORT'])(
    '%s is the bridge itself',
    async (host) => {
      const reply = await upgrade({ host: host.replace('PORT', String(port)), origin: ORIGIN });
      expect(statusOf(reply)).toBe('HTTP/1.1 101 Switching Protocols');
    },
  );

  it.each([
    'evil.example:PORT',
    'localhost.evil.example:PORT',
    '127.0.0.1:PORT.evil.example',
    '127.0.0.1',
    'localhost',
    '127.0.0.1:1',
    '[::1]:1',
    '127.0.0.2:PORT',
    '[0:0:0:0:0:0:0:1]:PORT',
  ])('%s is refused with 403', async (host) => {
    const reply = await upgrade({ host: host.replace('PORT', String(port)), origin: ORIGIN });
    expect(statusOf(reply)).toBe('HTTP/1.1 403 Forbidden');
  });

  it('a request without Host is refused with 403', async () => {
    expect(statusOf(await upgrade({ origin: ORIGIN }))).toBe('HTTP/1.1 403 Forbidden');
  });

  it('checks the path first (404), then Host, Origin and token, all refused with the same answer', async () => {
    const own = `127.0.0.1:${port}`;
    expect(
      statusOf(await upgrade({ path: '/other', host: 'evil.example', origin: 'http://evil.example' })),
    ).toBe('HTTP/1.1 404 Not Found');
    const refusals = await Promise.all([
      upgrade({ host: 'evil.example', origin: ORIGIN }),
      upgrade({ host: own, origin: 'http://evil.example' }),
      upgrade({ host: own, origin: ORIGIN, path: '/jsonrpc?token=wrong' }),
      upgrade({ host: own, origin: ORIGIN, path: '/jsonrpc' }),
    ]);
    expect(statusOf(refusals[0]!)).toBe('HTTP/1.1 403 Forbidden');
    expect(new Set(refusals).size).toBe(1);
  });
});

describe('limits', () => {
  const url = () => `${bridge.url}?token=${TOKEN}`;

  it(`the ${LIMITS.maxConnections + 1}th simultaneous connection gets 503; a closed one frees its place`, async () => {
    const clients = await Promise.all(
      Array.from({ length: LIMITS.maxConnections }, () => RawClient.connect(url())),
    );
    try {
      await expect(RawClient.connect(url())).rejects.toThrow('HTTP 503');
      expect((await clients[0]!.call('getStatus')).result).toHaveProperty('readers');
      clients.pop()!.close();
      let again: RawClient | undefined;
      for (let i = 0; i < 50 && !again; i++) {
        again = await RawClient.connect(url()).catch(
          () => new Promise<undefined>((r) => setTimeout(() => r(undefined), 20)),
        );
      }
      expect(again).toBeDefined();
      again!.close();
    } finally {
      for (const client of clients) client.close();
    }
  });

  /** Sends the frames in one write, so they arrive together and are all awaiting an answer at once. */
  function burst(client: RawClient, count: number) {
    const socket = (client.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    socket.cork();
    const replies = Array.from({ length: count }, () => client.call('readCertificate', { slot: 'auth' }));
    socket.uncork();
    return replies;
  }

  const closeCode = (client: RawClient) =>
    new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));

  it(`${LIMITS.maxPendingCalls} calls awaiting an answer are served; one more closes that connection (1008), others keep being served`, async () => {
    const flooder = await RawClient.connect(url());
    const bystander = await RawClient.connect(url());
    try {
      const served = await Promise.all(burst(flooder, LIMITS.maxPendingCalls));
      expect(served.every((reply) => reply !== undefined)).toBe(true);
      const closed = closeCode(flooder);
      void burst(flooder, LIMITS.maxPendingCalls + 1);
      expect(await closed).toBe(1008);
      expect((await bystander.call('getStatus')).result).toHaveProperty('readers');
    } finally {
      flooder.close();
      bystander.close();
    }
  });

  it(`more than ${LIMITS.maxMessagesPerSecond} messages within one second close that connection (1008); others keep being served`, async () => {
    const flooder = await RawClient.connect(url());
    const bystander = await RawClient.connect(url());
    try {
      // In small batches, so only the rate is exceeded, never the calls awaiting an answer.
      for (let sent = 0; sent < LIMITS.maxMessagesPerSecond; sent += 10) {
        await Promise.all(Array.from({ length: 10 }, () => flooder.call('getStatus')));
      }
      clock += 999;
      const closed = closeCode(flooder);
      void flooder.call('getStatus');
      expect(await closed).toBe(1008);
      expect((await bystander.call('getStatus')).result).toHaveProperty('readers');
    } finally {
      flooder.close();
      bystander.close();
    }
  });

  it('the window slides: the same number of messages spread over more than a second is served', async () => {
    const client = await RawClient.connect(url());
    try {
      for (let round = 0; round < 3; round++) {
        for (let sent = 0; sent < LIMITS.maxMessagesPerSecond; sent += 10) {
          await Promise.all(Array.from({ length: 10 }, () => client.call('getStatus')));
        }
        clock += 1000;
      }
      expect((await client.call('getStatus')).result).toHaveProperty('readers');
    } finally {
      client.close();
    }
  });
});
