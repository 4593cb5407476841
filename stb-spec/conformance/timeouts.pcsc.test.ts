/**
 * The time-limit cases (CK-66, CK-67) on real parts: the reference bridge in process on its pcsc
 * backend, its card operation limit set to 4 s (the spec's 15 s is its default; the cases scale the
 * card to the limit getInfo advertises), and the kit with --virtual-card playing a slow card and a
 * card that hangs in vpcd reader "Virtual PCD 00 01". Then the kit must fail the same bridge behind
 * each injected fault of BR-MTH-76 (faults-timeouts.ts). Fails, never skips, without pcscd or vpcd.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CardService } from '../../native-bridge/src/bridge/card-service';
import { BridgeServer } from '../../native-bridge/src/bridge/server';
import { PcscReaderMonitor } from '../../native-bridge/src/transport/pcsc-readers';
import { startFaultProxy } from './fault-proxy';
import { timeoutFaults } from './faults-timeouts';
import { runConformance } from './kit';

const ORIGIN = 'http://127.0.0.1:8080';
const TOKEN = 'pcsc-timeouts-token-00112233445566778899aa';
const LIMIT_MS = 4_000;
const CASES = ['CK-66', 'CK-67'];

let monitor: PcscReaderMonitor;
let server: BridgeServer;
let url: string;
const pkiDir = mkdtempSync(join(tmpdir(), 'madoguchi-timeouts-pki-'));

beforeAll(async () => {
  monitor = await PcscReaderMonitor.start();
  const cards = new CardService(monitor, { operationTimeoutMs: LIMIT_MS });
  server = new BridgeServer(cards, {
    port: 0,
    allowedOrigins: [ORIGIN],
    token: TOKEN,
    logger: { log: () => undefined },
  });
  url = `ws://127.0.0.1:${await server.listen()}/jsonrpc`;
});

afterAll(async () => {
  await server?.close();
  monitor?.close();
});

function kit(target: string) {
  return runConformance({
    url: target,
    origin: ORIGIN,
    token: TOKEN,
    mode: 'virtual-card',
    vpcd: { host: '127.0.0.1', port: 35964 },
    reader: 'Virtual PCD 00 01',
    pkiDir,
    only: CASES,
    timeoutMs: LIMIT_MS + 5_000,
    write: () => undefined,
  });
}

it('the reference bridge serves the slow card and times out the hanging one as the spec says', async () => {
  const report = await kit(url);
  expect(report.results.map((r) => [r.id, r.verdict, r.reason])).toEqual(
    CASES.map((id) => [id, 'passed', undefined]),
  );
}, 120_000);

it.each(timeoutFaults().map((f) => [f.bug, f] as const))(
  'the kit fails a bridge where %s',
  async (_bug, { fault }) => {
    const proxy = await startFaultProxy(url, fault);
    try {
      const report = await kit(proxy.url);
      expect(report.results.filter((r) => r.verdict === 'failed').length).toBeGreaterThan(0);
      expect(report.exitCode).toBe(1);
    } finally {
      await proxy.close();
    }
  },
  120_000,
);
