/**
 * The bridge as a box service, without systemd (not running in CI): the unit file's hardening is
 * checked setting by setting, `systemd-analyze` checks it when installed, and the built bundle runs
 * the way the unit runs it — outside the repository (no node_modules), as an unprivileged user, on
 * a read-only file system view with private /tmp and /home (bwrap), no capabilities, no new
 * privileges, no core dumps, an empty environment — and must serve the protocol on loopback.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { bundleBridge, BUNDLE_NAME } from './bundle';
import { parseUnitFile, unitValue, unitValues } from './systemd-unit';
import { call, has, NOBODY_UID, startConfinedBridge, upgrade, type ConfinedBridge } from './test-sandbox';

const UNIT_FILE = path.resolve(__dirname, '..', '..', 'deploy', 'systemd', 'madoguchi-bridge.service');
const unit = parseUnitFile(readFileSync(UNIT_FILE, 'utf8'));
const service = (key: string) => unitValue(unit, 'Service', key);

describe('systemd unit hardening (deploy/systemd/madoguchi-bridge.service)', () => {
  it.each([
    ['User', 'madoguchi-bridge'],
    ['DynamicUser', 'yes'],
    ['NoNewPrivileges', 'yes'],
    ['CapabilityBoundingSet', ''],
    ['AmbientCapabilities', ''],
    ['ProtectSystem', 'strict'],
    ['ProtectHome', 'yes'],
    ['PrivateTmp', 'yes'],
    ['PrivateDevices', 'yes'],
    ['ReadOnlyPaths', '/'],
    ['ReadWritePaths', '/run/pcscd'],
    ['IPAddressAllow', 'localhost'],
    ['IPAddressDeny', 'any'],
    ['RestrictAddressFamilies', 'AF_UNIX AF_INET AF_INET6'],
    ['RestrictSUIDSGID', 'yes'],
    ['RestrictNamespaces', 'yes'],
    ['LockPersonality', 'yes'],
    ['ProtectKernelTunables', 'yes'],
    ['ProtectKernelModules', 'yes'],
    ['ProtectControlGroups', 'yes'],
    ['SystemCallArchitectures', 'native'],
    ['LimitCORE', '0'],
    ['Restart', 'on-failure'],
    ['RestartPreventExitStatus', '2'],
    ['UMask', '0077'],
  ])('%s=%s', (key, value) => expect(service(key)).toBe(value));

  it('filters system calls to @system-service minus privileged ones', () => {
    const filters = unitValues(unit, 'Service', 'SystemCallFilter');
    expect(filters[0]).toBe('@system-service');
    expect(filters.slice(1).join(' ')).toMatch(/^~.*@privileged/);
  });

  it('bounds memory and tasks', () => {
    expect(service('MemoryMax')).toMatch(/^\d+[MG]$/);
    expect(Number(service('TasksMax'))).toBeGreaterThan(0);
  });

  it('runs the bundle with its config file, and writes nowhere but the pcscd socket directory', () => {
    expect(service('ExecStart')).toMatch(
      /^\/usr\/bin\/node \S+\/madoguchi-bridge\.cjs --config \/etc\/madoguchi\/bridge\.json$/,
    );
    expect(unitValues(unit, 'Service', 'ReadWritePaths')).toEqual(['/run/pcscd']);
    expect(service('StateDirectory')).toBeUndefined();
  });

  (has('systemd-analyze') ? it : it.skip)(
    'passes systemd-analyze verify and security (exposure ≤ 2.0)',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'unit-'));
      const copy = path.join(dir, 'madoguchi-bridge.service');
      cpSync(UNIT_FILE, copy);
      const verify = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
      expect(verify.status).toBe(0);
      expect(verify.stderr.split('\n').filter((l) => l.includes('madoguchi-bridge.service'))).toEqual([]);
      const security = spawnSync('systemd-analyze', ['security', '--offline=yes', copy], {
        encoding: 'utf8',
      });
      const exposure = /Overall exposure level for \S+: ([\d.]+)/.exec(security.stdout);
      if (!exposure) return; // systemd < 250 has no --offline
      expect(Number(exposure[1])).toBeLessThanOrEqual(2);
    },
  );
});

describe('the bundle under the unit’s confinement', () => {
  const token = 'test-token-0123456789-abcdef';
  const origin = 'http://127.0.0.1:8080';
  let bridge: ConfinedBridge;

  beforeAll(async () => {
    bridge = await startConfinedBridge((port, state) => ({
      port,
      allowedOrigins: [origin],
      token,
      backend: 'simulator',
      simulator: { pkiDir: path.join(state, 'pki') },
    }));
  }, 90_000);

  afterAll(() => bridge?.stop());

  it('serves getStatus to the allowed Origin with the token', async () => {
    console.log(`bridge confinement: ${bridge.mode}; bundle ${bridge.bundleBytes} bytes`);
    const ws = await upgrade(bridge.port, origin, token);
    if (typeof ws === 'number') throw new Error(`upgrade refused with ${ws}`);
    const reply = await call(ws, 'MyNumberCard.1.getStatus');
    ws.close();
    expect(reply.result).toEqual({
      readers: [{ name: expect.any(String), card: 'present' }],
      token: 'JPKIAPICCTOKEN2',
    });
  });

  it('refuses a foreign Origin and a wrong token with 403', async () => {
    expect(await upgrade(bridge.port, 'http://evil.example', token)).toBe(403);
    expect(await upgrade(bridge.port, origin, 'wrong-token-0123456789-abcdef')).toBe(403);
  });

  it('listens on loopback only', async () => {
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!lan) return; // no non-loopback interface in this sandbox
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect(bridge.port, lan.address, () => resolve(true)).once('error', () =>
        resolve(false),
      );
      socket.setTimeout(2000, () => resolve(false));
    });
    expect(reached).toBe(false);
  });

  it('ran as the unprivileged user when confined as root', () => {
    if (process.getuid?.() !== 0) return;
    expect(statSync(path.join(bridge.stateDir, 'pki')).uid).toBe(NOBODY_UID);
  });

  it('is reproducible: a second build has the same SHA256SUMS', async () => {
    await bundleBridge(path.join(bridge.root, 'again'));
    const sums = (dir: string) => readFileSync(path.join(bridge.root, dir, 'SHA256SUMS'), 'utf8');
    expect(sums('again')).toBe(sums('build'));
  });

  it('refuses to start on a non-loopback host, with exit code 2 and a bilingual reason', () => {
    const bad = path.join(bridge.root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ host: '0.0.0.0', allowedOrigins: [origin], backend: 'pcsc' }));
    const result = spawnSync(process.execPath, [path.join(bridge.bundleDir, BUNDLE_NAME), '--config', bad], {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ループバック 127.0.0.1 のみ');
    expect(result.stderr).toContain('host: loopback 127.0.0.1 only');
  });
});
