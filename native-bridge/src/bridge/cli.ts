/**
 * The production card bridge, PC/SC only:
 *
 *   node --import tsx native-bridge/src/bridge/cli.ts [--backend pcsc] --port 9930
 *     --allow-origin http://127.0.0.1:8080 [--allow-origin O]… [--token T] [--log-level LEVEL]
 *
 * It knows no simulator: the development entry point (`npm run bridge`) hands its own card backend
 * to startBridge(), so nothing of the development kit can be reached from here or from the bundle.
 * Logs are JSON lines on stdout; SIGINT/SIGTERM close it cleanly.
 */
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_PORT } from '../../../stb-spec/protocol/names';
import { PcscReaderMonitor } from '../transport/pcsc-readers';
import type { CardBackend } from './card-backend';
import { CardService } from './card-service';
import { serveReaders } from './served-readers';
import type { Extensions } from './dispatcher';
import { jsonLogger, type Logger, type LogLevel } from './logger';
import { BridgeServer } from './server';
import { parseStrictArgs, UsageError } from './command-line';
import { VERSION_LINE } from './version';
import { BridgeTelemetry, DEFAULT_TELEMETRY_INTERVAL_MS, markerLines } from './telemetry/bridge-telemetry';

export { UsageError };

export const COMMON_USAGE = `  --port N                  default ${DEFAULT_PORT}; 0 picks a free port (printed in the "listening" log)
  --allow-origin ORIGIN     an Origin allowed to connect, e.g. http://127.0.0.1:8080 (repeatable)
  --token T                 also require ?token=T on the WebSocket URL
  --log-level LEVEL         debug | info (default) | warn | error
  --version                 print the bridge's, the spec's and the protocol's versions and exit
  --reader NAME             serve only this reader, by stable name: its PC/SC name without the
                            plug-order field ("Virtual PCD 00 01" → "Virtual PCD 01"); repeatable.
                            A box names its My Number reader(s); without it every reader is served`;

export const USAGE = `usage: madoguchi bridge [--backend pcsc] --allow-origin ORIGIN [options]
  --backend pcsc            readers through pcscd (the only backend of the production bridge)
${COMMON_USAGE}`;

export const SIMULATOR_NOT_HERE =
  'この本番用ブリッジにシミュレーターはありません。開発用は npm run bridge -- --backend simulator / ' +
  'the production bridge has no simulator backend; the development bridge has it: ' +
  'npm run bridge -- --backend simulator';

export interface BridgeOptions {
  port: number;
  allowedOrigins: string[];
  token?: string;
  logLevel: LogLevel;
  /** The stable names of the only readers served (BR-SEC-50); undefined: every reader. */
  readers?: string[];
  /** How often the telemetry record goes to the log (default a quarter of an hour). */
  telemetryIntervalMs?: number;
  /** This start's number since the box booted, when the service knows it (for the restarts figure). */
  startsSinceBoot?: number;
}

/** The command-line options every entry point shares (the development one adds its own). */
export const COMMON_ARGS = {
  backend: { type: 'string' },
  port: { type: 'string', default: String(DEFAULT_PORT) },
  'allow-origin': { type: 'string', multiple: true, default: [] },
  token: { type: 'string' },
  'log-level': { type: 'string', default: 'info' },
  reader: { type: 'string', multiple: true, default: [] },
  help: { type: 'boolean', default: false },
  version: { type: 'boolean', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** `--version`: the command prints VERSION_LINE and exits 0, whatever else it was given. */
export class VersionRequest extends Error {}

/** parseArgs with bilingual errors; `--help` is a UsageError without a message. */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
) {
  const { values } = parseStrictArgs(argv, { options });
  if ((values as { version?: boolean }).version) throw new VersionRequest();
  if ((values as { help?: boolean }).help) throw new UsageError('');
  return values;
}

/** The checked options of the shared flags. */
export function bridgeOptionsFrom(values: {
  port: string;
  'allow-origin': string[];
  token?: string;
  'log-level': string;
  reader?: string[];
}): BridgeOptions {
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
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
    throw new UsageError('--token は空にできません / --token must not be empty');
  const readers = values.reader ?? [];
  for (const name of readers) {
    if (!isReaderName(name)) {
      throw new UsageError(
        `--reader は 1〜256 文字の読み取り機名 (制御文字なし) / --reader must be a reader name of 1–256 characters without control characters, got ${JSON.stringify(name)}`,
      );
    }
  }
  return {
    port,
    allowedOrigins: origins,
    token: values.token,
    logLevel,
    ...(readers.length > 0 ? { readers: [...new Set(readers)] } : {}),
  };
}

/** A reader's stable name as a box configures it: 1–256 characters, none of them a control character. */
export function isReaderName(name: string): boolean {
  const control = [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  return name.length >= 1 && name.length <= 256 && !control;
}

/** The production command line: PC/SC only; asking for the simulator is a usage error (exit 2). */
export function parseBridgeArgs(argv: string[]): BridgeOptions {
  const developmentOnly = argv.find((arg) =>
    /^--(scenario|no-card|pki|state-dir|auth-pin|sign-pin)(=|$)/.test(arg),
  );
  if (developmentOnly) throw new UsageError(`${developmentOnly}: ${SIMULATOR_NOT_HERE}`);
  const values = parseCommandLine(argv, COMMON_ARGS);
  if (values.backend === 'simulator') throw new UsageError(SIMULATOR_NOT_HERE);
  if (values.backend !== undefined && values.backend !== 'pcsc') {
    throw new UsageError(`--backend は pcsc のみ / --backend must be pcsc, got ${values.backend}`);
  }
  return bridgeOptionsFrom(values);
}

/** The cards the bridge serves, from whoever starts it. */
export interface CardSource {
  /** Logged at start, e.g. "pcsc". */
  name: string;
  backend: CardBackend;
  /** Methods beyond the protocol, by fully qualified name (none in production). */
  extensions?: Extensions;
}

export type OpenCards = (logger: Logger) => Promise<CardSource>;

/** The box's readers through pcscd: the production bridge's only card source. */
export const openPcsc: OpenCards = async (logger) => {
  const backend = await PcscReaderMonitor.start();
  backend.on('error', (error) => logger.log('warn', 'pcsc error', { reason: error.message }));
  return { name: 'pcsc', backend };
};

export interface RunningBridge {
  port: number;
  /** Its figures and its state now (the service's health file is written from it). */
  telemetry: BridgeTelemetry;
  close(): Promise<void>;
}

/**
 * `write`: the JSON log lines (stdout). `writeMarker`: the T2 marker lines, when wanted (the box
 * service and the production command line send them to stderr; a library use goes without).
 */
export async function startBridge(
  options: BridgeOptions,
  openCards: OpenCards,
  write = (line: string) => console.log(line),
  writeMarker?: (line: string) => void,
): Promise<RunningBridge> {
  const telemetry = new BridgeTelemetry({ startsSinceBoot: options.startsSinceBoot });
  const logger = telemetry.tap(jsonLogger(write, options.logLevel));
  const source = await openCards(logger);
  const { name, extensions } = source;
  const backend = serveReaders(source.backend, options.readers);
  const cards = new CardService(backend);
  telemetry.watch(cards);
  cards.on('detectionFailed', (reader, errorName, attempt) =>
    logger.log('warn', 'card not classified', { reader, errorName, reason: `attempt ${attempt}` }),
  );
  const server = new BridgeServer(cards, {
    port: options.port,
    allowedOrigins: options.allowedOrigins,
    token: options.token,
    logger,
    extensions,
  });
  let port: number;
  try {
    port = await server.listen();
  } catch (error) {
    await backend.close();
    throw error;
  }
  logger.log('info', 'started', { backend: name, readers: backend.readers().length, port });
  if (options.readers === undefined) {
    logger.log('info', 'serving every reader', { reason: 'no --reader named: a development setup' });
  }
  for (const reader of options.readers ?? []) logger.log('info', 'serving reader', { reader });
  // Whatever the log level: the figures are not debugging output, and they hold no personal data.
  const emit = () => {
    const { json, markers } = markerLines(telemetry.record());
    write(json);
    if (writeMarker) markers.forEach(writeMarker);
  };
  const timer = setInterval(emit, options.telemetryIntervalMs ?? DEFAULT_TELEMETRY_INTERVAL_MS);
  timer.unref();
  return {
    port,
    telemetry,
    async close() {
      clearInterval(timer);
      emit(); // the last period's figures, so a stop loses none
      await server.close();
      await backend.close();
    },
  };
}

/** T2 marker lines, beside the JSON lines of stdout in the journal. */
export const toStderr = (line: string): void => void process.stderr.write(`${line}\n`);

/** Runs a bridge from a command line until SIGINT/SIGTERM (shared with the development entry point). */
export async function runBridgeCommand<O extends BridgeOptions>(
  parse: () => { options: O; openCards: OpenCards },
  usage: string,
  /** How the parsed bridge starts (the development entry point may put something in front of it). */
  start: (options: O, openCards: OpenCards) => Promise<RunningBridge> = (options, openCards) =>
    startBridge(options, openCards, undefined, toStderr),
): Promise<void> {
  let parsed;
  try {
    parsed = parse();
  } catch (error) {
    if (error instanceof VersionRequest) {
      console.log(VERSION_LINE);
      process.exit(0);
    }
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(usage);
    process.exit(error.message ? 2 : 0);
  }
  const bridge = await start(parsed.options, parsed.openCards).catch((error: Error) => {
    console.error(`ブリッジを起動できません / the bridge could not start: ${error.message}`);
    process.exit(1);
  });
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  void runBridgeCommand(
    () => ({ options: parseBridgeArgs(process.argv.slice(2)), openCards: openPcsc }),
    USAGE,
  );
}
