/** Model-based test of the registration machine: every shortest path and every edge, with fakes. */
import { MachineCoverage } from '../../../machines/testing/coverage';
import { CONFIRMATION } from '../../../machines/testing/fixtures';
import { modelPaths, pathsByEndState, runPath, PATH_GROUP_TIMEOUT_MS } from '../../../machines/testing/model';
import { registrationMachine } from './registration.machine';
import { registrationSpec } from './registration.test-model';

const coverage = new MachineCoverage('registration', registrationMachine);
const paths = modelPaths(registrationSpec);

describe('registration machine (model-based)', () => {
  test.each(pathsByEndState(paths))(
    'every path to %s',
    async (_, group) => {
      for (const path of group) await checkPath(path);
    },
    PATH_GROUP_TIMEOUT_MS,
  );

  async function checkPath(path: (typeof paths)[number]): Promise<void> {
    const run = await runPath(registrationSpec, path, coverage);
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
    // A last try's value goes only with a CONFIRM, and is only ever the bridge's (never `true`).
    const confirmed = ['signWithPassword', 'signChallenge']
      .flatMap((id) => run.fakes.inputsOf(id))
      .map((input) => (input as { confirmLastAttempt?: unknown }).confirmLastAttempt)
      .filter((value) => value !== undefined);
    const confirms = path.path.steps.filter((step) => step.event.type === 'CONFIRM');
    expect(confirmed.length).toBeLessThanOrEqual(confirms.length);
    for (const value of confirmed) expect(value).toBe(CONFIRMATION);
    run.actor.stop();
  }

  test('covers every state and transition', () => {
    console.log(`registration: ${paths.length} model paths executed`);
    const report = coverage.write();
    expect(report.states.missing).toEqual([]);
    expect(report.transitions.missing).toEqual([]);
  });
});
