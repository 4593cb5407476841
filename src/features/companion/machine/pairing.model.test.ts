/** Model-based test of the pairing machine: every shortest path and every edge, with fakes. */
import { testEveryPath } from '../../../machines/testing/model';
import { pairingSpec } from './pairing.test-model';

describe('pairing machine (model-based)', () => {
  testEveryPath('pairing', pairingSpec, (run) => {
    // A flow that ended keeps no codes; only a paired one hands on its pairing.
    const snapshot = run.actor.getSnapshot();
    if (snapshot.status === 'done') {
      expect(snapshot.context.codes).toBeUndefined();
      if (snapshot.output?.outcome !== 'paired') expect(snapshot.context.pairing).toBeUndefined();
    }
  });
});
