/**
 * The bundled bridge with the real PC/SC backend, run the way the systemd unit runs it: outside the
 * repository (the pcsclite addon copied into dist/bridge/node_modules must load without the
 * repository's node_modules), as an unprivileged user on a read-only view with private /tmp and
 * /home (bwrap), no capabilities, no new privileges, no core dumps, an empty environment. It must
 * reach pcscd, serve the protocol on loopback only, and make the token of this box start.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import {
  call,
  isRoot,
  LAST_GOOD,
  NOBODY_UID,
  startConfinedBridge,
  upgrade,
  type ConfinedBridge,
} from './test-sandbox';

const origin = 'http://127.0.0.1:8080';
const APP_URL = 'http://127.0.0.1:8080/';

/** The upgrade's HTTP status with this Host header (101 when accepted). */
function statusWithHost(port: number, host: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/jsonrpc?token=${token}`, {
      origin,
      headers: { Host: host },
    });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('error', reject);
  });
}

/**
 * The local addresses of the TCP sockets listening on `port`, from the kernel's tables (hex, as
 * /proc/net/tcp and tcp6 print them): there on every Linux box, with or without a LAN interface.
 */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter(([, local, , state]) => state === '0A' && local?.endsWith(`:${hexPort}`))
      .map(([, local]) => local!.slice(0, -5)),
  );
}
const IPV4_LOOPBACK = '0100007F'; // 127.0.0.1, little-endian
const IPV6_LOOPBACK = '00000000000000000000000001000000'; // ::1

describe('the bridge bundle on pcscd, confined like its unit, with the token of this box start', () => {
  let bridge: ConfinedBridge;
  let token: string;

  beforeAll(async () => {
    bridge = await startConfinedBridge((port, state) => ({
      port,
      allowedOrigins: [origin],
      backend: 'pcsc',
      tokenFile: `${state}/run/token`,
      appUrl: APP_URL,
      launchUrlFile: `${state}/run/launch-url`,
    }));
    token = readFileSync(path.join(bridge.stateDir, 'run', 'token'), 'utf8').trim();
  }, 90_000);

  afterAll(() => bridge?.stop());

  it('made a 43-character token, mode 0600, and the launch URL with it, mode 0640', () => {
    console.log(`bridge confinement: ${bridge.mode}; bundle ${bridge.bundleBytes} bytes`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(path.join(bridge.stateDir, 'run', 'token')).mode & 0o777).toBe(0o600);
    const launch = path.join(bridge.stateDir, 'run', 'launch-url');
    expect(readFileSync(launch, 'utf8')).toBe(`${APP_URL}#bridgeToken=${token}\n`);
    expect(statSync(launch).mode & 0o777).toBe(0o640);
  });

  it('kept the configuration it started with as the last good one, mode 0600, without the token', () => {
    const file = path.join(bridge.stateDir, LAST_GOOD);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(kept).toMatchObject({ port: bridge.port, allowedOrigins: [origin], backend: 'pcsc' });
    expect(readFileSync(file, 'utf8')).not.toContain(token);
  });

  it('lists the PC/SC readers through getStatus to the allowed Origin with the token', async () => {
    const ws = await upgrade(bridge.port, origin, token);
    if (typeof ws === 'number') throw new Error(`upgrade refused with ${ws}`);
    const reply = (await call(ws, 'MyNumberCard.1.getStatus')) as { result: { readers: unknown[] } };
    ws.close();
    expect(reply.result.readers.length).toBeGreaterThan(0);
    expect(reply.result.readers[0]).toMatchObject({ name: expect.any(String), card: expect.any(String) });
  });

  it('refuses without the token, with a wrong one, from a foreign Origin or Host, with 403', async () => {
    expect(await upgrade(bridge.port, origin)).toBe(403);
    expect(await upgrade(bridge.port, origin, 'A'.repeat(43))).toBe(403);
    expect(await upgrade(bridge.port, 'http://evil.example', token)).toBe(403);
    expect(await statusWithHost(bridge.port, `evil.example:${bridge.port}`, token)).toBe(403);
    expect(await statusWithHost(bridge.port, `localhost:${bridge.port}`, token)).toBe(101);
  });

  it('listens on loopback only', () => {
    const addresses = listeningAddresses(bridge.port);
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => address !== IPV4_LOOPBACK && address !== IPV6_LOOPBACK)).toEqual([]);
  });

  (isRoot ? it : it.skip)(
    `ran as the unprivileged user${isRoot ? '' : ' — skipped: only a root test run can drop to nobody'}`,
    () => {
      expect(statSync(path.join(bridge.stateDir, 'run', 'token')).uid).toBe(NOBODY_UID);
    },
  );
});

describe('the bridge bundle with a bridge.json an update broke', () => {
  let bridge: ConfinedBridge;

  beforeAll(async () => {
    bridge = await startConfinedBridge(
      (port) => ({ port, allowedOrigins: ['*'], backend: 'pcsc' }),
      (port, state) => ({
        port,
        allowedOrigins: [origin],
        backend: 'pcsc',
        tokenFile: `${state}/run/token`,
      }),
    );
  }, 90_000);

  afterAll(() => bridge?.stop());

  it('runs with the last good configuration, says why, and serves the app', async () => {
    expect(bridge.output()).toContain('allowedOrigins');
    expect(bridge.output()).toContain('starting with the configuration that last worked');
    expect(bridge.output()).toMatch(/"event":"configuration refused, running the last good one"/);
    const token = readFileSync(path.join(bridge.stateDir, 'run', 'token'), 'utf8').trim();
    const ws = await upgrade(bridge.port, origin, token);
    if (typeof ws === 'number') throw new Error(`upgrade refused with ${ws}`);
    const reply = (await call(ws, 'MyNumberCard.1.getStatus')) as { result?: unknown };
    ws.close();
    expect(reply.result).toBeDefined();
  });
});
