/** Model-based test of the inbox machine: every shortest path and every edge, with fakes. */
import { testEveryPath } from '../../../machines/testing/model';
import { inboxSpec } from './inbox.test-model';

describe('inbox machine (model-based)', () => {
  testEveryPath('inbox', inboxSpec, (run) => {
    // A closed or expired flow keeps no notice; one left for its action hands over the action only.
    const snapshot = run.actor.getSnapshot();
    if (snapshot.status === 'done' && snapshot.output?.outcome !== 'action') {
      expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain('受診券');
    }
  });
});
