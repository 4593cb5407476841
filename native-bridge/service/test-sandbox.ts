/**
 * Test support: installs the bridge bundle like on a box (a read-only copy outside the repository,
 * so no node_modules but its own) and runs it with the systemd unit's confinement as far as this
 * machine allows — bwrap read-only view with private /tmp, /home and devices, user nobody through
 * setpriv with no capabilities and no new privileges, no core dumps, an empty environment.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { bundleBridge, BUNDLE_NAME } from './bundle';
import type { BridgeServiceConfig } from './config';

/** The last good configuration, in the state directory as the unit's StateDirectory= would hold it. */
export const LAST_GOOD = 'lib/bridge.last-good.json';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
export const isRoot = process.getuid?.() === 0;
export const NOBODY_UID = 65534;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The command line, and the state directory path as the confined process sees it. */
function confinedCommand(bundleDir: string, etcDir: string, stateDir: string) {
  const limits = has('prlimit') ? ['prlimit', '--core=0:0'] : []; // LimitCORE=0
  const drop = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--no-new-privs'];
  const caps = ['--inh-caps=-all', '--bounding-set=-all']; // CapabilityBoundingSet= (empty)
  const env = ['env', '-i', 'PATH=/usr/bin:/bin', 'NODE_ENV=production']; // no HOME, no NODE_OPTIONS
  const runAt = (dir: string, etc: string, state: string) => [
    process.execPath,
    path.join(dir, BUNDLE_NAME),
    '--config',
    path.join(etc, 'bridge.json'),
    '--last-good',
    path.join(state, LAST_GOOD),
  ];
  if (isRoot && has('bwrap') && has('setpriv')) {
    // ReadOnlyPaths=/ ProtectSystem=strict PrivateDevices PrivateTmp ProtectHome; bwrap would
    // create missing mount points with mode 0700, hence the explicit --dir.
    const bwrap = [
      ...'bwrap --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --tmpfs /home --tmpfs /root'.split(' '),
      ...'--tmpfs /opt --dir /opt/madoguchi --dir /opt/madoguchi/bridge'.split(' '),
      ...['--ro-bind', bundleDir, '/opt/madoguchi/bridge/current', '--ro-bind', etcDir, '/opt/madoguchi/etc'],
      ...['--remount-ro', '/opt', '--bind', stateDir, '/tmp/state'],
      ...'--unshare-pid --unshare-ipc --die-with-parent'.split(' '),
    ];
    const run = runAt('/opt/madoguchi/bridge/current', '/opt/madoguchi/etc', '/tmp/state');
    return {
      mode: 'bwrap read-only view + setpriv nobody',
      argv: [...bwrap, ...limits, ...drop, ...caps, ...env, ...run],
      state: '/tmp/state',
    };
  }
  const run = runAt(bundleDir, etcDir, stateDir);
  if (isRoot && has('setpriv')) {
    return {
      mode: 'setpriv nobody, read-only bundle copy',
      argv: [...limits, ...drop, ...caps, ...env, ...run],
      state: stateDir,
    };
  }
  return {
    mode: 'this unprivileged user, read-only bundle copy',
    argv: [...limits, ...env, ...run],
    state: stateDir,
  };
}

function waitForLine(child: ChildProcess, pattern: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${output}`)), ms);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => pattern.test(l));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${output}`));
    });
  });
}

export interface ConfinedBridge {
  mode: string;
  port: number;
  root: string;
  bundleDir: string;
  stateDir: string;
  bundleBytes: number;
  /** Everything it printed so far (JSON log lines on stdout, configuration errors on stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Builds, installs and starts the bridge; `configure` gets the port and the state dir it sees and
 * returns bridge.json's content (anything, to test a broken file); `lastGood`, when given, is placed
 * as the last good configuration before the start.
 */
export async function startConfinedBridge(
  configure: (port: number, state: string) => BridgeServiceConfig | Record<string, unknown>,
  lastGood?: (port: number, state: string) => BridgeServiceConfig,
): Promise<ConfinedBridge> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'box-service-'));
  const [build, bundleDir, etc, stateDir] = ['build', 'bridge', 'etc', 'state'].map((d) =>
    path.join(root, d),
  );
  const built = await bundleBridge(build!);
  cpSync(build!, bundleDir!, { recursive: true });
  for (const dir of [etc!, stateDir!]) mkdirSync(dir, { recursive: true });
  chmodSync(root, 0o755);
  const port = await freePort();
  const command = confinedCommand(bundleDir!, etc!, stateDir!);
  writeFileSync(path.join(etc!, 'bridge.json'), JSON.stringify(configure(port, command.state)), {
    mode: 0o444,
  });
  if (lastGood) {
    mkdirSync(path.join(stateDir!, path.dirname(LAST_GOOD)), { recursive: true });
    writeFileSync(path.join(stateDir!, LAST_GOOD), JSON.stringify(lastGood(port, command.state)));
  }
  if (isRoot) spawnSync('chown', ['-R', `${NOBODY_UID}:${NOBODY_UID}`, stateDir!]);
  spawnSync('chmod', ['-R', 'a-w', bundleDir!]);
  const child = spawn(command.argv[0]!, command.argv.slice(1), {
    cwd: '/',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const collect = (chunk: Buffer) => (printed += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    spawnSync('chmod', ['-R', 'u+w', root]);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitForLine(child, /"event":"started"/, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    mode: command.mode,
    port,
    root,
    bundleDir: bundleDir!,
    stateDir: stateDir!,
    bundleBytes: built.bytes,
    output: () => printed,
    stop,
  };
}

/** Opens the bridge's WebSocket; resolves with the HTTP status when the upgrade is refused. */
export function upgrade(port: number, origin: string, token?: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const query = token === undefined ? '' : `?token=${token}`;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/jsonrpc${query}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

export function call(ws: WebSocket, method: string): Promise<{ result?: unknown; error?: unknown }> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data))));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method }));
  });
}
