/**
 * The card bridge service's configuration file (default /etc/madoguchi/bridge.json), validated by
 * bridge-config.schema.json with bilingual messages, and turned into the options of startBridge().
 */
import { describeErrors, type FieldHints } from './ajv-messages';
import { readJsonFile } from './read-json-file';
import type { BridgeOptions } from '../src/bridge/cli';
import type { LogLevel } from '../src/bridge/logger';
import { validateConfig } from './config-validator';

const DEFAULT_CONFIG_FILE = '/etc/madoguchi/bridge.json';
const DEFAULT_PORT = 9930;
/** The unit's state directory (StateDirectory=madoguchi-bridge): see last-good-config.ts. */
const DEFAULT_LAST_GOOD_FILE = '/var/lib/madoguchi-bridge/bridge.last-good.json';

export interface BridgeServiceConfig {
  host?: '127.0.0.1';
  port?: number;
  allowedOrigins: string[];
  token?: string;
  tokenFile?: string;
  appUrl?: string;
  launchUrlFile?: string;
  backend: 'pcsc';
  logLevel?: LogLevel;
  statusFile?: string;
  telemetryIntervalS?: number;
  /** Stable names of the only readers served (BR-SEC-50); absent: every reader (development only). */
  readers?: string[];
}

export class BridgeConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `ブリッジの設定が正しくありません / invalid bridge configuration: ${file}\n` +
        problems.map((line) => `  - ${line}`).join('\n'),
    );
    this.name = 'BridgeConfigError';
  }
}

const HINTS: FieldHints = {
  host: {
    ja: 'ループバック 127.0.0.1 のみ。ほかのアドレスでは起動しません',
    en: 'loopback 127.0.0.1 only; the bridge will not bind any other address',
  },
  'allowedOrigins.*': {
    ja: 'http(s)://ホスト[:ポート] の形。* や null、パスは使えません',
    en: 'must be an origin http(s)://host[:port], without wildcard, null or path',
  },
  token: { ja: '英数字と _ - だけの 22〜128 文字', en: '22–128 characters: letters, digits, _ and - only' },
  tokenFile: { ja: '絶対パス', en: 'must be an absolute path' },
  launchUrlFile: { ja: '絶対パス', en: 'must be an absolute path' },
  statusFile: { ja: '絶対パス', en: 'must be an absolute path' },
  appUrl: { ja: 'http(s):// で始まるアドレス', en: 'must be an http(s):// address' },
  'readers.*': {
    ja: 'PC/SC の読み取り機名から差し込み順の番号を除いた名前 (1〜256 文字、制御文字なし)',
    en: 'a stable reader name: the PC/SC name without the plug-order field (1–256 characters, no control characters)',
  },
  backend: {
    ja: '本番用ブリッジは pcsc のみ。シミュレーターは開発用の npm run bridge にあります',
    en: 'the production bridge knows pcsc only; the simulator is in the development bridge (npm run bridge)',
  },
};

export function validateBridgeConfig(value: unknown, file: string): BridgeServiceConfig {
  if (!validateConfig(value)) throw new BridgeConfigError(file, describeErrors(validateConfig.errors, HINTS));
  return value;
}

export function readBridgeConfig(file: string): BridgeServiceConfig {
  const read = readJsonFile(file);
  if (!read.ok) throw new BridgeConfigError(file, read.problems);
  return validateBridgeConfig(read.value, file);
}

/** startBridge() options from a validated configuration. */
export function toBridgeOptions(config: BridgeServiceConfig): BridgeOptions {
  return {
    port: config.port ?? DEFAULT_PORT,
    allowedOrigins: config.allowedOrigins,
    token: config.token,
    logLevel: config.logLevel ?? 'info',
    ...(config.telemetryIntervalS ? { telemetryIntervalMs: config.telemetryIntervalS * 1000 } : {}),
    ...(config.readers ? { readers: config.readers } : {}),
  };
}

/**
 * `--config FILE` (default /etc/madoguchi/bridge.json) and `--last-good FILE` (default
 * DEFAULT_LAST_GOOD_FILE, last-good-config.ts), or `--health [--status-file FILE]` (the monitor's
 * check: it reads no configuration, so it needs neither the file nor its token); anything else is
 * a usage error.
 */
export function parseServiceArgs(
  argv: string[],
):
  | { configFile: string; lastGoodFile: string }
  | { health: true; statusFile?: string }
  | { help: true }
  | { version: true } {
  let configFile = DEFAULT_CONFIG_FILE;
  let lastGoodFile = DEFAULT_LAST_GOOD_FILE;
  let statusFile: string | undefined;
  let health = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--version') return { version: true };
    if (arg === '--health') health = true;
    else if (arg === '--config' && argv[i + 1] !== undefined) configFile = argv[++i]!;
    else if (arg.startsWith('--config=')) configFile = arg.slice('--config='.length);
    else if (arg === '--last-good' && argv[i + 1] !== undefined) lastGoodFile = argv[++i]!;
    else if (arg.startsWith('--last-good=')) lastGoodFile = arg.slice('--last-good='.length);
    else if (arg === '--status-file' && argv[i + 1]?.startsWith('/')) statusFile = argv[++i]!;
    else
      throw new BridgeConfigError('(command line)', [
        `引数が正しくありません: ${arg} / invalid argument: ${arg} (usage: madoguchi-bridge --config FILE [--last-good FILE] | --health [--status-file /run/…/status.json] | --version)`,
      ]);
  }
  if (health) return { health: true, ...(statusFile ? { statusFile } : {}) };
  if (statusFile !== undefined) {
    throw new BridgeConfigError('(command line)', [
      '--status-file は --health と一緒に / --status-file goes with --health (the service takes statusFile from bridge.json)',
    ]);
  }
  return { configFile, lastGoodFile };
}
