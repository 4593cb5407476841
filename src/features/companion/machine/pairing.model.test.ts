/** Model-based test of the pairing machine: every shortest path and every edge, with fakes. */
import { MachineCoverage } from '../../../machines/testing/coverage';
import { modelPaths, pathsByEndState, runPath, PATH_GROUP_TIMEOUT_MS } from '../../../machines/testing/model';
import { pairingMachine } from './pairing.machine';
import { pairedSpec, pairingSpec } from './pairing.test-model';

const coverage = new MachineCoverage('pairing', pairingMachine);
const openings = [
  ['nothing paired', pairingSpec, modelPaths(pairingSpec)],
  ['a phone paired already', pairedSpec, modelPaths(pairedSpec)],
] as const;

describe('pairing machine (model-based)', () => {
  for (const [opening, spec, paths] of openings) {
    test.each(pathsByEndState(paths))(
      `${opening}: every path to %s`,
      async (_, group) => {
        for (const path of group) {
          const run = await runPath(spec, path, coverage);
          // A flow that ended keeps no codes; only a paired one hands on its pairing.
          const snapshot = run.actor.getSnapshot();
          if (snapshot.status === 'done') {
            expect(snapshot.context.codes).toBeUndefined();
            if (snapshot.output?.outcome !== 'paired') expect(snapshot.context.pairing).toBeUndefined();
          }
          run.actor.stop();
        }
      },
      PATH_GROUP_TIMEOUT_MS,
    );
  }

  test('covers every state and transition', () => {
    const report = coverage.write();
    // `opening` is the initial, transient state: no snapshot ever holds it; both of its
    // transitions are taken (one per opening).
    expect(report.states.missing).toEqual(['pairing.opening']);
    expect(report.transitions.missing).toEqual([]);
  });
});
