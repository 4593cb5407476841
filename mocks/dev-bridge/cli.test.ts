/**
 * The development bridge (`npm run bridge`): today's flags, and the simulator handed to the
 * production bridge's startBridge() with its MyNumberCardSimulator.1 card controls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPcsc, startBridge, UsageError } from '../../native-bridge/src/bridge/cli';
import { cardsFor, openSimulator, parseDevBridgeArgs } from './cli';
import { SIMULATOR_CALLSIGN } from './simulator-methods';
import { SIMULATED_READER } from './simulator-backend';
import { FOREIGN_READER } from '../virtual-card/foreign-reader';
import { ORIGIN, RawClient } from './test-bridge';

const REPO = path.resolve(__dirname, '..', '..');

describe('development bridge command line', () => {
  it('reads the simulator flags, with the demo defaults', () => {
    const options = parseDevBridgeArgs(['--backend', 'simulator', '--allow-origin', ORIGIN]);
    expect(options).toEqual({
      backend: 'simulator',
      spec: '2.0',
      port: 9930,
      allowedOrigins: [ORIGIN],
      token: undefined,
      logLevel: 'info',
      simulator: {
        scenario: 'normal',
        pkiDir: path.join(REPO, '.tmp', 'test-pki'),
        stateDir: undefined,
        pins: { auth: '1234', sign: 'ABC123' },
      },
    });
    const custom = parseDevBridgeArgs([
      ...['--backend', 'simulator', '--allow-origin', ORIGIN, '--no-card', '--pki', '/tmp/p'],
      ...['--state-dir', '/tmp/s', '--auth-pin', '9876', '--sign-pin', 'XYZ789', '--token', 'T'],
    ]);
    expect(custom.simulator).toEqual({
      scenario: undefined,
      pkiDir: '/tmp/p',
      stateDir: '/tmp/s',
      pins: { auth: '9876', sign: 'XYZ789' },
    });
    expect(custom.token).toBe('T');
  });

  it('takes the token from MADOGUCHI_BRIDGE_TOKEN too (off the command line); --token wins', () => {
    const argv = ['--backend', 'simulator', '--allow-origin', ORIGIN];
    const env = { MADOGUCHI_BRIDGE_TOKEN: 'from-env' };
    expect(parseDevBridgeArgs(argv, env).token).toBe('from-env');
    expect(parseDevBridgeArgs([...argv, '--token', 'T'], env).token).toBe('T');
    expect(parseDevBridgeArgs(argv, { MADOGUCHI_BRIDGE_TOKEN: '' }).token).toBeUndefined();
  });

  it.each<[string[], string]>([
    [['--allow-origin', ORIGIN], '--backend must be pcsc or simulator'],
    [['--backend', 'simulator'], 'at least one --allow-origin is required'],
    [['--backend', 'simulator', '--allow-origin', ORIGIN, '--auth-pin', '12'], '--auth-pin is 4 digits'],
    [['--backend', 'simulator', '--allow-origin', ORIGIN, '--bogus'], "Unknown option '--bogus'"],
    [['--backend', 'pcsc', '--allow-origin', ORIGIN, '--spec', '1.0'], '--spec must be 2.0 or 1.x'],
    [['--backend', 'simulator', '--allow-origin', ORIGIN, '--reader', ''], '--reader must be a reader name'],
    [
      ['--backend', 'pcsc', '--allow-origin', ORIGIN, '--reader', 'ACS\nACR39U 00'],
      'without control characters',
    ],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseDevBridgeArgs(argv)).toThrow(UsageError);
    expect(() => parseDevBridgeArgs(argv)).toThrow(message);
  });

  it('hands the production bridge PC/SC for --backend pcsc', () => {
    expect(cardsFor(parseDevBridgeArgs(['--backend', 'pcsc', '--allow-origin', ORIGIN]))).toBe(openPcsc);
  });
});

describe('the simulator handed to startBridge', () => {
  const pkiDir = mkdtempSync(path.join(tmpdir(), 'dev-bridge-pki-'));
  afterAll(() => rmSync(pkiDir, { recursive: true, force: true }));

  it('serves the protocol and the card controls, and logs its backend', async () => {
    const logs: string[] = [];
    const bridge = await startBridge(
      { port: 0, allowedOrigins: [ORIGIN], logLevel: 'info' },
      openSimulator({ scenario: 'last-try', pkiDir, pins: { auth: '1234', sign: 'ABC123' } }),
      (line) => logs.push(line),
    );
    const client = await RawClient.connect(`ws://127.0.0.1:${bridge.port}/jsonrpc`);
    try {
      const scenario = await client.call(`${SIMULATOR_CALLSIGN}.getScenario`);
      expect(scenario.result).toMatchObject({ scenario: 'last-try' });
      expect((await client.call(`${SIMULATOR_CALLSIGN}.removeCard`)).result).toBe(0);
      const status = await client.call('getStatus');
      expect(status.result).toEqual({
        readerService: 'running',
        readers: [{ name: expect.any(String), card: 'absent' }],
      });
    } finally {
      client.close();
      await bridge.close();
    }
    const started = logs.map((line) => JSON.parse(line)).find((entry) => entry.event === 'started');
    expect(started).toMatchObject({ backend: 'simulator', readers: 1, port: bridge.port });
  });

  it('--reader names the readers served; --foreign-card adds a slot that is then never listed', async () => {
    const options = parseDevBridgeArgs([
      ...['--backend', 'simulator', '--allow-origin', ORIGIN, '--port', '0', '--pki', pkiDir],
      ...['--foreign-card', '--reader', SIMULATED_READER, '--reader', SIMULATED_READER],
    ]);
    expect(options.readers).toEqual([SIMULATED_READER]);
    expect(options.simulator.foreignCard).toBe(true);
    const logs: string[] = [];
    const bridge = await startBridge(options, cardsFor(options), (line) => logs.push(line));
    const client = await RawClient.connect(`ws://127.0.0.1:${bridge.port}/jsonrpc`);
    try {
      const status = (await client.call('getStatus')).result as { readers: { name: string }[] };
      expect(status.readers.map((r) => r.name)).toEqual([SIMULATED_READER]);
      const named = await client.call('getPinStatus', { pin: 'auth', reader: FOREIGN_READER });
      expect(named).toMatchObject({ error: { code: -32001 } });
      const info = (await client.call('getInfo')).result as { capabilities: string[] };
      expect(info.capabilities).toContain('readerAllowList');
    } finally {
      client.close();
      await bridge.close();
    }
    const serving = logs.map((line) => JSON.parse(line)).filter((e) => e.event === 'serving reader');
    expect(serving.map((e) => e.reader)).toEqual([SIMULATED_READER]);
  });

  it('without --reader serves the foreign slot too (a development setup)', async () => {
    const options = parseDevBridgeArgs([
      ...['--backend', 'simulator', '--allow-origin', ORIGIN, '--port', '0', '--pki', pkiDir],
      '--foreign-card',
    ]);
    expect(options).not.toHaveProperty('readers');
    const bridge = await startBridge(options, cardsFor(options), () => undefined);
    const client = await RawClient.connect(`ws://127.0.0.1:${bridge.port}/jsonrpc`);
    try {
      const status = (await client.call('getStatus')).result as { readers: { name: string }[] };
      expect(status.readers.map((r) => r.name)).toEqual([SIMULATED_READER, FOREIGN_READER]);
    } finally {
      client.close();
      await bridge.close();
    }
  });
});
