/**
 * The simulator backend's card controls (insert a card with a scenario, pull it out), for the demo's
 * keyboard shortcuts and the tests. They exist only on a bridge started with `--backend simulator`;
 * a real box answers them with PROTOCOL_ERROR (method not found).
 */
import type { BridgeClient } from './bridge-client';
import type { CallOptions } from './client-options';
import { protocolError } from './errors';

/** The extension's callsign (mocks/dev-bridge/simulator-methods.ts; a test keeps them equal). */
export const SIMULATOR_CALLSIGN = 'MyNumberCardSimulator.1';

export interface SimulatorScenario {
  /** The inserted card's scenario; null when the reader is empty. */
  scenario: string | null;
  scenarios: string[];
}

export class SimulatorControls {
  constructor(private readonly client: BridgeClient) {}

  /** e.g. `normal`, `locked`, `last-try`, `not-my-number-card`, `removal-after-3`, or several joined by commas. */
  async insertCard(scenario = 'normal', options?: CallOptions): Promise<void> {
    await this.client.request(`${SIMULATOR_CALLSIGN}.insertCard`, { scenario }, options);
  }

  async removeCard(options?: CallOptions): Promise<void> {
    await this.client.request(`${SIMULATOR_CALLSIGN}.removeCard`, {}, options);
  }

  async getScenario(options?: CallOptions): Promise<SimulatorScenario> {
    const method = `${SIMULATOR_CALLSIGN}.getScenario`;
    const result = (await this.client.request(method, {}, options)) as Partial<SimulatorScenario> | null;
    const scenario = result?.scenario;
    const scenarios = result?.scenarios;
    if ((typeof scenario !== 'string' && scenario !== null) || !Array.isArray(scenarios)) {
      throw protocolError(method);
    }
    return { scenario: scenario ?? null, scenarios: scenarios.filter((s) => typeof s === 'string') };
  }
}
