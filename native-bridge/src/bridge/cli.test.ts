/** The production command line: PC/SC only, and a clear refusal (exit 2) when asked for the simulator. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROTOCOL_VERSION, SPEC_VERSION } from '../../../stb-spec/protocol/names';
import packageJson from '../../../package.json';
import { parseBridgeArgs, UsageError } from './cli';

const CLI = path.join(__dirname, 'cli.ts');
const ORIGIN = 'http://127.0.0.1:8080';

function usageErrorOf(argv: string[]): string {
  try {
    parseBridgeArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('production bridge command line', () => {
  it('takes the shared flags, with pcsc as its only backend', () => {
    expect(parseBridgeArgs(['--allow-origin', ORIGIN])).toEqual({
      port: 9930,
      allowedOrigins: [ORIGIN],
      token: undefined,
      logLevel: 'info',
    });
    expect(
      parseBridgeArgs(['--backend', 'pcsc', '--port', '0', '--allow-origin', ORIGIN, '--token', 'T']),
    ).toEqual({ port: 0, allowedOrigins: [ORIGIN], token: 'T', logLevel: 'info' });
    // A base64url token may begin with '-': the --token=T form takes it.
    expect(parseBridgeArgs(['--allow-origin', ORIGIN, '--token=-Ab_9']).token).toBe('-Ab_9');
  });

  it.each([
    [['--backend', 'simulator', '--allow-origin', ORIGIN]],
    [['--allow-origin', ORIGIN, '--scenario', 'last-try']],
    [['--allow-origin', ORIGIN, '--no-card']],
    [['--allow-origin', ORIGIN, '--pki=/tmp/pki']],
  ])('refuses %j, saying in Japanese and English where the simulator is', (argv) => {
    const message = usageErrorOf(argv);
    expect(message).toContain('この本番用ブリッジにシミュレーターはありません');
    expect(message).toContain('the production bridge has no simulator backend');
    expect(message).toContain('npm run bridge -- --backend simulator');
  });

  it.each<[string[], string]>([
    [['--backend', 'usb', '--allow-origin', ORIGIN], '--backend must be pcsc, got usb'],
    [[], 'at least one --allow-origin is required'],
    [['--allow-origin', 'http://a.example/app'], 'invalid origin: http://a.example/app'],
    [['--allow-origin', ORIGIN, '--port', '70000'], '--port must be 0–65535'],
    [['--allow-origin', ORIGIN, '--token', ''], '--token must not be empty'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(usageErrorOf(argv)).toContain(message);
  });

  it('--version prints the bridge, spec and protocol versions and exits 0, starting nothing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--version'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(
      `madoguchi-bridge ${packageJson.version} (spec ${SPEC_VERSION}, protocol ${PROTOCOL_VERSION})`,
    );
    expect(result.stdout).not.toContain('"started"');
  });

  it('exits with 2 and the bilingual reason when started with --backend simulator', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', CLI, '--backend', 'simulator', '--allow-origin', ORIGIN],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('この本番用ブリッジにシミュレーターはありません');
    expect(result.stderr).toContain('the production bridge has no simulator backend');
    expect(result.stdout).not.toContain('"started"');
  });
});
