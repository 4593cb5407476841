/** Model-based test of the login machine: every shortest path and every edge, with fake actors. */
import type { SnapshotFrom } from 'xstate';
import { expectOnlyAskedTries } from '../../../machines/testing/card-safety';
import { testEveryPath } from '../../../machines/testing/model';
import type { loginMachine } from './login.machine';
import { loginSpec } from './login.test-model';

type Snapshot = SnapshotFrom<typeof loginMachine>;

/** The PIN is in context only while it is being typed (or about to be handed to the card). */
function assertPinOnlyWhileTyping(snapshot: Snapshot): void {
  if (!snapshot.matches('active') && !snapshot.matches('challenging')) expect(snapshot.context.pin).toBe('');
}

describe('login machine (model-based)', () => {
  const paths = testEveryPath('login', loginSpec, (run, path) => {
    const snapshot = run.actor.getSnapshot();
    assertPinOnlyWhileTyping(snapshot);
    if (snapshot.status === 'done') expect(JSON.stringify(snapshot.context)).not.toContain('"pin":"7');
    expectOnlyAskedTries(run.fakes, path, ['signChallenge']);
  });

  test('the model has paths to every state', () => {
    expect(paths.length).toBeGreaterThan(50);
  });
});
