/**
 * The development card bridge (`npm run bridge`): the production bridge, handed either the box's
 * PC/SC readers or the in-process simulator with its MyNumberCardSimulator.1.* card controls.
 *
 *   npm run bridge -- --backend pcsc|simulator --port 9930 --allow-origin http://127.0.0.1:8080
 *     [--allow-origin O]… [--token T] [--log-level debug|info|warn|error]
 *     simulator only: [--scenario NAME | --no-card] [--pki DIR] [--state-dir DIR]
 *                     [--auth-pin 1234] [--sign-pin ABC123] [--foreign-card]
 *     [--spec 1.x]    behave as a bridge of spec document 1.x (the version-skew tests)
 *
 * Without --token the development bridge stays open to any local process; a box always sets one.
 * The token may instead come in the environment (MADOGUCHI_BRIDGE_TOKEN, as `npm start` passes it):
 * there it stays off the command line, which any local user can read.
 */
import path from 'node:path';
import { PIN_FORMAT } from '../../stb-spec/protocol/jpki-card';
import {
  bridgeOptionsFrom,
  COMMON_ARGS,
  COMMON_USAGE,
  openPcsc,
  parseCommandLine,
  runBridgeCommand,
  startBridge,
  UsageError,
  type BridgeOptions,
  type OpenCards,
  type RunningBridge,
} from '../../native-bridge/src/bridge/cli';
import { FOREIGN_READER, WithForeignReader } from '../virtual-card/foreign-reader';
import { jsonLogger } from '../../native-bridge/src/bridge/logger';
import { startOlderSpecFront } from './older-spec-front';
import { SIMULATED_READER, SimulatorBackend } from './simulator-backend';
import { simulatorMethods } from './simulator-methods';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const USAGE = `usage: npm run bridge -- --backend pcsc|simulator --allow-origin ORIGIN [options]
  --backend pcsc|simulator  pcsc: readers through pcscd; simulator: the in-process virtual card
${COMMON_USAGE}
simulator backend:
  --scenario NAME           the card inserted at start (default normal); --no-card starts empty
  --pki DIR                 test PKI directory (default .tmp/test-pki)
  --state-dir DIR           keep the simulated cards' PIN counters in DIR
  --auth-pin PIN            the simulated card's auth PIN (default 1234)
  --sign-pin PASSWORD       the simulated card's signature password (default ABC123)
  --foreign-card            a second reader, "${FOREIGN_READER}", holding a card that is not a
                            My Number Card (a B-CAS stand-in); with --reader "${SIMULATED_READER}"
                            the bridge never touches it
either backend:
  --spec 1.x|2.0            the spec document version to behave as (default 2.0, the current);
                            1.x: no getInfo, no cardId, no reader service state, for skew tests`;

export interface SimulatorSettings {
  scenario?: string;
  pkiDir: string;
  stateDir?: string;
  pins: { auth: string; sign: string };
  /** A second reader with a foreign card (a B-CAS stand-in). */
  foreignCard?: boolean;
}

/** The spec document versions the development bridge can behave as. */
export const SPEC_CHOICES = ['2.0', '1.x'] as const;

export interface DevBridgeOptions extends BridgeOptions {
  backend: 'pcsc' | 'simulator';
  spec: (typeof SPEC_CHOICES)[number];
  simulator: SimulatorSettings;
}

/** The environment variable a token may come in instead of --token (which wins). */
export const TOKEN_ENV = 'MADOGUCHI_BRIDGE_TOKEN';

export function parseDevBridgeArgs(argv: string[], env: NodeJS.ProcessEnv = {}): DevBridgeOptions {
  const values = parseCommandLine(argv, {
    ...COMMON_ARGS,
    scenario: { type: 'string' },
    'no-card': { type: 'boolean', default: false },
    pki: { type: 'string' },
    'state-dir': { type: 'string' },
    'auth-pin': { type: 'string', default: '1234' },
    'sign-pin': { type: 'string', default: 'ABC123' },
    'foreign-card': { type: 'boolean', default: false },
    spec: { type: 'string', default: '2.0' },
  });
  const backend = values.backend;
  if (backend !== 'pcsc' && backend !== 'simulator') {
    throw new UsageError('--backend は pcsc か simulator / --backend must be pcsc or simulator');
  }
  const spec = SPEC_CHOICES.find((choice) => choice === values.spec);
  if (!spec) throw new UsageError('--spec は 2.0 か 1.x / --spec must be 2.0 or 1.x');
  const common = bridgeOptionsFrom(values);
  if (!PIN_FORMAT.auth.test(values['auth-pin']) || !PIN_FORMAT.sign.test(values['sign-pin'])) {
    throw new UsageError('暗証番号の形式が違います / --auth-pin is 4 digits, --sign-pin 6–16 of A–Z 0–9');
  }
  return {
    ...common,
    token: common.token ?? (env[TOKEN_ENV] || undefined),
    backend,
    spec,
    simulator: {
      scenario: values['no-card'] ? undefined : (values.scenario ?? 'normal'),
      pkiDir: path.resolve(values.pki ?? path.join(REPO_ROOT, '.tmp', 'test-pki')),
      stateDir: values['state-dir'] ? path.resolve(values['state-dir']) : undefined,
      pins: { auth: values['auth-pin'], sign: values['sign-pin'] },
      ...(values['foreign-card'] ? { foreignCard: true } : {}),
    },
  };
}

/** The simulator as the bridge's card source, with its card controls as extension methods. */
export function openSimulator(settings: SimulatorSettings): OpenCards {
  return async () => {
    const simulator = await SimulatorBackend.start({
      pkiDir: settings.pkiDir,
      pins: settings.pins,
      stateDir: settings.stateDir,
      initialScenario: settings.scenario,
    });
    const backend = settings.foreignCard ? new WithForeignReader(simulator) : simulator;
    return { name: 'simulator', backend, extensions: simulatorMethods(simulator) };
  };
}

export function cardsFor(options: DevBridgeOptions): OpenCards {
  return options.backend === 'simulator' ? openSimulator(options.simulator) : openPcsc;
}

/**
 * The bridge as --spec says: the current one, or a 1.x bridge at the port asked for with the current
 * one behind it on a loopback port of its own (older-spec-front.ts).
 */
export async function startDevBridge(
  options: DevBridgeOptions,
  openCards: OpenCards,
  write = (line: string) => console.log(line),
): Promise<RunningBridge> {
  if (options.spec === '2.0') return startBridge(options, openCards, write);
  let behind: RunningBridge | undefined;
  const front = await startOlderSpecFront(options.port, () => behind?.port);
  jsonLogger(write, options.logLevel).log('info', 'behaving as spec 1.x', { port: front.port });
  try {
    behind = await startBridge({ ...options, port: 0 }, openCards, write);
  } catch (error) {
    await front.close();
    throw error;
  }
  const bridge = behind;
  return {
    port: front.port,
    telemetry: bridge.telemetry,
    close: async () => {
      await front.close();
      await bridge.close();
    },
  };
}

if (require.main === module) {
  void runBridgeCommand(
    () => {
      const options = parseDevBridgeArgs(process.argv.slice(2), process.env);
      return { options, openCards: cardsFor(options) };
    },
    USAGE,
    startDevBridge,
  );
}
