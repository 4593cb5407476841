/** The inbox: the list, one notice marked read once shown, keep, delete with its confirmation, actions. */
import { done, fail, platformErrors } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes } from '../../../machines/testing/model';
import { messageFor } from '../../../machines/messages';
import { inboxSpec, invitation, markedRead, noticeList, readNotice } from './inbox.test-model';

async function start() {
  const run = startWithFakes(inboxSpec);
  const send = async (...events: Array<{ type: string; [key: string]: unknown }>) => {
    for (const event of events) await dispatch(run as never, event);
  };
  return { run, send, state: () => run.actor.getSnapshot() };
}

/** The list loaded and the unread invitation opened and on screen. */
async function opened() {
  const started = await start();
  await started.send(done('loadNotices', noticeList), { type: 'SELECT', id: 'nt-1' });
  await started.send(done('loadNotice', invitation));
  return started;
}

describe('inbox', () => {
  test('the list loads; an unknown id is ignored; BACK closes', async () => {
    const { run, send, state } = await start();
    expect(state().value).toEqual({ list: 'loading' });
    await send(done('loadNotices', noticeList), { type: 'SELECT', id: 'nt-9' });
    expect(state().value).toEqual({ list: 'ready' });
    expect(run.fakes.inputsOf('loadNotice')).toEqual([]);
    await send({ type: 'BACK' });
    expect(state().output).toEqual({ outcome: 'closed' });
  });

  test('an empty box says so, and BACK closes', async () => {
    const { send, state } = await start();
    await send(done('loadNotices', { unreadCount: 0, notices: [] }));
    expect(state().value).toEqual({ list: 'empty' });
    expect(messageFor('noticesEmpty').ja).toBeTruthy();
    await send({ type: 'BACK' });
    expect(state().output).toEqual({ outcome: 'closed' });
  });

  test('a load error with retry', async () => {
    const { run, send, state } = await start();
    await send(fail('loadNotices', platformErrors.network()));
    expect(state().value).toEqual({ list: 'error' });
    expect(state().context.error?.messageKey).toBe('NETWORK_ERROR');
    await send({ type: 'RETRY' }, done('loadNotices', noticeList));
    expect(state().value).toEqual({ list: 'ready' });
    expect(run.fakes.inputsOf('loadNotices')).toHaveLength(2);
  });

  // Whichever call finds the session over ends the flow for the session to log out, saying why.
  test.each([
    ['loading the list', start, 'loadNotices', 'sessionCertificateRevoked', 'loggedOutCertificateRevoked'],
    ['marking it read', opened, 'markRead', 'sessionExpired', 'loggedOutSessionExpired'],
  ] as const)('a session found over while %s ends the flow', async (_, reach, call, refusal, reason) => {
    const { send, state } = await reach();
    await send(fail(call, platformErrors[refusal]()));
    expect(state().output).toEqual({ outcome: 'sessionExpired', reason });
  });

  test('opening loads the notice, and only once it is shown marks it read; the list row follows', async () => {
    const { run, send, state } = await start();
    await send(done('loadNotices', noticeList), { type: 'SELECT', id: 'nt-1' });
    expect(state().value).toEqual({ notice: 'loading' });
    expect(run.fakes.inputsOf('markRead')).toEqual([]);
    await send(done('loadNotice', invitation));
    expect(state().value).toEqual({ notice: { shown: 'marking' } });
    expect(run.fakes.inputsOf('markRead')).toEqual([{ noticeId: 'nt-1' }]);
    await send(done('markRead', markedRead));
    expect(state().value).toEqual({ notice: { shown: 'ready' } });
    expect(state().context.notice?.read).toBe(true);
    await send({ type: 'BACK' });
    expect(state().value).toEqual({ list: 'ready' });
    expect(state().context.notices?.find((row) => row.id === 'nt-1')?.read).toBe(true);
    expect(run.fakes.inputsOf('loadNotices')).toHaveLength(1);
  });

  test('PAGE keeps the page on screen; another notice opens at its first', async () => {
    const { send, state } = await opened();
    await send({ type: 'PAGE', page: 2 });
    expect(state().context.page).toBe(2);
    await send(done('markRead', markedRead), { type: 'PAGE', page: -1 });
    expect(state().context.page).toBe(0);
    await send({ type: 'PAGE', page: 1 }, { type: 'BACK' }, { type: 'SELECT', id: 'nt-2' });
    expect(state().context.page).toBe(0);
  });

  test('a notice read before is not marked again', async () => {
    const { run, send, state } = await start();
    await send(done('loadNotices', noticeList), { type: 'SELECT', id: 'nt-2' });
    await send(done('loadNotice', readNotice));
    expect(state().value).toEqual({ notice: { shown: 'ready' } });
    expect(run.fakes.inputsOf('markRead')).toEqual([]);
  });

  test('a failed load of the notice: retry, or back to the list', async () => {
    const { run, send, state } = await start();
    await send(done('loadNotices', noticeList), { type: 'SELECT', id: 'nt-1' });
    await send(fail('loadNotice', platformErrors.unavailable()));
    expect(state().value).toEqual({ notice: 'error' });
    await send({ type: 'RETRY' });
    expect(run.fakes.inputsOf('loadNotice')).toHaveLength(2);
    await send(fail('loadNotice', platformErrors.unavailable()), { type: 'BACK' });
    expect(state().value).toEqual({ list: 'ready' });
    expect(state().context.noticeId).toBeUndefined();
  });

  test('a failed mark leaves the notice readable, says so, and keeps the row unread', async () => {
    const { send, state } = await opened();
    await send(fail('markRead', platformErrors.network()));
    expect(state().value).toEqual({ notice: { shown: 'ready' } });
    expect(state().context.readNotRecorded).toBe(true);
    expect(messageFor('noticeReadNotRecorded').ja).toBeTruthy();
    await send({ type: 'BACK' });
    expect(state().context.notices?.find((row) => row.id === 'nt-1')?.read).toBe(false);
    await send({ type: 'SELECT', id: 'nt-1' });
    expect(state().context.readNotRecorded).toBe(false);
  });

  test('KEEP keeps it (and again stops keeping it); a failure retries or goes back', async () => {
    const { run, send, state } = await opened();
    await send(done('markRead', markedRead), { type: 'KEEP' });
    expect(run.fakes.inputsOf('keepNotice')).toEqual([{ noticeId: 'nt-1', kept: true }]);
    await send(done('keepNotice', { ...markedRead, kept: true }));
    expect(state().value).toEqual({ notice: { shown: 'ready' } });
    expect(state().context.notices?.find((row) => row.id === 'nt-1')?.kept).toBe(true);
    await send({ type: 'KEEP' });
    expect(run.fakes.inputsOf('keepNotice')[1]).toEqual({ noticeId: 'nt-1', kept: false });
    await send(fail('keepNotice', platformErrors.unavailable()));
    expect(state().value).toEqual({ notice: { shown: 'keepFailed' } });
    await send({ type: 'RETRY' });
    expect(run.fakes.inputsOf('keepNotice')).toHaveLength(3);
    await send(fail('keepNotice', platformErrors.unavailable()), { type: 'BACK' });
    expect(state().value).toEqual({ notice: { shown: 'ready' } });
  });

  test('keeping one notice marks only its own row in the list as kept', async () => {
    const { send, state } = await opened();
    await send(
      done('markRead', markedRead),
      { type: 'KEEP' },
      done('keepNotice', { ...markedRead, kept: true }),
    );
    await send({ type: 'BACK' });
    expect(state().context.notices?.map((row) => [row.id, row.kept])).toEqual([
      ['nt-1', true],
      ['nt-2', false],
    ]);
  });

  test('DELETE asks first: CANCEL and BACK keep it, CONFIRM deletes it and shows the list without it', async () => {
    const { run, send, state } = await opened();
    await send(done('markRead', markedRead), { type: 'DELETE' });
    expect(state().value).toEqual({ notice: { shown: 'confirmDelete' } });
    await send({ type: 'CANCEL' });
    expect(state().value).toEqual({ notice: { shown: 'ready' } });
    await send({ type: 'DELETE' }, { type: 'BACK' });
    expect(state().value).toEqual({ notice: { shown: 'ready' } });
    expect(run.fakes.inputsOf('deleteNotice')).toEqual([]);
    await send({ type: 'DELETE' }, { type: 'CONFIRM' });
    expect(run.fakes.inputsOf('deleteNotice')).toEqual([{ noticeId: 'nt-1' }]);
    await send(done('deleteNotice', undefined));
    expect(state().value).toEqual({ list: 'ready' });
    expect(state().context.notices?.map((row) => row.id)).toEqual(['nt-2']);
  });

  test('deleting the last notice leaves the empty box; a failed delete retries or goes back', async () => {
    const { run, send, state } = await start();
    await send(done('loadNotices', { unreadCount: 0, notices: [noticeList.notices[1]!] }));
    await send({ type: 'SELECT', id: 'nt-2' }, done('loadNotice', readNotice));
    await send({ type: 'DELETE' }, { type: 'CONFIRM' }, fail('deleteNotice', platformErrors.network()));
    expect(state().value).toEqual({ notice: { shown: 'deleteFailed' } });
    await send({ type: 'BACK' });
    expect(state().value).toEqual({ notice: { shown: 'ready' } });
    await send({ type: 'DELETE' }, { type: 'CONFIRM' }, fail('deleteNotice', platformErrors.network()));
    await send({ type: 'RETRY' }, done('deleteNotice', undefined));
    expect(run.fakes.inputsOf('deleteNotice')).toHaveLength(3);
    expect(state().value).toEqual({ list: 'empty' });
  });

  test("ACTION ends the flow with the notice's action; a notice without one ignores it", async () => {
    const plain = await start();
    await plain.send(done('loadNotices', noticeList), { type: 'SELECT', id: 'nt-2' });
    await plain.send(done('loadNotice', readNotice), { type: 'ACTION' });
    expect(plain.state().value).toEqual({ notice: { shown: 'ready' } });

    const { send, state } = await opened();
    await send(done('markRead', markedRead), { type: 'ACTION' });
    expect(state().output).toEqual({ outcome: 'action', action: { kind: 'health' } });
  });
});
