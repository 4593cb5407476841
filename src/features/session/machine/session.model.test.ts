/** Model-based test of the session machine: every shortest path and every edge, with fakes. */
import { DISPLAY_NAME } from '../../../machines/testing/fixtures';
import { testEveryPath } from '../../../machines/testing/model';
import { sessionSpec } from './session.test-model';

describe('session machine (model-based)', () => {
  testEveryPath('session', sessionSpec, (run) => {
    const snapshot = run.actor.getSnapshot();
    // Outside the logged-in state nothing personal is left, anywhere in the persisted snapshot.
    if (!snapshot.matches('loggedIn')) {
      expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain(DISPLAY_NAME);
      expect(snapshot.context.profile).toBeUndefined();
    }
  });
});
