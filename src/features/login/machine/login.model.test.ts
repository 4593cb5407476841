/** Model-based test of the login machine: every shortest path and every edge, with fake actors. */
import type { SnapshotFrom } from 'xstate';
import { MachineCoverage } from '../../../machines/testing/coverage';
import { CONFIRMATION } from '../../../machines/testing/fixtures';
import { modelPaths, pathsByEndState, runPath, PATH_GROUP_TIMEOUT_MS } from '../../../machines/testing/model';
import { loginMachine } from './login.machine';
import { loginSpec } from './login.test-model';

type Snapshot = SnapshotFrom<typeof loginMachine>;

const coverage = new MachineCoverage('login', loginMachine);
const paths = modelPaths(loginSpec);

/** The PIN is in context only while it is being typed (or about to be handed to the card). */
function assertPinOnlyWhileTyping(snapshot: Snapshot): void {
  if (!snapshot.matches('active') && !snapshot.matches('challenging')) expect(snapshot.context.pin).toBe('');
}

describe('login machine (model-based)', () => {
  test('the model has paths to every state', () => {
    expect(paths.length).toBeGreaterThan(50);
  });

  test.each(pathsByEndState(paths))(
    'every path to %s',
    async (_, group) => {
      for (const path of group) await checkPath(path);
    },
    PATH_GROUP_TIMEOUT_MS,
  );

  async function checkPath(path: (typeof paths)[number]): Promise<void> {
    const run = await runPath(loginSpec, path, coverage);
    const snapshot = run.actor.getSnapshot();
    assertPinOnlyWhileTyping(snapshot);
    if (snapshot.status === 'done') expect(JSON.stringify(snapshot.context)).not.toContain('"pin":"7');
    // Never a sign the viewer did not ask for: at most one per OK/CONFIRM on the path.
    const asked = path.path.steps.filter((step) => step.event.type === 'OK' || step.event.type === 'CONFIRM');
    expect(run.fakes.inputsOf('signChallenge').length).toBeLessThanOrEqual(asked.length);
    // The last try's value goes only with a CONFIRM, and is only ever the bridge's (never `true`).
    const confirmed = run.fakes
      .inputsOf('signChallenge')
      .map((input) => (input as { confirmLastAttempt?: unknown }).confirmLastAttempt)
      .filter((value) => value !== undefined);
    const confirms = path.path.steps.filter((step) => step.event.type === 'CONFIRM');
    expect(confirmed.length).toBeLessThanOrEqual(confirms.length);
    for (const value of confirmed) expect(value).toBe(CONFIRMATION);
    run.actor.stop();
  }

  test('covers every state and transition', () => {
    console.log(`login: ${paths.length} model paths executed`);
    const report = coverage.write();
    expect(report.states.missing).toEqual([]);
    expect(report.transitions.missing).toEqual([]);
  });
});
