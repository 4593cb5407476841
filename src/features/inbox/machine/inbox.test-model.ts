/** The inbox machine's test model and its data. */
import type { SnapshotFrom } from 'xstate';
import type { Notice, NoticeList } from '../../../machines/ports';
import { done, fail, phoneSendCases, platformErrors } from '../../../machines/testing/fixtures';
import { serializedWith, type ModelSpec } from '../../../machines/testing/model';
import { inboxMachine } from './inbox.machine';

type Snapshot = SnapshotFrom<typeof inboxMachine>;

export const invitation: Notice = {
  id: 'nt-1',
  sender: { id: 'city', name: '窓口町役場', nameEn: 'Madoguchi Town Office' },
  sentAt: '2026-11-28T01:00:00Z',
  title: '特定健診 受診券のご案内',
  body: '受診券を発行しました。',
  read: false,
  kept: false,
  receiptRequested: true,
  action: { kind: 'health' },
};
export const readNotice: Notice = {
  ...invitation,
  id: 'nt-2',
  title: '設備点検のお知らせ',
  read: true,
  readAt: '2026-11-20T00:00:00Z',
  receiptRequested: false,
  action: undefined,
};
const { body: _b, ...invitationRow } = invitation;
const { body: _r, ...readRow } = readNotice;
export const noticeList: NoticeList = { unreadCount: 1, notices: [invitationRow, readRow] };
export const markedRead: Notice = { ...invitation, read: true, readAt: '2026-12-07T12:00:00Z' };

const errors = [platformErrors.unavailable(), platformErrors.sessionExpired()];
const ACTORS = ['loadNotices', 'loadNotice', 'markRead', 'keepNotice', 'deleteNotice'];

export const inboxSpec: ModelSpec<typeof inboxMachine> = {
  machine: inboxMachine,
  promiseActors: [...ACTORS, 'sendToPhone'],
  events: [
    ...phoneSendCases('notice'),
    { type: 'OK' },
    { type: 'SELECT', id: 'nt-1' },
    { type: 'PAGE', page: 1 },
    { type: 'KEEP' },
    { type: 'DELETE' },
    { type: 'CONFIRM' },
    { type: 'CANCEL' },
    { type: 'ACTION' },
    { type: 'BACK' },
    { type: 'RETRY' },
    done('loadNotices', noticeList),
    done('loadNotices', { unreadCount: 0, notices: [] }),
    // One notice: deleting it leaves the box empty.
    done('loadNotices', { unreadCount: 1, notices: [invitationRow] }),
    done('loadNotice', invitation),
    done('loadNotice', readNotice),
    done('markRead', markedRead),
    done('keepNotice', { ...markedRead, kept: true }),
    done('deleteNotice', undefined),
    ...ACTORS.flatMap((id) => errors.map((error) => fail(id, error))),
  ],
  serialize: serializedWith((c: Snapshot['context']) => ({
    notices: c.notices?.map((row) => `${row.id}:${row.read}:${row.kept}`),
    noticeId: c.noticeId,
    notice: c.notice && `${c.notice.id}:${c.notice.read}:${c.notice.kept}`,
    page: c.page,
    readNotRecorded: c.readNotRecorded,
    error: c.error?.messageKey,
  })),
};
