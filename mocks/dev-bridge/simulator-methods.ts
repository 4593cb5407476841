/**
 * Card controls of the simulator backend, as an extension of the protocol under their own callsign
 * (MyNumberCardSimulator.1.*) so they can never be mistaken for a box's methods: the demo's
 * keyboard shortcuts and the tests insert, remove and switch the simulated card with them.
 */
import { JsonRpcErrorCode } from '../../stb-spec/protocol';
import { SCENARIO_NAMES, ScenarioError } from '../virtual-card/scenarios';
import { fail, type Extensions } from '../../native-bridge/src/bridge/dispatcher';
import type { SimulatorBackend } from './simulator-backend';

export const SIMULATOR_CALLSIGN = 'MyNumberCardSimulator.1';

export function simulatorMethods(simulator: SimulatorBackend): Extensions {
  return {
    [`${SIMULATOR_CALLSIGN}.insertCard`]: async (params) => {
      const scenario = (params as { scenario?: unknown }).scenario ?? 'normal';
      if (typeof scenario !== 'string')
        return fail(JsonRpcErrorCode.INVALID_PARAMS, 'Invalid params: scenario');
      try {
        await simulator.insertCard(scenario);
      } catch (error) {
        if (error instanceof ScenarioError) {
          return fail(
            JsonRpcErrorCode.INVALID_PARAMS,
            `Invalid params: scenario (${SCENARIO_NAMES.join(', ')})`,
          );
        }
        throw error;
      }
      return 0;
    },
    [`${SIMULATOR_CALLSIGN}.removeCard`]: async () => {
      simulator.removeCard();
      return 0;
    },
    [`${SIMULATOR_CALLSIGN}.getScenario`]: async () => ({
      scenario: simulator.scenario ?? null,
      scenarios: SCENARIO_NAMES,
    }),
  };
}
