/** Health screens: what each load shows, and the errors with their messages. */
import { messageFor } from '../../../machines/messages';
import { done, fail, platformErrors } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes } from '../../../machines/testing/model';
import { checkup, checkupList, healthSpec, trend } from './health.test-model';

async function start() {
  const run = startWithFakes(healthSpec);
  const send = async (...events: Array<{ type: string; [key: string]: unknown }>) => {
    for (const event of events) await dispatch(run as never, event);
  };
  return { run, send, state: () => run.actor.getSnapshot() };
}

describe('health', () => {
  test('list → checkup → trend, with the inputs the platform needs', async () => {
    const { run, send, state } = await start();
    expect(state().value).toEqual({ list: 'loading' });
    await send(done('loadCheckups', checkupList), { type: 'SELECT', id: 'ck-2024' });
    expect(run.fakes.inputsOf('loadCheckup')).toEqual([{ checkupId: 'ck-2024' }]);
    await send(done('loadCheckup', checkup), { type: 'SELECT', id: '3D046' });
    expect(run.fakes.inputsOf('loadTrend')).toEqual([{ itemCode: '3D046' }]);
    await send(done('loadTrend', trend));
    expect(state().value).toEqual({ trend: 'ready' });
    await send({ type: 'BACK' }, { type: 'BACK' });
    expect(state().value).toEqual({ list: 'ready' });
    expect(run.fakes.inputsOf('loadCheckups')).toHaveLength(1);
  });

  test('an unknown id is ignored (no request for it)', async () => {
    const { run, send, state } = await start();
    await send(done('loadCheckups', checkupList), { type: 'SELECT', id: 'ck-1999' });
    expect(state().value).toEqual({ list: 'ready' });
    expect(run.fakes.inputsOf('loadCheckup')).toEqual([]);
  });

  test('empty list: a message, medications still reachable', async () => {
    const { send, state } = await start();
    await send(done('loadCheckups', { checkups: [] }));
    expect(state().value).toEqual({ list: 'empty' });
    expect(messageFor('checkupsEmpty').ja).toBeTruthy();
    await send({ type: 'MEDICATIONS' }, done('loadMedications', { medications: [] }));
    expect(state().value).toEqual({ medications: 'empty' });
  });

  test('an error with retry', async () => {
    const { run, send, state } = await start();
    await send(fail('loadCheckups', platformErrors.network()));
    expect(state().value).toEqual({ list: 'error' });
    expect(state().context.error?.messageKey).toBe('NETWORK_ERROR');
    expect(messageFor('NETWORK_ERROR').ja).toContain('つながりません');
    await send({ type: 'RETRY' }, done('loadCheckups', checkupList));
    expect(state().value).toEqual({ list: 'ready' });
    expect(state().context.error).toBeUndefined();
    expect(run.fakes.inputsOf('loadCheckups')).toHaveLength(2);
  });

  // An expired session, or one ended with its certificate: the flow ends for the session to log out.
  test.each([
    ['sessionExpired', 'loggedOutSessionExpired'],
    ['sessionCertificateRevoked', 'loggedOutCertificateRevoked'],
  ] as const)('%s ends the flow with the reason %s', async (refusal, reason) => {
    const { send, state } = await start();
    await send(fail('loadCheckups', platformErrors[refusal]()));
    expect(state().output).toEqual({ outcome: 'sessionExpired', reason });
  });
});
