/**
 * An operator file for a real fleet refuses what only the demo may use, each with its field and the
 * way forward; the same settings pass in development. And the box's bridge.json made from the
 * operator file is one the bridge accepts and that serves the app, while one written by other hands
 * is checked field by field against it (`npm run operator:check -- --bridge-config`).
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { OperatorConfigError, validateOperator, type OperatorConfig } from './load-operator';
import { bridgeConfigFromOperator, bridgeConfigMismatches } from './bridge-config-from-operator';
import operatorSchema from './operator.schema.json';
import bridgeSchema from '../native-bridge/service/bridge-config.schema.json';
import { validateBridgeConfig } from '../native-bridge/service/config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests break the JSON on purpose
type RawConfig = Record<string, any>;

const OPERATORS = path.join(__dirname, 'operators');
const production = (): RawConfig =>
  JSON.parse(readFileSync(path.join(OPERATORS, 'madoguchi-cable-tokyo.json'), 'utf8')) as RawConfig;

function problemsOf(config: RawConfig): string[] {
  try {
    validateOperator(config, path.join(OPERATORS, 'fleet.json'));
    return [];
  } catch (error) {
    if (error instanceof OperatorConfigError) return error.problems;
    throw error;
  }
}

describe('production and staging', () => {
  it.each([
    [
      'the simulator on the loopback',
      (c: RawConfig) => (c.platform.baseUrl = 'http://127.0.0.1:8787'),
      /platform\.baseUrl must be the operator's https address/,
    ],
    [
      'an https loopback platform',
      (c: RawConfig) => (c.platform.baseUrl = 'https://localhost/v1'),
      /platform\.baseUrl must be/,
    ],
    [
      'an http app address',
      (c: RawConfig) => (c.app.url = 'http://127.0.0.1:8080/x/'),
      /app\.url must be the operator's https address/,
    ],
    ['no app address', (c: RawConfig) => delete c.app, /app\.url missing/],
    [
      'a fixed bridge token',
      (c: RawConfig) => (c.bridge.token = 'demo-token-not-secret-0123456789'),
      /bridge\.token is a demo setting/,
    ],
    ['a bridge serving every reader', (c: RawConfig) => delete c.bridge.readers, /bridge\.readers missing/],
  ])('refuses %s, and development takes it', (_, spoil, message) => {
    for (const environment of ['production', 'staging']) {
      const config = { ...production(), environment };
      spoil(config);
      expect(problemsOf(config)).toEqual([
        expect.stringMatching(new RegExp(`${environment}: ${message.source}`)),
      ]);
      expect(problemsOf({ ...config, environment: 'development' })).toEqual([]);
    }
  });

  it('needs the environment named', () => {
    const config = production();
    delete config.environment;
    expect(problemsOf(config).join('\n')).toMatch(/environment/);
  });

  it('takes its readers’ form from the bridge’s own schema', () =>
    expect(operatorSchema.properties.bridge.properties.readers.items).toEqual(
      bridgeSchema.properties.readers.items,
    ));
});

describe('the boxes’ bridge.json from the operator file', () => {
  const operator = validateOperator(production(), path.join(OPERATORS, 'madoguchi-cable-tokyo.json'));

  it('is one the bridge accepts and that serves the operator’s app', () => {
    const config = bridgeConfigFromOperator(operator)!;
    expect(validateBridgeConfig(config, 'bridge.json')).toEqual(config);
    expect(config).toEqual({
      port: 9930,
      allowedOrigins: ['https://app.madoguchi-cable-tokyo.example'],
      appUrl: 'https://app.madoguchi-cable-tokyo.example/madoguchi-cable-tokyo/',
      backend: 'pcsc',
      readers: ['ACS ACR39U ICC Reader 00'],
      logLevel: 'info',
    });
    expect(bridgeConfigMismatches(operator, config)).toEqual([]);
  });

  it('finds each field that would keep the app from the bridge', () => {
    const good = bridgeConfigFromOperator(operator)!;
    const mismatches = (change: object) => bridgeConfigMismatches(operator, { ...good, ...change });
    expect(mismatches({ port: 9931 })).toEqual([expect.stringContaining('port 9931 differs')]);
    expect(mismatches({ allowedOrigins: ['https://other.example'] })).toEqual([
      expect.stringContaining('allowedOrigins lacks'),
    ]);
    expect(mismatches({ appUrl: 'https://app.madoguchi-cable-tokyo.example/other/' })).toEqual([
      expect.stringContaining('appUrl'),
    ]);
    expect(mismatches({ readers: ['Other Reader 00'] })).toEqual([expect.stringContaining('readers')]);
    expect(mismatches({ token: 'a-fixed-token-of-22-characters' })).toEqual([
      expect.stringContaining('no fixed token'),
    ]);
  });

  it('is not made without an app address (development)', () => {
    const { app: _app, ...withoutApp } = operator;
    expect(
      bridgeConfigFromOperator({ ...withoutApp, environment: 'development' } as OperatorConfig),
    ).toBeUndefined();
  });

  it('is checked on the command line against a deployed file', async () => {
    const run = promisify(execFile);
    const tsx = path.join(__dirname, '..', 'node_modules', '.bin', 'tsx');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-box-config-'));
    const file = path.join(dir, 'bridge.json');
    const check = () =>
      run(tsx, [
        path.join(__dirname, 'check-operator.ts'),
        path.join(OPERATORS, 'madoguchi-cable-tokyo.json'),
        '--bridge-config',
        file,
      ]).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          out: error.stdout + error.stderr,
        }),
      );
    writeFileSync(file, JSON.stringify(bridgeConfigFromOperator(operator)));
    expect(await check()).toMatchObject({ code: 0, out: expect.stringContaining('(production)') });
    writeFileSync(file, JSON.stringify({ ...bridgeConfigFromOperator(operator), port: 9931 }));
    expect(await check()).toMatchObject({ code: 2, out: expect.stringContaining('port 9931 differs') });
  });
});
