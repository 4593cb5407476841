/**
 * Named card scenarios for tests and demos. A scenario spec is one name or several joined by
 * commas ("last-try,removal-after-3"); each adds one trait to the card:
 *
 * - normal              every PIN with its full tries (adds nothing)
 * - locked              auth PIN with 0 tries left
 * - last-try            auth PIN with 1 try left
 * - expired             certificates whose notAfter lies in the past
 * - revoked             auth certificate revoked in the test PKI (on its CRL)
 * - not-my-number-card  a generic ATR and no JPKI AP: SELECT of the JPKI AID answers 6A82
 * - removal-after-N     the card disappears when APDU N+1 arrives
 * - faulty-sign         COMPUTE DIGITAL SIGNATURE answers 6581 (memory failure): a status word no
 *                       driver can act on, for the bridge's CARD_ERROR path (VERIFY still works)
 *
 * The same scenario drives both faces: `createScenarioTransport` (in process) and the CLI (vpcd).
 * Credentials for expired/revoked come from the test PKI: see card-setup.ts.
 */
import { Cla, Ins } from '../../stb-spec/protocol/jpki-card';
import { VirtualJpkiCard, type VirtualJpkiCardOptions } from './jpki-applet';
import { VirtualCardTransport, type VirtualCardTransportOptions } from './in-process-transport';
import type { VirtualCardState } from './state';

export const SCENARIO_NAMES = [
  'normal',
  'locked',
  'last-try',
  'expired',
  'revoked',
  'not-my-number-card',
  'removal-after-N',
  'faulty-sign',
] as const;

/** What a `faulty-sign` card answers to COMPUTE DIGITAL SIGNATURE. */
export const FAULTY_SIGN_SW = 0x6581;

export interface Scenario {
  /** The spec as given, for messages. */
  spec: string;
  /** Overrides the auth PIN's tries left at start-up (locked: 0, last-try: 1). */
  authTriesLeft?: number;
  credentials: 'valid' | 'expired' | 'revoked';
  hasJpkiAp: boolean;
  removeAfterApdus?: number;
  /** COMPUTE DIGITAL SIGNATURE fails with FAULTY_SIGN_SW. */
  faultySign?: boolean;
}

export class ScenarioError extends Error {}

const REMOVAL_PATTERN = /^removal-after-(\d{1,6})$/;

/** Parses "name[,name…]"; throws ScenarioError naming the valid scenarios. */
export function parseScenario(spec: string): Scenario {
  const scenario: Scenario = { spec, credentials: 'valid', hasJpkiAp: true };
  const parts = spec.split(',').map((part) => part.trim());
  const seen = new Set<string>();
  for (const part of parts) {
    const removal = REMOVAL_PATTERN.exec(part);
    const trait = removal ? 'removal-after-N' : part;
    if (seen.has(trait)) throw new ScenarioError(`シナリオが重複しています / scenario given twice: ${trait}`);
    seen.add(trait);
    if (removal) {
      scenario.removeAfterApdus = Number(removal[1]);
      continue;
    }
    switch (part) {
      case 'normal':
        break;
      case 'locked':
      case 'last-try':
        if (scenario.authTriesLeft !== undefined) throw conflict(spec);
        scenario.authTriesLeft = part === 'locked' ? 0 : 1;
        break;
      case 'expired':
      case 'revoked':
        if (scenario.credentials !== 'valid') throw conflict(spec);
        scenario.credentials = part;
        break;
      case 'not-my-number-card':
        scenario.hasJpkiAp = false;
        break;
      case 'faulty-sign':
        scenario.faultySign = true;
        break;
      default:
        throw new ScenarioError(
          `不明なシナリオ / unknown scenario "${part}". ` +
            `Valid: ${SCENARIO_NAMES.join(', ')} (N = 0, 1, 2, …)`,
        );
    }
  }
  return scenario;
}

function conflict(spec: string): ScenarioError {
  return new ScenarioError(`両立しないシナリオ / conflicting scenarios in "${spec}"`);
}

/** Sets the counters the scenario asks for (on top of a fresh or loaded state). */
export function applyScenarioToState(scenario: Scenario, state: VirtualCardState): void {
  if (scenario.authTriesLeft !== undefined) state.triesLeft.auth = scenario.authTriesLeft;
}

export type ScenarioCardOptions = Omit<VirtualJpkiCardOptions, 'state' | 'hasJpkiAp'>;

/** The applet for a scenario; extra options (SFI, 6Cxx, GET RESPONSE mode, persistence) compose. */
export function createScenarioCard(
  scenario: Scenario,
  state: VirtualCardState,
  options: ScenarioCardOptions = {},
): VirtualJpkiCard {
  const before = JSON.stringify(state.triesLeft);
  applyScenarioToState(scenario, state);
  if (JSON.stringify(state.triesLeft) !== before) options.onStateChange?.(state);
  const Card = scenario.faultySign ? FaultySignCard : VirtualJpkiCard;
  return new Card({ ...options, state, hasJpkiAp: scenario.hasJpkiAp });
}

/** The applet with one fault: every COMPUTE DIGITAL SIGNATURE answers FAULTY_SIGN_SW. */
class FaultySignCard extends VirtualJpkiCard {
  override process(command: Uint8Array): Uint8Array {
    if (command[0] === Cla.proprietary && command[1] === Ins.computeDigitalSignature) {
      return Uint8Array.of(FAULTY_SIGN_SW >> 8, FAULTY_SIGN_SW & 0xff);
    }
    return super.process(command);
  }
}

/** The in-process face for a scenario: card + transport, removal armed when the scenario says so. */
export function createScenarioTransport(
  scenario: Scenario | string,
  state: VirtualCardState,
  options: ScenarioCardOptions & VirtualCardTransportOptions = {},
): VirtualCardTransport {
  const parsed = typeof scenario === 'string' ? parseScenario(scenario) : scenario;
  const { removeAfterApdus, keepLog, reportEpoch, ...cardOptions } = options;
  const card = createScenarioCard(parsed, state, cardOptions);
  return new VirtualCardTransport(card, {
    removeAfterApdus: removeAfterApdus ?? parsed.removeAfterApdus,
    keepLog,
    reportEpoch,
  });
}
