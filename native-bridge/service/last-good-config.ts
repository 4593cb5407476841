/**
 * The last bridge configuration the service started with. A box whose bridge.json an update broke
 * keeps serving the card with the configuration that last worked (and says so in its log and its
 * systemd status) instead of leaving viewers without a reader until someone fixes the box.
 *
 * Kept in the unit's state directory (StateDirectory=, mode 0700): the configuration only — never
 * the token of a box start, never card data (BR-SEC-21).
 */
import { readFileSync } from 'node:fs';
import { BridgeConfigError, readBridgeConfig, type BridgeServiceConfig } from './config';
import { writeAtomically } from './runtime-token';

export interface ChosenConfig {
  config: BridgeServiceConfig;
  /** Set when bridge.json was refused and the last good configuration stands in for it. */
  refused?: BridgeConfigError;
}

/** bridge.json when it is valid; else the last good one; else bridge.json's own error. */
export function configOrLastGood(configFile: string, lastGoodFile: string): ChosenConfig {
  try {
    return { config: readBridgeConfig(configFile) };
  } catch (error) {
    if (!(error instanceof BridgeConfigError)) throw error;
    try {
      return { config: readBridgeConfig(lastGoodFile), refused: error };
    } catch {
      throw error;
    }
  }
}

/** Records `config` as the last good one (mode 0600) when it changed; the outcome, for the log. */
export function keepLastGood(file: string, config: BridgeServiceConfig): 'kept' | 'unchanged' | string {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  try {
    if (readFileSync(file, 'utf8') === text) return 'unchanged';
  } catch {
    // None yet (or unreadable): write it.
  }
  try {
    writeAtomically(file, text, 0o600);
    return 'kept';
  } catch (error) {
    return (error as Error).message;
  }
}
