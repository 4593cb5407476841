/** Model-based test of the session machine: every shortest path and every edge, with fakes. */
import { DISPLAY_NAME } from '../../../machines/testing/fixtures';
import { MachineCoverage } from '../../../machines/testing/coverage';
import { modelPaths, pathsByEndState, runPath, PATH_GROUP_TIMEOUT_MS } from '../../../machines/testing/model';
import { sessionMachine } from './session.machine';
import { sessionSpec } from './session.test-model';

const coverage = new MachineCoverage('session', sessionMachine);
const paths = modelPaths(sessionSpec);

describe('session machine (model-based)', () => {
  test.each(pathsByEndState(paths))(
    'every path to %s',
    async (_, group) => {
      for (const path of group) {
        const run = await runPath(sessionSpec, path, coverage);
        const snapshot = run.actor.getSnapshot();
        // Outside the logged-in state nothing personal is left, anywhere in the persisted snapshot.
        if (!snapshot.matches('loggedIn')) {
          expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain(DISPLAY_NAME);
          expect(snapshot.context.profile).toBeUndefined();
        }
        run.actor.stop();
      }
    },
    PATH_GROUP_TIMEOUT_MS,
  );

  test('covers every state and transition', () => {
    console.log(`session: ${paths.length} model paths executed`);
    const report = coverage.write();
    expect(report.states.missing).toEqual([]);
    expect(report.transitions.missing).toEqual([]);
  });
});
