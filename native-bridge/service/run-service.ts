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
import { startBridge } from '../src/bridge/cli';
import { BridgeConfigError, parseServiceArgs, readBridgeConfig, toBridgeOptions } from './config';

export const SERVICE_USAGE = `usage: madoguchi-bridge --config FILE   (default /etc/madoguchi/bridge.json)
  FILE: JSON with port, allowedOrigins, token, backend (pcsc|simulator), logLevel — see docs/operators.md`;

export const EXIT_CONFIG = 2;
export const EXIT_START = 1;

export async function runService(argv: string[]): Promise<number | undefined> {
  let options;
  try {
    const args = parseServiceArgs(argv);
    if ('help' in args) {
      console.log(SERVICE_USAGE);
      return 0;
    }
    options = toBridgeOptions(readBridgeConfig(args.configFile));
  } catch (error) {
    if (!(error instanceof BridgeConfigError)) throw error;
    console.error(error.message);
    return EXIT_CONFIG;
  }
  if (options.backend === 'simulator') {
    console.error(
      '注意: シミュレーターで動作中（本番の STB では使えません） / ' +
        'warning: running the simulator backend (never on production boxes, stb-spec BR-SEC-23)',
    );
  }
  let bridge;
  try {
    bridge = await startBridge(options);
  } catch (error) {
    console.error(`ブリッジを起動できません / the bridge could not start: ${(error as Error).message}`);
    return EXIT_START;
  }
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined; // keeps running
}
