import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BridgeConfigError,
  parseServiceArgs,
  readBridgeConfig,
  toBridgeOptions,
  validateBridgeConfig,
} from './config';
import { BRIDGE_TOKEN_PATTERN, SPEC_VERSION } from '../../stb-spec/protocol/names';
import { IMPLEMENTATION } from '../src/bridge/version';
import schema from './bridge-config.schema.json';
import { runService } from './run-service';
import { parseUnitFile, unitValue, unitValues } from './systemd-unit';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'deploy', 'bridge.example.json');
const valid = () => ({ allowedOrigins: ['https://app.example.jp'], backend: 'pcsc' });

function problemsOf(value: unknown): string {
  try {
    validateBridgeConfig(value, 'bridge.json');
  } catch (error) {
    if (error instanceof BridgeConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('bridge service configuration', () => {
  it("checks a configured token against the spec's pattern, so a box cannot start with another form", () => {
    expect(schema.properties.token.pattern).toBe(BRIDGE_TOKEN_PATTERN);
    expect(() => validateBridgeConfig({ ...valid(), token: 'A'.repeat(22) }, 'bridge.json')).not.toThrow();
  });

  it('accepts the example and fills in the defaults', () => {
    const options = toBridgeOptions(readBridgeConfig(EXAMPLE));
    expect(options).toEqual({
      port: 9930,
      logLevel: 'info',
      token: undefined,
      allowedOrigins: ['https://app.madoguchi-cable-tokyo.example'],
      readers: ['ACS ACR39U ICC Reader 00'],
    });
    expect(options.allowedOrigins).toEqual(['https://app.madoguchi-cable-tokyo.example']);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a wildcard host', { host: '0.0.0.0' }, 'host: loopback 127.0.0.1 only'],
    ['a LAN host', { host: '192.168.1.10' }, 'host の形式が正しくありません'],
    ['no origins', { allowedOrigins: [] }, 'allowedOrigins: needs at least 1 item(s)'],
    [
      'a wildcard origin',
      { allowedOrigins: ['*'] },
      'allowedOrigins.0: must be an origin http(s)://host[:port]',
    ],
    ['the null origin', { allowedOrigins: ['null'] }, 'allowedOrigins.0: must be an origin'],
    [
      'an origin with a path',
      { allowedOrigins: ['https://a.example/app'] },
      'allowedOrigins.0: must be an origin',
    ],
    ['a short token', { token: 'abc' }, 'token: 22–128 characters: letters, digits, _ and - only'],
    ['a token longer than 128', { token: 'A'.repeat(129) }, 'token: 22–128 characters'],
    // '.' and '~' would be percent-encoded in some launch URLs: the spec allows base64url only.
    ['a token with a dot', { token: `${'A'.repeat(22)}.x` }, 'token: 22–128 characters'],
    ['an unknown backend', { backend: 'usb' }, 'backend: the production bridge knows pcsc only'],
    [
      'the simulator backend',
      { backend: 'simulator' },
      'backend の形式が正しくありません（本番用ブリッジは pcsc のみ。シミュレーターは開発用の npm run bridge にあります）',
    ],
    ['a privileged port', { port: 443 }, 'port: must be >= 1024'],
    ['a log level', { logLevel: 'trace' }, 'logLevel: must be one of'],
    ['an empty reader list', { readers: [] }, 'readers: needs at least 1 item(s)'],
    ['a reader named twice', { readers: ['R 00', 'R 00'] }, 'readers: duplicate items'],
    ['an empty reader name', { readers: [''] }, 'readers.0 は 1 文字以上必要です'],
    [
      'a reader name with a line break',
      { readers: ['ACS ACR39U\nICC Reader 00'] },
      'readers.0: a stable reader name: the PC/SC name without the plug-order field',
    ],
    [
      'simulator settings',
      { simulator: { pkiDir: '/var/lib/x/pki' } },
      'simulator は使えない項目です / simulator: unknown field',
    ],
    ['an unknown field', { origin: 'x' }, 'origin は使えない項目です / origin: unknown field'],
  ])('rejects %s with a clear message', (_name, change, message) => {
    expect(problemsOf({ ...valid(), ...change })).toContain(message);
  });

  it('passes the reader names on as they are, and leaves them out when not configured', () => {
    const names = ['ACS ACR39U ICC Reader 00', 'acs acr39u icc reader 01'];
    expect(toBridgeOptions(validateBridgeConfig({ ...valid(), readers: names }, 'f')).readers).toEqual(names);
    expect(toBridgeOptions(validateBridgeConfig(valid(), 'f'))).not.toHaveProperty('readers');
  });

  it('explains a missing or broken file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bridge-config-'));
    expect(() => readBridgeConfig(path.join(dir, 'none.json'))).toThrow(
      'ブリッジの設定が正しくありません / invalid bridge configuration',
    );
    expect(() => readBridgeConfig(path.join(dir, 'none.json'))).toThrow('(ENOENT)');
    writeFileSync(path.join(dir, 'broken.json'), '{');
    expect(() => readBridgeConfig(path.join(dir, 'broken.json'))).toThrow(
      'JSON として読めません / not valid JSON',
    );
  });

  /** What the service prints for `args`, which must end it with exit code 0 without starting. */
  async function printedBy(args: string[]): Promise<string[]> {
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    try {
      expect(await runService(args)).toBe(0);
    } finally {
      spy.mockRestore();
    }
    return printed;
  }

  it('--help names every field the schema allows', async () => {
    const printed = await printedBy(['--help']);
    const fields = Object.keys(schema.properties).filter((name) => !name.startsWith('$'));
    expect(fields).toEqual(expect.arrayContaining(['readers', 'allowedOrigins', 'tokenFile']));
    for (const field of fields)
      expect([field, printed.join('\n')]).toEqual([field, expect.stringContaining(field)]);
  });

  it('--version prints the version line getInfo and the logs agree with', async () => {
    expect(await printedBy(['--version'])).toEqual([
      `madoguchi-bridge ${IMPLEMENTATION.version} (spec ${SPEC_VERSION}, protocol 1)`,
    ]);
  });

  it('reads --config FILE and --config=FILE, defaulting to /etc/madoguchi/bridge.json', () => {
    const lastGoodFile = '/var/lib/madoguchi-bridge/bridge.last-good.json';
    expect(parseServiceArgs([])).toEqual({ configFile: '/etc/madoguchi/bridge.json', lastGoodFile });
    expect(parseServiceArgs(['--config', '/x.json'])).toEqual({ configFile: '/x.json', lastGoodFile });
    expect(parseServiceArgs(['--config=/y.json', '--last-good', '/z.json'])).toEqual({
      configFile: '/y.json',
      lastGoodFile: '/z.json',
    });
    expect(() => parseServiceArgs(['--port', '1'])).toThrow('invalid argument: --port');
  });

  it('takes --health with an optional absolute --status-file, and --status-file only with it', async () => {
    expect(parseServiceArgs(['--health'])).toEqual({ health: true });
    expect(parseServiceArgs(['--health', '--status-file', '/run/x/status.json'])).toEqual({
      health: true,
      statusFile: '/run/x/status.json',
    });
    expect(() => parseServiceArgs(['--health', '--status-file', 'status.json'])).toThrow('invalid argument');
    expect(() => parseServiceArgs(['--status-file', '/run/x/status.json'])).toThrow(
      '--status-file goes with --health',
    );
    // Wrong arguments to the monitor's check: UNKNOWN (3), not a verdict on the bridge.
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(runService(['--health', '--status-file', 'relative.json'])).resolves.toBe(3);
    error.mockRestore();
  });

  it('gives the telemetry period in ms, and refuses one shorter than a minute', () => {
    const config = validateBridgeConfig({ ...valid(), telemetryIntervalS: 300 }, 'f');
    expect(toBridgeOptions(config).telemetryIntervalMs).toBe(300_000);
    expect(() => validateBridgeConfig({ ...valid(), telemetryIntervalS: 5 }, 'f')).toThrow(
      'telemetryIntervalS: must be >= 60',
    );
  });

  it.each([
    ['on a bad configuration, printing why', { host: '0.0.0.0' }, ['host: loopback 127.0.0.1 only']],
    [
      'when asked for the simulator, saying where it is',
      { backend: 'simulator' },
      ['本番用ブリッジは pcsc のみ', 'the simulator is in the development bridge (npm run bridge)'],
    ],
  ])('exits with 2 (no restart) %s', async (_, change, said) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bridge-config-'));
    const file = path.join(dir, 'bridge.json');
    writeFileSync(file, JSON.stringify({ ...valid(), ...change }));
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    try {
      expect(await runService(['--config', file])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    for (const text of said) expect(errors.join('\n')).toContain(text);
  });
});

describe('systemd unit reader', () => {
  it('keeps sections, repeated keys in order, and empty values', () => {
    const unit = parseUnitFile('# c\n[Service]\nA=1\nA=2\nB=\n; c\n[Install]\nWantedBy=x\n');
    expect(unitValues(unit, 'Service', 'A')).toEqual(['1', '2']);
    expect(unitValue(unit, 'Service', 'B')).toBe('');
    expect(unitValue(unit, 'Install', 'WantedBy')).toBe('x');
    expect(unitValue(unit, 'Service', 'C')).toBeUndefined();
    expect(() => parseUnitFile('A=1')).toThrow('line 1');
  });
});
