/**
 * pcscd restarted under a running bridge with an app connected (an upgrade or a crash on the box):
 * the app is told the reader service is gone, then that the reader and the card are back, and the
 * card answers again — all without restarting the bridge. Real pcscd, vpcd reader "Virtual PCD 00 01",
 * the production bridge as its own process. Leaves pcscd running, as scripts/ensure-system.sh does.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { RawClient } from '../../../mocks/dev-bridge/test-bridge';
import { issueTestCredentials, virtualCard } from '../../../mocks/virtual-card/driver-fixtures';
import { VpcdCard } from '../../../mocks/virtual-card/vpcd-client';
import type { Status } from '../../../stb-spec/protocol';
import { startPcscBridge, type BridgeProcess } from './testing/bridge-process';

const ROOT = resolve(__dirname, '..', '..', '..');
const ORIGIN = 'http://127.0.0.1:8080';
const TOKEN = 'pcscd-restart-token-0011223344556677';
const READER = 'Virtual PCD 00 01';

let bridge: BridgeProcess | undefined;
let client: RawClient | undefined;
let card: VpcdCard | undefined;

const pcscdRunning = () => spawnSync('pgrep', ['-x', 'pcscd']).status === 0;

/** pcscd as the box starts it; scripts/ensure-system.sh is the one place that knows how. */
function startPcscd(): void {
  const result = spawnSync('bash', [resolve(ROOT, 'scripts/ensure-system.sh')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ensure-system.sh failed: ${result.stderr}`);
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** The latest statusChanged event the app got that satisfies `test`, counting from `from`. */
const eventAfter = (from: number, test: (status: Status) => boolean) => () =>
  client!.notifications
    .slice(from)
    .map((n) => n.params as Status)
    .find(test);

const cardIn = (status: Status) => status.readers.find((r) => r.name === READER)?.card;

afterAll(async () => {
  client?.close();
  await card?.disconnect();
  await bridge?.stop();
  if (!pcscdRunning()) startPcscd();
});

it('the app hears the reader service go and come back, and the card answers again; the bridge never restarts', async () => {
  if (!pcscdRunning()) startPcscd();
  const credentials = await issueTestCredentials();
  bridge = await startPcscBridge({ origin: ORIGIN, token: TOKEN, reader: 'Virtual PCD 01' });
  const pid = bridge.child.pid;
  client = await RawClient.connect(`ws://127.0.0.1:${bridge.port}/jsonrpc?token=${TOKEN}`, ORIGIN);
  await client.call('register', { event: 'statusChanged', id: 'app' });
  card = new VpcdCard(virtualCard(credentials).card, { port: 35964 });
  await card.connect();
  await waitFor(
    'the card present',
    eventAfter(0, (s) => cardIn(s) === 'present'),
  );

  const beforeStop = client.notifications.length;
  spawnSync('pkill', ['-x', 'pcscd']);
  await waitFor('pcscd gone', () => (pcscdRunning() ? undefined : true));
  const down = await waitFor(
    'an event saying the reader service is unavailable',
    eventAfter(beforeStop, (s) => s.readerService === 'unavailable'),
  );
  expect(down).toEqual({ readerService: 'unavailable', readers: [] });
  const calledDown = await client.call('readCertificate', { slot: 'auth' });
  expect(calledDown.error).toMatchObject({ code: -32006 });

  const beforeStart = client.notifications.length;
  startPcscd();
  // The virtual card went with pcscd's vpcd socket; a real card stays in the reader.
  card = new VpcdCard(virtualCard(credentials).card, { port: 35964 });
  await card.connect();
  const back = await waitFor(
    'an event with the reader and the card back',
    eventAfter(beforeStart, (s) => s.readerService === 'running' && cardIn(s) === 'present'),
    30_000,
  );
  expect(back.token).toBe('JPKIAPICCTOKEN2');
  const certificate = await client.call('readCertificate', { slot: 'auth' });
  expect(certificate.result).toEqual({ der: Buffer.from(credentials.authCertificate).toString('base64') });
  expect(bridge.child.pid).toBe(pid);
  expect(bridge.child.exitCode).toBeNull();
  expect(bridge.log()).toContain('"reason":"reader service unavailable"');
}, 90_000);
