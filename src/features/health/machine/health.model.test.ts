/** Model-based test of the health machine: every shortest path and every edge, with fakes. */
import { testEveryPath } from '../../../machines/testing/model';
import { healthSpec } from './health.test-model';

describe('health machine (model-based)', () => {
  testEveryPath('health', healthSpec, (run) => {
    // A finished flow keeps no health data.
    if (run.actor.getSnapshot().status === 'done') {
      expect(JSON.stringify(run.actor.getPersistedSnapshot())).not.toContain('HbA1c');
    }
  });
});
