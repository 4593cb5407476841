/**
 * The reference card bridge:
 *
 *   npm run bridge -- --backend pcsc|simulator --port 9930 --allow-origin http://127.0.0.1:8080
 *     [--allow-origin O]… [--token T] [--log-level debug|info|warn|error]
 *     simulator only: [--scenario NAME | --no-card] [--pki DIR] [--state-dir DIR]
 *                     [--auth-pin 1234] [--sign-pin ABC123]
 *
 * Logs are JSON lines on stdout; SIGINT/SIGTERM close it cleanly.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PORT } from '../../../stb-spec/protocol/methods';
import { PIN_FORMAT } from '../jpki/constants';
import { PcscReaderMonitor } from '../transport/pcsc-readers';
import type { CardBackend } from './card-backend';
import { CardService } from './card-service';
import { jsonLogger, type LogLevel } from './logger';
import { BridgeServer } from './server';
import { SimulatorBackend } from './simulator-backend';
import { simulatorMethods } from './simulator-methods';
import type { Extensions } from './dispatcher';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export const USAGE = `usage: npm run bridge -- --backend pcsc|simulator --allow-origin ORIGIN [options]
  --backend pcsc|simulator  pcsc: readers through pcscd; simulator: the in-process virtual card
  --port N                  default ${DEFAULT_PORT}; 0 picks a free port (printed in the "listening" log)
  --allow-origin ORIGIN     an Origin allowed to connect, e.g. http://127.0.0.1:8080 (repeatable)
  --token T                 also require ?token=T on the WebSocket URL
  --log-level LEVEL         debug | info (default) | warn | error
simulator backend:
  --scenario NAME           the card inserted at start (default normal); --no-card starts empty
  --pki DIR                 test PKI directory (default .tmp/test-pki)
  --state-dir DIR           keep the simulated cards' PIN counters in DIR
  --auth-pin PIN            the simulated card's auth PIN (default 1234)
  --sign-pin PASSWORD       the simulated card's signature password (default ABC123)`;

export class UsageError extends Error {}

export interface BridgeCliOptions {
  backend: 'pcsc' | 'simulator';
  port: number;
  allowedOrigins: string[];
  token?: string;
  logLevel: LogLevel;
  scenario?: string;
  pkiDir: string;
  stateDir?: string;
  pins: { auth: string; sign: string };
}

export function parseBridgeArgs(argv: string[]): BridgeCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        backend: { type: 'string' },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        token: { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
        scenario: { type: 'string' },
        'no-card': { type: 'boolean', default: false },
        pki: { type: 'string' },
        'state-dir': { type: 'string' },
        'auth-pin': { type: 'string', default: '1234' },
        'sign-pin': { type: 'string', default: 'ABC123' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`引数が正しくありません / invalid arguments: ${(error as Error).message}`);
  }
  if (values.help) throw new UsageError('');
  const backend = values.backend;
  if (backend !== 'pcsc' && backend !== 'simulator') {
    throw new UsageError('--backend は pcsc か simulator / --backend must be pcsc or simulator');
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port は 0–65535 / --port must be 0–65535, got ${values.port}`);
  }
  const origins = values['allow-origin'];
  if (origins.length === 0) {
    throw new UsageError(
      '--allow-origin が必要です / at least one --allow-origin is required (the app page origin)',
    );
  }
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new UsageError(`--allow-origin は http(s)://host[:port] / invalid origin: ${origin}`);
    }
  }
  const logLevel = values['log-level'] as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel))
    throw new UsageError('--log-level: debug|info|warn|error');
  if (values.token !== undefined && values.token.length === 0)
    throw new UsageError('--token must not be empty');
  if (!PIN_FORMAT.auth.test(values['auth-pin']) || !PIN_FORMAT.sign.test(values['sign-pin'])) {
    throw new UsageError('暗証番号の形式が違います / --auth-pin is 4 digits, --sign-pin 6–16 of A–Z 0–9');
  }
  return {
    backend,
    port,
    allowedOrigins: origins,
    token: values.token,
    logLevel,
    scenario: values['no-card'] ? undefined : (values.scenario ?? 'normal'),
    pkiDir: path.resolve(values.pki ?? path.join(REPO_ROOT, '.tmp', 'test-pki')),
    stateDir: values['state-dir'] ? path.resolve(values['state-dir']) : undefined,
    pins: { auth: values['auth-pin'], sign: values['sign-pin'] },
  };
}

export interface RunningBridge {
  port: number;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeCliOptions, write = (line: string) => console.log(line)) {
  const logger = jsonLogger(write, options.logLevel);
  let backend: CardBackend;
  let extensions: Extensions = {};
  if (options.backend === 'simulator') {
    const simulator = await SimulatorBackend.start({
      pkiDir: options.pkiDir,
      pins: options.pins,
      stateDir: options.stateDir,
      initialScenario: options.scenario,
    });
    extensions = simulatorMethods(simulator);
    backend = simulator;
  } else {
    backend = await PcscReaderMonitor.start();
    backend.on('error', (error) => logger.log('warn', 'pcsc error', { reason: error.message }));
  }
  const cards = new CardService(backend);
  const server = new BridgeServer(cards, {
    port: options.port,
    allowedOrigins: options.allowedOrigins,
    token: options.token,
    logger,
    extensions,
  });
  const port = await server.listen();
  logger.log('info', 'started', { backend: options.backend, readers: backend.readers().length, port });
  return {
    port,
    async close() {
      await server.close();
      await backend.close();
    },
  } satisfies RunningBridge;
}

async function main(): Promise<void> {
  let options: BridgeCliOptions;
  try {
    options = parseBridgeArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(USAGE);
    process.exit(error.message ? 2 : 0);
  }
  const bridge = await startBridge(options).catch((error: Error) => {
    console.error(`ブリッジを起動できません / the bridge could not start: ${error.message}`);
    process.exit(1);
  });
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
