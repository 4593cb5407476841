/**
 * The `simulator` backend: one simulated reader holding the in-process virtual My Number Card, so
 * the demo and the app's tests need no pcscd. The card can be inserted (with a scenario) and removed
 * at run time; the bridge exposes that as MyNumberCardSimulator.1.insertCard / removeCard.
 */
import { EventEmitter } from 'node:events';
import { DEMO_HOLDERS, loadOrCreateTestPki } from '../pki';
import { prepareCardState } from '../virtual-card/card-setup';
import { createScenarioTransport, parseScenario, type Scenario } from '../virtual-card/scenarios';
import type { VirtualCardState } from '../virtual-card/state';
import type { VirtualCardTransport } from '../virtual-card/in-process-transport';
import type { ApduTransport } from '../../native-bridge/src/transport/apdu-transport';
import type { ReaderEvents, ReaderSnapshot } from '../../native-bridge/src/transport/pcsc-readers';
import { NoCardError, NoReaderError } from '../../native-bridge/src/jpki/errors';
import { toHex } from '../../native-bridge/src/jpki/apdu';
import type { CardBackend } from '../../native-bridge/src/bridge/card-backend';

export const SIMULATED_READER = 'Madoguchi Simulated Reader 00';

export interface SimulatorOptions {
  pkiDir: string;
  pins: { auth: string; sign: string };
  /** Where PIN counters persist across restarts (optional). */
  stateDir?: string;
  /** Scenario of the card inserted at start; undefined starts with the reader empty. */
  initialScenario?: string;
  holderIndex?: number;
}

export class SimulatorBackend extends EventEmitter<ReaderEvents> implements CardBackend {
  private current: { transport: VirtualCardTransport; scenario: string } | undefined;
  /** Every insertion counts, so a card swapped with no empty reader in between is still a new card. */
  private insertions = 0;

  private constructor(private readonly options: SimulatorOptions) {
    super();
  }

  static async start(options: SimulatorOptions): Promise<SimulatorBackend> {
    const backend = new SimulatorBackend(options);
    if (options.initialScenario !== undefined) await backend.insertCard(options.initialScenario);
    return backend;
  }

  readers(): ReaderSnapshot[] {
    const transport = this.current?.transport;
    return [
      transport?.isCardPresent
        ? {
            name: SIMULATED_READER,
            presence: 'present',
            atr: toHex(transport.card.atr),
            insertion: this.insertions,
          }
        : { name: SIMULATED_READER, presence: 'absent' },
    ];
  }

  transport(readerName: string): ApduTransport {
    if (readerName !== SIMULATED_READER) throw new NoReaderError();
    if (!this.current) throw new NoCardError(readerName);
    return this.current.transport;
  }

  /**
   * Puts a card with the given scenario (e.g. `normal`, `last-try`, `not-my-number-card`) into the
   * reader. A card already in is swapped out faster than any polling would see: one change, no
   * empty reader reported in between, as a quick hand can do on a real reader.
   */
  async insertCard(scenarioSpec = 'normal'): Promise<void> {
    const scenario = parseScenario(scenarioSpec);
    const state = await this.prepareState(scenarioSpec, scenario);
    this.current?.transport.remove();
    const transport = createScenarioTransport(scenario, state, { reportEpoch: true });
    this.current = { transport, scenario: scenarioSpec };
    this.insertions++;
    this.emitChange('card-inserted');
  }

  removeCard(): void {
    if (!this.current) return;
    this.current.transport.remove();
    this.current = undefined;
    this.emitChange('card-removed');
  }

  get scenario(): string | undefined {
    return this.current?.scenario;
  }

  close(): void {
    this.removeAllListeners();
  }

  private async prepareState(scenarioSpec: string, scenario: Scenario): Promise<VirtualCardState> {
    const { pkiDir, pins, stateDir, holderIndex = 0 } = this.options;
    const pki = await loadOrCreateTestPki(pkiDir);
    // One card (one state file) per scenario, so a locked demo card does not lock the normal one.
    const stateFile = stateDir
      ? `${stateDir}/card-${scenarioSpec.replace(/[^a-z0-9-]/gi, '_')}.json`
      : undefined;
    const holder = DEMO_HOLDERS[holderIndex] ?? DEMO_HOLDERS[0]!;
    return prepareCardState({ pki, pkiDir, scenario, pins, holder, stateFile });
  }

  private emitChange(event: 'card-inserted' | 'card-removed'): void {
    const [snapshot] = this.readers();
    this.emit(event, snapshot!);
    this.emit('change', this.readers());
  }
}
