/** inboxView against the real inbox machine, driven through its states with FakeActors. */
import { done, fail, platformErrors } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes } from '../../../machines/testing/model';
import { expectPhoneSendViews, expectRetryOrBack } from '../../../app/testing/screen-harness-views';
import type { MessageProps, ScreenView } from '../../../app/view/app-view';
import { SCREEN } from '../../../app/screens/ids';
import { inboxSpec, invitation, markedRead, noticeList } from '../machine/inbox.test-model';
import { NOTICES } from '../testing/inbox-data';
import { inboxOrder, inboxView, type NoticeDetailProps, type NoticeListProps } from './inbox-view';

function start() {
  const run = startWithFakes(inboxSpec);
  const send = async (...events: Array<{ type: string; [key: string]: unknown }>) => {
    for (const event of events) await dispatch(run as never, event);
  };
  return { run, send, view: () => inboxView(run.actor.getSnapshot()) };
}

const props = <P>(view: ScreenView) => view.props as P;

describe('inboxView', () => {
  test('orders unread first, then newest', () => {
    const shuffled = [...NOTICES].reverse();
    const ordered = inboxOrder(shuffled);
    expect(ordered.map((n) => n.read)).toEqual([false, false, true, true, true]);
    expect(ordered.map((n) => n.id)).toEqual(NOTICES.map((n) => n.id));
  });

  test('list: loading, then the notices; empty says so', async () => {
    const { send, view } = start();
    expect(view()).toEqual({
      screen: SCREEN.noticeList,
      target: 'inbox',
      props: { notices: [], loading: true, empty: false },
    });
    await send(done('loadNotices', noticeList));
    expect(props<NoticeListProps>(view()).notices.map((n) => n.id)).toEqual(['nt-1', 'nt-2']);
    const empty = start();
    await empty.send(done('loadNotices', { unreadCount: 0, notices: [] }));
    expect(empty.view().props).toEqual({ notices: [], loading: false, empty: true });
  });

  test('a load error offers RETRY then BACK', async () => {
    const { send, view } = start();
    await send(fail('loadNotices', platformErrors.network()));
    expect(view().target).toBe('inbox');
    expectRetryOrBack(view(), 'NETWORK_ERROR');
  });

  test('a notice: loading, then shown while it is marked read; a failed mark is said', async () => {
    const { send, view } = start();
    await send(done('loadNotices', noticeList), { type: 'SELECT', id: 'nt-1' });
    expect(view().props).toEqual({ loading: true, readNotRecorded: false, saving: false, page: 0 });
    await send(done('loadNotice', invitation));
    expect(view().screen).toBe(SCREEN.noticeDetail);
    expect(props<NoticeDetailProps>(view()).notice?.id).toBe('nt-1');
    await send(fail('markRead', platformErrors.network()));
    expect(props<NoticeDetailProps>(view()).readNotRecorded).toBe(true);
    await send({ type: 'KEEP' });
    expect(props<NoticeDetailProps>(view()).saving).toBe(true);
    await send(fail('keepNotice', platformErrors.unavailable()));
    expectRetryOrBack(view(), 'PLATFORM_UNAVAILABLE');
  });

  test('a notice: スマートフォンに送る, sending, not paired, failed, sent, and pairing', async () => {
    const { run, send, view } = start();
    await send(done('loadNotices', noticeList), { type: 'SELECT', id: 'nt-1' });
    await send(done('loadNotice', invitation), done('markRead', markedRead));
    const output = () => run.actor.getSnapshot().output;
    await expectPhoneSendViews({ send, view, output }, SCREEN.noticeDetail);
  });

  test('delete: the confirmation (delete, or keep it with Back), then waiting, then a failure to retry', async () => {
    const { send, view } = start();
    await send(done('loadNotices', noticeList), { type: 'SELECT', id: 'nt-1' });
    await send(done('loadNotice', invitation), done('markRead', markedRead), { type: 'DELETE' });
    const confirm = props<MessageProps>(view());
    expect(view().screen).toBe(SCREEN.message);
    expect(confirm.body).toEqual({ key: 'noticeDeleteConfirm' });
    expect(confirm.actions.map((a) => a.event)).toEqual([{ type: 'CONFIRM' }, { type: 'CANCEL' }]);
    await send({ type: 'CONFIRM' });
    expect(view().screen).toBe(SCREEN.status);
    await send(fail('deleteNotice', platformErrors.network()));
    expectRetryOrBack(view(), 'NETWORK_ERROR');
  });

  test('a finished flow shows a status until the session takes over', async () => {
    const { send, view } = start();
    await send(done('loadNotices', noticeList), { type: 'BACK' });
    expect(view().screen).toBe(SCREEN.status);
  });
});
