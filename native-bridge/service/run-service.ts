/**
 * The card bridge as a box service; main.ts is its entry (bundled to dist/bridge/madoguchi-bridge.cjs):
 *
 *   node madoguchi-bridge.cjs --config /etc/madoguchi/bridge.json
 *
 * Reads and validates the configuration file, then runs the reference bridge (startBridge). Logs are
 * JSON lines on stdout (journald); configuration errors go to stderr in Japanese and English.
 * Exit codes: 0 stopped by SIGTERM/SIGINT, 1 could not start, 2 bad configuration or arguments
 * (the systemd unit does not restart on 2: a wrong file does not fix itself).
 */
import { openPcsc, startBridge, toStderr } from '../src/bridge/cli';
import { jsonLogger } from '../src/bridge/logger';
import { VERSION_LINE } from '../src/bridge/version';
import { systemdManager } from './systemd-notify';
import { HEALTH, healthCheck } from './health/health-check';
import { DEFAULT_STATUS_FILE, keepStatusFile, startsSinceBoot } from './health/status-file';
import { BridgeConfigError, parseServiceArgs, toBridgeOptions, type BridgeServiceConfig } from './config';
import { configOrLastGood, keepLastGood, type ChosenConfig } from './last-good-config';
import {
  DEFAULT_LAUNCH_URL_FILE,
  DEFAULT_TOKEN_FILE,
  RuntimeTokenError,
  runtimeToken,
  writeLaunchUrl,
} from './runtime-token';
import configSchema from './bridge-config.schema.json';

/** The configuration's fields as the schema names them, so the help never lists fewer or others. */
const CONFIG_FIELDS = Object.keys(configSchema.properties).filter((name) => !name.startsWith('$'));
const SERVICE_USAGE = `usage: madoguchi-bridge --config FILE   (default /etc/madoguchi/bridge.json)
                       [--last-good FILE]  (default /var/lib/madoguchi-bridge/bridge.last-good.json) | --version
       madoguchi-bridge --health [--status-file FILE]   (default ${DEFAULT_STATUS_FILE})
  FILE: JSON with ${CONFIG_FIELDS.join(', ')} (token or tokenFile; backend pcsc)
  --health: one line and exit 0 OK, 1 WARNING, 2 CRITICAL — see docs/operations.md`;

const EXIT_CONFIG = 2;
const EXIT_START = 1;

export async function runService(argv: string[]): Promise<number | undefined> {
  let chosen: ChosenConfig;
  let lastGoodFile: string;
  try {
    const args = parseServiceArgs(argv);
    if ('help' in args) {
      console.log(SERVICE_USAGE);
      return 0;
    }
    if ('version' in args) {
      console.log(VERSION_LINE);
      return 0;
    }
    if ('health' in args) {
      const health = healthCheck(args.statusFile ?? DEFAULT_STATUS_FILE);
      console.log(health.line);
      return health.code;
    }
    lastGoodFile = args.lastGoodFile;
    chosen = configOrLastGood(args.configFile, lastGoodFile);
  } catch (error) {
    if (!(error instanceof BridgeConfigError)) throw error;
    console.error(error.message);
    // A monitor's check given wrong arguments is UNKNOWN, not a verdict on the bridge.
    return argv.includes('--health') ? HEALTH.unknown : EXIT_CONFIG;
  }
  const { config, refused } = chosen;
  const logger = serviceLogger(config);
  if (refused) {
    console.error(refused.message);
    console.error(
      `前回動いた設定で起動します / starting with the configuration that last worked: ${lastGoodFile}`,
    );
    logger.log('warn', 'configuration refused, running the last good one', {
      file: refused.file,
      reason: `${refused.problems.length} problem(s); last good: ${lastGoodFile}`,
    });
  }
  const options = toBridgeOptions(config);
  const statusFile = config.statusFile ?? DEFAULT_STATUS_FILE;
  options.startsSinceBoot = startsSinceBoot(statusFile);
  try {
    options.token = provideToken(config, (line) => console.log(line));
  } catch (error) {
    if (!(error instanceof RuntimeTokenError)) throw error;
    console.error(`ブリッジを起動できません / the bridge could not start: ${error.message}`);
    return EXIT_START;
  }
  let bridge;
  try {
    bridge = await startBridge(options, openPcsc, undefined, toStderr);
  } catch (error) {
    console.error(`ブリッジを起動できません / the bridge could not start: ${(error as Error).message}`);
    return EXIT_START;
  }
  if (!refused) {
    const kept = keepLastGood(lastGoodFile, config);
    if (kept !== 'unchanged') {
      if (kept === 'kept') logger.log('info', 'last good configuration kept', { file: lastGoodFile });
      else logger.log('warn', 'last good configuration not kept', { file: lastGoodFile, reason: kept });
    }
  }
  const running = bridge;
  const stopStatusFile = keepStatusFile(statusFile, () => running.telemetry.state(), serviceLogger(config));
  const manager = systemdManager();
  let stopping = false;
  manager?.ready(
    `serving on 127.0.0.1:${bridge.port}${refused ? ` with the last good configuration: ${refused.file} is invalid` : ''}`,
  );
  // The pings come from the event loop itself: a loop that stops turning stops them.
  const stopWatchdog = manager?.startWatchdog(() => !stopping);
  const stop = () => {
    stopping = true;
    stopWatchdog?.();
    stopStatusFile();
    manager?.stopping();
    void bridge.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined; // keeps running
}

/**
 * The token the bridge requires: the configured one, else the one of this box start (runtime file).
 * The app launcher gets it in the launch URL file when appUrl is set. The value is never logged.
 */
export function provideToken(config: BridgeServiceConfig, write: (line: string) => void): string {
  const logger = serviceLogger(config, write);
  let token: string;
  if (config.token !== undefined) {
    token = config.token;
    logger.log('info', 'token', { reason: 'configured in bridge.json' });
  } else {
    const tokenFile = config.tokenFile ?? DEFAULT_TOKEN_FILE;
    const made = runtimeToken(tokenFile);
    token = made.token;
    logger.log('info', 'token', {
      reason: made.reused ? 'kept from this box start' : 'made for this box start',
      file: tokenFile,
    });
  }
  if (config.appUrl !== undefined) {
    const launchUrlFile = config.launchUrlFile ?? DEFAULT_LAUNCH_URL_FILE;
    writeLaunchUrl(launchUrlFile, config.appUrl, token);
    logger.log('info', 'launch url written', { file: launchUrlFile });
  }
  return token;
}

/** The service's own log lines, in the bridge's form (JSON on stdout, the journal). */
function serviceLogger(config: BridgeServiceConfig, write = (line: string) => console.log(line)) {
  return jsonLogger(write, config.logLevel ?? 'info');
}
