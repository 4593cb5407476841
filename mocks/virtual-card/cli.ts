/**
 * Runs the virtual My Number Card in vsmartcard's vpcd reader, so pcscd, OpenSC and the native
 * bridge see it as a real card:
 *
 *   npm run virtual-card -- --auth-pin 1234 --sign-pin ABC123 [--vpcd 127.0.0.1:35963]
 *     [--state FILE] [--scenario NAME[,NAME…]] [--pki DIR] [--holder N]
 *     [--get-response] [--no-sfi] [--short-read 6282|6C] [--slow] [--hang INS:MS] [--trace]
 *   npm run virtual-card -- --foreign-card [--vpcd 127.0.0.1:35964] [--trace]   (foreign-cli.ts)
 *
 * Ctrl-C / SIGTERM removes the card and exits 0. PINs are never printed.
 */
import path from 'node:path';
import { PIN_FORMAT } from '../../stb-spec/protocol/jpki-card';
import { parsedOrUsage, parseStrictArgs, UsageError } from '../../native-bridge/src/bridge/command-line';
import { DEMO_HOLDERS, loadOrCreateTestPki } from '../pki/index';
import { prepareCardState } from './card-setup';
import { CardPace, SLOW_CARD, parseHang, type CardPaceOptions } from './card-pace';
import { createScenarioCard, parseScenario, ScenarioError, SCENARIO_NAMES, type Scenario } from './scenarios';
import { saveCardStateAtomic } from './state';
import { statusWordOf, swHex } from './status-words';
import { parseVpcdAddress, VPCD_DEFAULT_HOST, VPCD_DEFAULT_PORT, VpcdCard } from './vpcd-client';
import { FOREIGN_USAGE, runForeignCard } from './foreign-cli';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_PKI_DIR = path.join(REPO_ROOT, '.tmp', 'test-pki');

const USAGE = `usage: npm run virtual-card -- --auth-pin PIN --sign-pin PASSWORD [options]
  --auth-pin PIN        利用者証明用電子証明書の暗証番号 / auth PIN: 4 digits
  --sign-pin PASSWORD   署名用電子証明書の暗証番号 / signature password: 6–16 of A–Z 0–9
  --vpcd HOST:PORT      vpcd to connect to (default ${VPCD_DEFAULT_HOST}:${VPCD_DEFAULT_PORT} = "Virtual PCD 00 00")
  --state FILE          keep PIN counters and the card identity in FILE across runs
  --scenario NAME[,…]   ${SCENARIO_NAMES.join(' | ')} (default normal)
  --pki DIR             test PKI directory (default .tmp/test-pki under the repo root)
  --holder N            DEMO_HOLDERS[N], 0–${DEMO_HOLDERS.length - 1} (default 0)
  --get-response        T=0 style: responses with data come as 61xx, fetched by GET RESPONSE
  --no-sfi              READ BINARY with short EF identifiers answers 6A81
  --short-read 6282|6C  answer to a read past the end of an EF (default 6282)
  --slow                every answer 300 ms late, a signature 10 s: near the bridge's 15 s limit
  --hang INS:MS         hold the answer to the first command with INS (hex) for MS ms, e.g. 2A:20000
  --trace               one line per APDU on stderr: INS and status word only, never data

${FOREIGN_USAGE}`;

export interface CliOptions {
  host: string;
  port: number;
  pins: { auth: string; sign: string };
  stateFile?: string;
  scenario: Scenario;
  pkiDir: string;
  holderIndex: number;
  getResponse: boolean;
  sfiReads: boolean;
  shortRead: 'end-of-file-warning' | 'wrong-le';
  /** A slow or hanging card (see card-pace.ts); undefined answers at once. */
  pace?: CardPaceOptions;
  trace: boolean;
}

/** Validates the command line; throws UsageError with a Japanese + English message. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseStrictArgs(argv, {
    options: {
      'auth-pin': { type: 'string' },
      'sign-pin': { type: 'string' },
      vpcd: { type: 'string' },
      state: { type: 'string' },
      scenario: { type: 'string' },
      pki: { type: 'string' },
      holder: { type: 'string' },
      'get-response': { type: 'boolean' },
      'no-sfi': { type: 'boolean' },
      'short-read': { type: 'string' },
      slow: { type: 'boolean' },
      hang: { type: 'string' },
      trace: { type: 'boolean' },
    },
  });
  const auth = values['auth-pin'];
  const sign = values['sign-pin'];
  if (auth === undefined || !PIN_FORMAT.auth.test(auth)) {
    throw new UsageError('--auth-pin: 暗証番号は数字4桁です / the auth PIN must be exactly 4 digits');
  }
  if (sign === undefined || !PIN_FORMAT.sign.test(sign)) {
    throw new UsageError(
      '--sign-pin: 署名用パスワードは英大文字と数字の6〜16文字です / the signature password must be 6–16 of A–Z and 0–9',
    );
  }
  const [host, port] = parseVpcdAddress(values.vpcd ?? `${VPCD_DEFAULT_HOST}:${VPCD_DEFAULT_PORT}`);
  let scenario: Scenario;
  try {
    scenario = parseScenario(values.scenario ?? 'normal');
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(`--scenario: ${error.message}`);
    throw error;
  }
  const holderText = values.holder ?? '0';
  const holderIndex = Number(holderText);
  if (!/^\d+$/.test(holderText) || holderIndex >= DEMO_HOLDERS.length) {
    throw new UsageError(
      `--holder: 0〜${DEMO_HOLDERS.length - 1} の番号 / must be 0–${DEMO_HOLDERS.length - 1}`,
    );
  }
  const shortRead = values['short-read'] ?? '6282';
  if (shortRead !== '6282' && shortRead.toUpperCase() !== '6C') {
    throw new UsageError('--short-read: 6282 か 6C / must be 6282 or 6C');
  }
  const hang = values.hang === undefined ? undefined : parseHang(values.hang);
  if (values.hang !== undefined && !hang) {
    throw new UsageError('--hang: INS:MS の形で指定してください / expected INS:MS, e.g. 2A:20000');
  }
  const pace =
    values.slow || hang ? { ...(values.slow ? SLOW_CARD : {}), ...(hang ? { hang } : {}) } : undefined;
  return {
    host,
    port,
    pins: { auth, sign },
    stateFile: values.state === undefined ? undefined : path.resolve(values.state),
    scenario,
    pkiDir: path.resolve(values.pki ?? DEFAULT_PKI_DIR),
    holderIndex,
    getResponse: values['get-response'] ?? false,
    sfiReads: !(values['no-sfi'] ?? false),
    shortRead: shortRead === '6282' ? 'end-of-file-warning' : 'wrong-le',
    ...(pace ? { pace } : {}),
    trace: values.trace ?? false,
  };
}

/** vpcd numbers its readers by port: 35963 → "Virtual PCD 00 00", 35964 → "… 00 01". */
function readerNameFor(port: number): string | undefined {
  const index = port - VPCD_DEFAULT_PORT;
  return index >= 0 && index < 10 ? `Virtual PCD 00 ${String(index).padStart(2, '0')}` : undefined;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--foreign-card')) return runForeignCard(argv);
  const parsed = parsedOrUsage(() => parseCliArgs(argv), USAGE);
  if (!parsed.ok) return parsed.exitCode;
  const options = parsed.value;
  const note = (message: string): void => console.error(`virtual-card: ${message}`);
  const pki = await loadOrCreateTestPki(options.pkiDir);
  const holder = DEMO_HOLDERS[options.holderIndex]!;
  const state = await prepareCardState({ ...options, pki, holder, note });
  const stateFile = options.stateFile;
  const card = createScenarioCard(options.scenario, state, {
    sfiReads: options.sfiReads,
    shortRead: options.shortRead,
    deliverResponsesViaGetResponse: options.getResponse,
    onStateChange: stateFile ? (changed) => saveCardStateAtomic(stateFile, changed) : undefined,
  });
  const vpcd = new VpcdCard(card, {
    host: options.host,
    port: options.port,
    removeAfterApdus: options.scenario.removeAfterApdus,
    pace: options.pace ? new CardPace(options.pace) : undefined,
  });
  if (options.trace) {
    vpcd.on('apdu', (command, response) => {
      const sw = statusWordOf(response);
      note(`INS ${swHex(command[1] ?? 0).slice(2)} → ${sw === undefined ? '?' : swHex(sw)}`);
    });
  }

  let stopping = false;
  const done = new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      note(`${signal}: removing the card`);
      void vpcd.disconnect().then(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    vpcd.on('removed', (reason) => {
      if (stopping) return;
      if (reason === 'apdu-limit') {
        note(
          `card removed after ${options.scenario.removeAfterApdus} APDUs (scenario ${options.scenario.spec})`,
        );
        resolve(0);
        return;
      }
      // vpcd went away (pcscd restarted): put the card back once it listens again.
      note('vpcd closed the connection; reconnecting');
      vpcd.connect().then(
        () => note('card inserted again'),
        (error: Error) => {
          note(error.message);
          resolve(1);
        },
      );
    });
  });

  await vpcd.connect();
  const reader = readerNameFor(options.port);
  console.log(
    `card inserted into vpcd at ${options.host}:${options.port}${reader ? ` (${reader})` : ''}; ` +
      `scenario ${options.scenario.spec}; holder ${state.credentials.holder.name}`,
  );
  return done;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`virtual-card: ${error.message}`);
      process.exit(1);
    },
  );
}
