/** Model-based test of the registration machine: every shortest path and every edge, with fakes. */
import { expectOnlyAskedTries } from '../../../machines/testing/card-safety';
import { testEveryPath } from '../../../machines/testing/model';
import { registrationSpec } from './registration.test-model';

describe('registration machine (model-based)', () => {
  testEveryPath('registration', registrationSpec, (run, path) => {
    const snapshot = run.actor.getSnapshot();
    // Secrets live only in the entry states.
    if (!snapshot.matches('entering') && !snapshot.matches('challenging')) {
      expect(snapshot.context.password).toBe('');
      if (!snapshot.matches('signingWithPassword')) expect(snapshot.context.pin).toBe('');
    }
    if (snapshot.status === 'done') {
      expect(snapshot.context).toMatchObject({ customerNumber: '', pin: '', password: '' });
      expect(snapshot.context).toMatchObject({ heldPin: undefined, heldPassword: undefined });
    }
    expectOnlyAskedTries(run.fakes, path, ['signWithPassword', 'signChallenge']);
  });
});
