/**
 * The bridge process killed (SIGKILL) and started again on the same port: the app's BridgeClient
 * fails calls in flight with BRIDGE_UNAVAILABLE, forgets the status while the bridge is gone,
 * reconnects, re-registers (it gets statusChanged from the new process) and reads fresh status.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BridgeClient } from '../../src/card/bridge-client';
import { isBridgeError } from '../../src/card/errors';
import { SimulatorControls } from '../../src/card/simulator-controls';
import { originWebSocket } from '../../src/card/test-support';
import { freePort, until } from './support';

const ORIGIN = 'http://127.0.0.1:8080';
const ROOT = resolve(__dirname, '..', '..');
const pkiDir = mkdtempSync(join(tmpdir(), 'madoguchi-faults-pki-'));
const children: ChildProcess[] = [];

/** `node --import tsx mocks/dev-bridge/cli.ts --backend simulator`; resolves when listening. */
function startBridge(port: number, scenario: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'mocks/dev-bridge/cli.ts',
      '--backend',
      'simulator',
      '--port',
      String(port),
      '--allow-origin',
      ORIGIN,
      '--pki',
      pkiDir,
      '--scenario',
      scenario,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (out.includes('"listening"')) resolveStart(child);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += String(chunk)));
    child.once('exit', (code) => reject(new Error(`bridge exited (${code}): ${out}`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

afterAll(async () => {
  for (const child of children) await kill9(child);
  rmSync(pkiDir, { recursive: true, force: true });
});

test('kill -9 and restart on the same port: reconnect, re-register, fresh status, no stale state', async () => {
  const port = await freePort();
  let bridge = await startBridge(port, 'normal');
  const client = new BridgeClient({
    url: `ws://127.0.0.1:${port}/jsonrpc`,
    WebSocket: originWebSocket(ORIGIN),
    backoff: { initialMs: 50, maxMs: 300 },
  });
  const statuses: string[] = [];
  client.subscribe((event) => {
    if (event.type === 'status') statuses.push(event.status.token ? 'card' : 'no-card');
    if (event.type === 'connection') statuses.push(event.state);
  });
  client.start();
  try {
    await until(() => client.connectionState === 'open', 'the first connection', 20_000);
    expect(client.status?.token).toBe('JPKIAPICCTOKEN2');

    // A call in flight when the process dies (its timeout is 10 s): it must end at once with
    // BRIDGE_UNAVAILABLE, or have been answered just before.
    const controls = new SimulatorControls(client);
    const inFlight = client.getPinStatus('auth').then(
      () => 'answered',
      (error: unknown) => error,
    );
    await kill9(bridge);
    const outcome = await inFlight;
    if (outcome !== 'answered') {
      expect(isBridgeError(outcome, 'BRIDGE_UNAVAILABLE')).toBe(true);
    }
    await until(() => client.connectionState !== 'open', 'the client to notice');
    expect(client.status).toBeUndefined(); // no stale status while the bridge is gone
    await expect(client.getStatus()).rejects.toMatchObject({ kind: 'BRIDGE_UNAVAILABLE' });

    // The new process: after reconnecting, the client must show its state, not the old one's.
    bridge = await startBridge(port, 'normal');
    await until(() => client.connectionState === 'open', 'the reconnection', 20_000);
    await controls.removeCard();
    await until(() => client.status !== undefined && client.status.token === undefined, 'no-card status');
    // Re-registered: a change in the new process arrives as a notification.
    await controls.insertCard('normal');
    await until(() => client.status?.token === 'JPKIAPICCTOKEN2', 'statusChanged from the new process');
    expect(await client.getPinStatus('auth')).toMatchObject({ triesLeft: 3 });
    expect(statuses).toEqual(expect.arrayContaining(['closed', 'open', 'no-card', 'card']));
  } finally {
    client.close();
    await kill9(bridge);
  }
}, 60_000);
