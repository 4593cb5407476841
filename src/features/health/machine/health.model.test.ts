/** Model-based test of the health machine: every shortest path and every edge, with fakes. */
import { MachineCoverage } from '../../../machines/testing/coverage';
import { modelPaths, pathsByEndState, runPath, PATH_GROUP_TIMEOUT_MS } from '../../../machines/testing/model';
import { healthMachine } from './health.machine';
import { healthSpec } from './health.test-model';

const coverage = new MachineCoverage('health', healthMachine);
const paths = modelPaths(healthSpec);

describe('health machine (model-based)', () => {
  test.each(pathsByEndState(paths))(
    'every path to %s',
    async (_, group) => {
      for (const path of group) {
        const run = await runPath(healthSpec, path, coverage);
        // A finished flow keeps no health data.
        if (run.actor.getSnapshot().status === 'done') {
          expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain('HbA1c');
        }
        run.actor.stop();
      }
    },
    PATH_GROUP_TIMEOUT_MS,
  );

  test('covers every state and transition', () => {
    console.log(`health: ${paths.length} model paths executed`);
    const report = coverage.write();
    expect(report.states.missing).toEqual([]);
    expect(report.transitions.missing).toEqual([]);
  });
});
