/**
 * The bridge as a box service, without systemd (not running in CI): the unit file's hardening is
 * checked setting by setting and by `systemd-analyze` (no systemd needs to run), and the production bundle
 * is built and checked for what it must not carry. Running the bundle confined like the unit (it
 * needs pcscd) is box-service.pcsc.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBridge, BUILD_INFO, BUNDLE_NAME } from './bundle';
import { parseUnitFile, unitValue, unitValues } from './systemd-unit';
import packageJson from '../../package.json';

const UNIT_FILE = path.resolve(__dirname, '..', '..', 'deploy', 'systemd', 'madoguchi-bridge.service');
const unit = parseUnitFile(readFileSync(UNIT_FILE, 'utf8'));
const service = (key: string) => unitValue(unit, 'Service', key);
const origin = 'http://127.0.0.1:8080';
/** systemd-analyze's major version (NaN when it is missing or says something else). */
function systemdVersion(): number {
  const version = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  return Number(/systemd (\d+)/.exec(version.stdout ?? '')?.[1]);
}

function unitCopy(): string {
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'unit-')), 'madoguchi-bridge.service');
  cpSync(UNIT_FILE, copy);
  return copy;
}

/** The [Service] settings the hardening rests on, as they must read in the unit. */
const HARDENING = `
User=madoguchi-bridge
DynamicUser=yes
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ReadOnlyPaths=/
RuntimeDirectory=madoguchi-bridge
RuntimeDirectoryMode=0750
RuntimeDirectoryPreserve=restart
IPAddressAllow=localhost
IPAddressDeny=any
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
RestrictSUIDSGID=yes
RestrictNamespaces=yes
LockPersonality=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
SystemCallArchitectures=native
LimitCORE=0
Restart=on-failure
RestartPreventExitStatus=2
UMask=0077
`;

describe('systemd unit hardening (deploy/systemd/madoguchi-bridge.service)', () => {
  it.each(
    HARDENING.trim()
      .split('\n')
      .map((line) => line.split(/=(.*)/s, 2)),
  )('%s=%s', (key, value) => expect(service(key!)).toBe(value));

  it('filters system calls to @system-service minus privileged ones', () => {
    const filters = unitValues(unit, 'Service', 'SystemCallFilter');
    expect(filters[0]).toBe('@system-service');
    expect(filters.slice(1).join(' ')).toMatch(/^~.*@privileged/);
  });

  it('gives a bridge that cannot start a bounded burst of restarts, then a failed state', () => {
    expect(unitValue(unit, 'Unit', 'StartLimitBurst')).toBe('5');
    expect(unitValue(unit, 'Unit', 'StartLimitIntervalSec')).toBe('300');
    // Five tries with RestartSec between them fit in the interval, so the burst does end the tries.
    expect(5 * Number.parseInt(service('RestartSec')!, 10)).toBeLessThan(300);
    expect(unitValue(unit, 'Unit', 'After')).toContain('pcscd');
  });

  it('bounds memory and tasks, and declares its CPU and OOM priorities', () => {
    expect(service('MemoryMax')).toMatch(/^\d+[MG]$/);
    expect(parseInt(service('MemoryHigh')!, 10)).toBeLessThan(parseInt(service('MemoryMax')!, 10));
    expect(Number(service('TasksMax'))).toBeGreaterThan(0);
    expect(Number(service('CPUWeight'))).toBeLessThan(100);
    expect(Number(service('OOMScoreAdjust'))).toBeLessThan(0);
  });

  it('runs the bundle with its config file, and writes nowhere but the pcscd socket, its runtime and its state directory', () => {
    expect(service('ExecStart')).toMatch(
      /^\/usr\/bin\/node --lite-mode \S+\/madoguchi-bridge\.cjs --config \/etc\/madoguchi\/bridge\.json$/,
    );
    expect(unitValues(unit, 'Service', 'ReadWritePaths')).toEqual(['/run/pcscd /run/madoguchi-bridge']);
    // The token lives on /run only (a reboot makes a new one); the state directory holds only the
    // last good configuration, readable by the bridge alone.
    expect(service('StateDirectory')).toBe('madoguchi-bridge');
    expect(service('StateDirectoryMode')).toBe('0700');
    expect(service('RuntimeDirectoryPreserve')).toBe('restart');
  });

  // scripts/ensure-system.sh installs systemd, so a missing systemd-analyze fails these two.
  it('passes systemd-analyze verify', () => {
    const verify = spawnSync('systemd-analyze', ['verify', unitCopy()], { encoding: 'utf8' });
    expect(verify.error).toBeUndefined();
    expect(verify.status).toBe(0);
    expect(verify.stderr.split('\n').filter((l) => l.includes('madoguchi-bridge.service'))).toEqual([]);
  });

  it('has a systemd-analyze security exposure ≤ 2.0', () => {
    // --offline needs systemd 250 or later (Debian 12 has 252).
    expect(systemdVersion()).toBeGreaterThanOrEqual(250);
    const security = spawnSync('systemd-analyze', ['security', '--offline=yes', unitCopy()], {
      encoding: 'utf8',
    });
    const exposure = /Overall exposure level for \S+: ([\d.]+)/.exec(security.stdout);
    expect(exposure).not.toBeNull();
    expect(Number(exposure![1])).toBeLessThanOrEqual(2);
  });
});

describe('the production bundle', () => {
  let root: string;
  let bundleDir: string;
  let sources: string[];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'bridge-bundle-'));
    bundleDir = path.join(root, 'build');
    ({ sources } = await bundleBridge(bundleDir));
  }, 90_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is built from the bridge, the protocol contract, npm packages and the project version only', () => {
    expect(sources).toContain('native-bridge/service/main.ts');
    expect(sources).toContain('stb-spec/protocol/jpki-card.ts');
    const ours = /^(native-bridge\/(service|src)\/|stb-spec\/protocol\/|node_modules\/|package\.json$)/;
    expect(sources.filter((source) => !ours.test(source))).toEqual([]);
    // Validators come precompiled: no schema objects, TypeBox or ajv compiler to hold in the box's memory.
    expect(sources.filter((source) => /typebox|node_modules\/ajv\/(?!dist\/runtime\/)/.test(source))).toEqual(
      [],
    );
    expect(sources).not.toContain('stb-spec/protocol/methods.ts');
    // Of package.json only the version: no script, dependency or other field rides along.
    const bundle = readFileSync(path.join(bundleDir, BUNDLE_NAME), 'utf8');
    expect(bundle).not.toContain('"devDependencies"');
    expect(bundle).not.toContain(packageJson.scripts.test);
  });

  it('carries no simulator: no simulator backend, virtual card, test PKI or development kit', () => {
    // readFileSync throws when the bundle is missing, so a failed build cannot pass this.
    const text = readFileSync(path.join(bundleDir, BUNDLE_NAME), 'utf8');
    expect(text.length).toBeGreaterThan(10_000);
    for (const name of [
      'MyNumberCardSimulator',
      'SimulatorBackend',
      'insertCard',
      'virtual-card',
      'DEMO_HOLDERS',
      'test-pki',
      'mocks/',
    ]) {
      expect({ name, found: text.includes(name) }).toEqual({ name, found: false });
    }
  });

  it('says in BUILD-INFO which bridge it is and which Node.js its PC/SC addon needs', () => {
    const info = JSON.parse(readFileSync(path.join(bundleDir, BUILD_INFO), 'utf8'));
    expect(info).toMatchObject({
      bridge: packageJson.version,
      node: process.version,
      nodeAbi: process.versions.modules,
    });
    expect(readFileSync(path.join(bundleDir, 'SHA256SUMS'), 'utf8')).toContain(`  ${BUILD_INFO}\n`);
  });

  it('is reproducible: a second build has the same SHA256SUMS', async () => {
    await bundleBridge(path.join(root, 'again'));
    const sums = (dir: string) => readFileSync(path.join(root, dir, 'SHA256SUMS'), 'utf8');
    expect(sums('again')).toBe(sums('build'));
  });

  it('refuses to start on a non-loopback host, with exit code 2 and a bilingual reason', () => {
    const bad = path.join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ host: '0.0.0.0', allowedOrigins: [origin], backend: 'pcsc' }));
    const result = spawnSync(process.execPath, [path.join(bundleDir, BUNDLE_NAME), '--config', bad], {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ループバック 127.0.0.1 のみ');
    expect(result.stderr).toContain('host: loopback 127.0.0.1 only');
  });

  it('refuses the simulator backend with exit code 2, saying where the simulator is', () => {
    const bad = path.join(root, 'simulator.json');
    writeFileSync(bad, JSON.stringify({ allowedOrigins: [origin], backend: 'simulator' }));
    const result = spawnSync(process.execPath, [path.join(bundleDir, BUNDLE_NAME), '--config', bad], {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('本番用ブリッジは pcsc のみ');
  });

  it('answers the monitor with --health: one line and exit 0 OK, 2 CRITICAL, no configuration needed', () => {
    const health = (statusFile: string) =>
      spawnSync(
        process.execPath,
        [path.join(bundleDir, BUNDLE_NAME), '--health', '--status-file', statusFile],
        { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } },
      );
    const missing = health(path.join(root, 'no-such-status.json'));
    expect(missing.status).toBe(2);
    expect(missing.stdout).toMatch(/^madoguchi-bridge CRITICAL - no status file/);
    const fresh = path.join(root, 'status.json');
    const status = { schema: 1, bridge: packageJson.version, state: 'serving', readerService: 'running' };
    const counts = { readers: 1, cards: { present: 1 }, startsSinceBoot: 2, updatedAt: Date.now() };
    writeFileSync(fresh, JSON.stringify({ ...status, ...counts }));
    const ok = health(fresh);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(ok.stdout).toContain('OK - serving; bridge');
    // The runbook that explains the line travels with the bundle, listed in SHA256SUMS.
    expect(readFileSync(path.join(bundleDir, 'SHA256SUMS'), 'utf8')).toContain('  README-operations.md\n');
  });
});
