/**
 * The development card bridge (`npm run bridge`): the production bridge, handed either the box's
 * PC/SC readers or the in-process simulator with its MyNumberCardSimulator.1.* card controls.
 *
 *   npm run bridge -- --backend pcsc|simulator --port 9930 --allow-origin http://127.0.0.1:8080
 *     [--allow-origin O]… [--token T] [--log-level debug|info|warn|error]
 *     simulator only: [--scenario NAME | --no-card] [--pki DIR] [--state-dir DIR]
 *                     [--auth-pin 1234] [--sign-pin ABC123] [--foreign-card]
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
  UsageError,
  type BridgeOptions,
  type OpenCards,
} from '../../native-bridge/src/bridge/cli';
import { FOREIGN_READER, WithForeignReader } from '../virtual-card/foreign-reader';
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
                            the bridge never touches it`;

export interface SimulatorSettings {
  scenario?: string;
  pkiDir: string;
  stateDir?: string;
  pins: { auth: string; sign: string };
  /** A second reader with a foreign card (a B-CAS stand-in). */
  foreignCard?: boolean;
}

export interface DevBridgeOptions extends BridgeOptions {
  backend: 'pcsc' | 'simulator';
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
  });
  const backend = values.backend;
  if (backend !== 'pcsc' && backend !== 'simulator') {
    throw new UsageError('--backend は pcsc か simulator / --backend must be pcsc or simulator');
  }
  const common = bridgeOptionsFrom(values);
  if (!PIN_FORMAT.auth.test(values['auth-pin']) || !PIN_FORMAT.sign.test(values['sign-pin'])) {
    throw new UsageError('暗証番号の形式が違います / --auth-pin is 4 digits, --sign-pin 6–16 of A–Z 0–9');
  }
  return {
    ...common,
    token: common.token ?? (env[TOKEN_ENV] || undefined),
    backend,
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

if (require.main === module) {
  void runBridgeCommand(() => {
    const options = parseDevBridgeArgs(process.argv.slice(2), process.env);
    return { options, openCards: cardsFor(options) };
  }, USAGE);
}
