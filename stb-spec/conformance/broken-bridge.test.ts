/**
 * The kit must be able to fail: against a fake bridge that gets everything wrong, and against the
 * reference bridge behind a proxy that breaks two small things (an extra result member, error data
 * left out), the affected cases fail, the others pass, and the run does not pass.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { startTestBridge } from '../../mocks/dev-bridge/test-bridge';
import { startFaultProxy } from './fault-proxy';
import { runKit } from './test-support';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/jsonrpc`;
}

/** Accepts any Origin and path, and answers every frame with a result of the wrong shape. */
async function startCarelessBridge(): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer();
  server.on('upgrade', (request, socket, head) =>
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws)),
  );
  wss.on('connection', (ws: WebSocket) =>
    ws.on('message', (data) => {
      let id: unknown = null;
      try {
        id = (JSON.parse(String(data)) as { id?: unknown }).id ?? null;
      } catch {
        // answered below, with a result instead of -32700
      }
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, result: { ok: true } }));
    }),
  );
  const url = await listen(server);
  return {
    url,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

it('fails a bridge that accepts any Origin and answers everything with the wrong shape', async () => {
  const careless = await startCarelessBridge();
  try {
    const report = await runKit({
      url: careless.url,
      mode: 'none',
      timeoutMs: 500,
      only: ['CK-01', 'CK-02', 'CK-03', 'CK-06', 'CK-09', 'CK-11', 'CK-21', 'CK-25', 'CK-29'],
    });
    const verdicts = Object.fromEntries(report.results.map((r) => [r.id, r.verdict]));
    expect(verdicts).toEqual(Object.fromEntries(Object.keys(verdicts).map((id) => [id, 'failed'])));
    expect(Object.keys(verdicts)).toHaveLength(9);
    expect(report.results.find((r) => r.id === 'CK-02')?.reason).toMatch(/expected HTTP 403, got 101/);
    expect(report.results.find((r) => r.id === 'CK-01')?.reason).toMatch(/getStatus result.*schema/);
    expect(report.exitCode).toBe(1);
  } finally {
    await careless.close();
  }
}, 60_000);

it('fails exactly the cases a subtly broken bridge breaks (schemas and error data are checked)', async () => {
  const bridge = await startTestBridge({
    pkiDir: mkdtempSync(join(tmpdir(), 'madoguchi-conformance-proxy-')),
  });
  await bridge.cards.settled();
  const proxy = await startFaultProxy(bridge.url, {
    fromBridge: (message, call) => {
      if (call?.method === 'MyNumberCard.1.getPinStatus' && typeof message.result === 'object') {
        (message.result as Record<string, unknown>).retryCounterHint = 'extra';
      }
      if (message.error?.code === -32010) delete message.error.data;
      return [message];
    },
  });
  try {
    const report = await runKit({
      url: proxy.url,
      mode: 'simulator-controls',
      only: ['CK-21', 'CK-25', 'CK-32'],
    });
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(byId['CK-21']?.verdict).toBe('passed');
    expect(byId['CK-25']?.verdict).toBe('failed');
    expect(byId['CK-25']?.reason).toMatch(/getPinStatus result: .*additional properties/);
    expect(byId['CK-32']?.verdict).toBe('failed');
    expect(byId['CK-32']?.reason).toMatch(/PIN_INCORRECT \(-32010\) must carry data/);
    expect(report.exitCode).toBe(1);
  } finally {
    await proxy.close();
    await bridge.close();
  }
}, 60_000);
