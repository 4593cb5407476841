/**
 * For the kit's own tests: the reference bridge's known failures, and reading back the JUnit XML.
 *
 * A case listed here fails against the reference bridge because of a bug in the bridge (reported,
 * not fixed here). The tests assert it still fails, so the entry is removed once the bridge is fixed.
 */
import { ORIGIN, startTestBridge } from '../../mocks/dev-bridge/test-bridge';
import { SIMULATED_READER } from '../../mocks/dev-bridge/simulator-backend';
import { runConformance, type ConformanceOptions } from './kit';

export const KNOWN_REFERENCE_BUGS: Record<string, string> = {};

export interface JunitCase {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
}

/** The testcases of the kit's JUnit XML (enough of a parser for the XML junit.ts writes). */
export function junitCases(xml: string): JunitCase[] {
  const cases: JunitCase[] = [];
  for (const match of xml.matchAll(/<testcase [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g)) {
    const body = match[2]!;
    const outcome = body.includes('<failure') ? 'failed' : body.includes('<skipped') ? 'skipped' : 'passed';
    cases.push({ name: match[1]!, outcome });
  }
  return cases;
}

type KitRunDefaults = 'origin' | 'timeoutMs' | 'write';

/** The kit as its own tests run it: the test Origin, five seconds an answer, no report lines unless asked for. */
export const runKit = (
  options: Omit<ConformanceOptions, KitRunDefaults> & Partial<Pick<ConformanceOptions, KitRunDefaults>>,
) => runConformance({ origin: ORIGIN, timeoutMs: 5_000, write: () => undefined, ...options });

/** A box with a second, foreign reader (a B-CAS stand-in) that the bridge is configured not to serve. */
export async function startBoxWithForeignReader(pkiDir: string, token: string) {
  const bridge = await startTestBridge({ pkiDir, token, foreignCard: true, readers: [SIMULATED_READER] });
  await bridge.cards.settled();
  return bridge;
}
