/**
 * `npm run bridge -- --spec 1.x`: the current bridge behind a front that answers as a bridge of
 * spec document 1.x, read from the 1.0 text (older-spec.ts); without --spec, the current bridge.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BridgeErrorCode } from '../../stb-spec/protocol/errors';
import { cardsFor, parseDevBridgeArgs, startDevBridge } from './cli';
import { olderError, olderStatus } from './older-spec';
import { SIMULATOR_CALLSIGN } from './simulator-methods';
import { ORIGIN, RawClient } from './test-bridge';

const pkiDir = mkdtempSync(path.join(tmpdir(), 'older-spec-pki-'));
afterAll(() => rmSync(pkiDir, { recursive: true, force: true }));

async function devBridge(...extra: string[]) {
  const options = parseDevBridgeArgs(
    ['--backend', 'simulator', '--allow-origin', ORIGIN, '--port', '0', '--pki', pkiDir, ...extra],
    { MADOGUCHI_BRIDGE_TOKEN: 'the-token-of-this-test-0123' },
  );
  const logs: string[] = [];
  const bridge = await startDevBridge(options, cardsFor(options), (line) => logs.push(line));
  const url = `ws://127.0.0.1:${bridge.port}/jsonrpc?token=the-token-of-this-test-0123`;
  return { bridge, url, logs };
}

describe('the development bridge with --spec 1.x', () => {
  it('has no getInfo, refuses cardId as an unknown param, and reports status as 1.x does', async () => {
    const { bridge, url, logs } = await devBridge('--spec', '1.x');
    const client = await RawClient.connect(url);
    try {
      expect(await client.call('getInfo')).toMatchObject({ error: { code: -32601 } });
      const status = await client.call('getStatus');
      expect(status.result).toEqual({
        readers: [{ name: expect.any(String), card: 'present' }],
        token: 'JPKIAPICCTOKEN2',
      });
      const withId = await client.call('readCertificate', { slot: 'auth', cardId: 'Y2FyZC1pZC1maXJzdC0wMQ' });
      expect(withId).toMatchObject({ error: { code: -32602 } });
      expect(await client.call('readCertificate', { slot: 'auth' })).toMatchObject({
        result: { der: expect.any(String) },
      });
      expect((await client.call('register', { event: 'statusChanged', id: 'skew' })).result).toBe(0);
      await client.call(`${SIMULATOR_CALLSIGN}.removeCard`);
      await waitFor(() => client.notifications.length > 0);
      expect(client.notifications[0]).toEqual({
        jsonrpc: '2.0',
        method: 'skew.statusChanged',
        params: { readers: [{ name: expect.any(String), card: 'absent' }] },
      });
    } finally {
      client.close();
      await bridge.close();
    }
    const entries = logs.map((line) => JSON.parse(line) as { event: string; port?: number });
    expect(entries.find((entry) => entry.event === 'behaving as spec 1.x')?.port).toBe(bridge.port);
  });

  it('keeps the bridge behind deciding the upgrade: a wrong token is refused', async () => {
    const { bridge, url } = await devBridge('--spec', '1.x');
    try {
      await expect(
        RawClient.connect(url.replace(/token=.*/, 'token=wrong-token-0123456789abc')),
      ).rejects.toThrow('HTTP 403');
      await expect(RawClient.connect(url, 'http://evil.example')).rejects.toThrow('HTTP 403');
    } finally {
      await bridge.close();
    }
  });

  it('without --spec is the current bridge, as before', async () => {
    const { bridge, url } = await devBridge();
    const client = await RawClient.connect(url);
    try {
      expect(await client.call('getInfo')).toMatchObject({ result: { specVersion: '2.0' } });
    } finally {
      client.close();
      await bridge.close();
    }
  });
});

describe('what 1.x says instead of 2.0', () => {
  it('a card being classified may show as present, but without token or identities', () => {
    const status = {
      readerService: 'running',
      readers: [{ name: 'R', card: 'checking', cardId: 'Y2FyZC1pZC1maXJzdC0wMQ' }],
    };
    expect(olderStatus(status)).toEqual({ readers: [{ name: 'R', card: 'present' }] });
  });

  it('errors 1.x does not have, and data it does not carry', () => {
    const { READER_SERVICE_UNAVAILABLE, NO_READER, BUSY, CARD_ERROR, CARD_REMOVED } = BridgeErrorCode;
    expect(olderError({ code: READER_SERVICE_UNAVAILABLE, message: 'x' })).toMatchObject({ code: NO_READER });
    expect(olderError({ code: BUSY, message: 'b', data: { reason: 'checking' } })).toEqual({
      code: BUSY,
      message: 'b',
    });
    expect(olderError({ code: CARD_REMOVED, message: 'r', data: { verifyOutcome: 'unknown' } })).toEqual({
      code: CARD_REMOVED,
      message: 'r',
    });
    expect(olderError({ code: CARD_ERROR, message: 'c', data: { sw: '6A82', timeout: true } })).toEqual({
      code: CARD_ERROR,
      message: 'c',
      data: { sw: '6A82' },
    });
    expect(olderError({ code: CARD_ERROR, message: 'c', data: { timeout: true } })).toEqual({
      code: CARD_ERROR,
      message: 'c',
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
