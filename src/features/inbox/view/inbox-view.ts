/**
 * Inbox flow snapshot → screen: the notice list (unread first, then newest; `loading` / `empty`
 * flags so the screen keeps its title), one notice (shown while it is marked read or kept), the
 * delete confirmation and the errors as the shell's message with their way on, and a 'status'
 * while the flow has ended (the session takes over right after).
 */
import type { SnapshotFrom } from 'xstate';
import type { inboxMachine } from '../machine/inbox.machine';
import type { Notice, NoticeSummary } from '../../../platform/types';
import { errorRef, messageView, noticeView, statusView, type ScreenView } from '../../../app/view/app-view';
import { phoneSendStep, phoneSendView } from '../../../app/view/phone-send-view';
import { InboxScreen } from '../index';

type InboxSnapshot = SnapshotFrom<typeof inboxMachine>;

export interface NoticeListProps {
  /** Unread first, then newest first. */
  notices: NoticeSummary[];
  loading: boolean;
  empty: boolean;
}

export interface NoticeDetailProps {
  notice?: Notice;
  loading: boolean;
  /** Marking it read failed: said on screen (it is tried again at the next opening). */
  readNotRecorded: boolean;
  /** Keeping (or no longer keeping) it is on its way. */
  saving: boolean;
  /** The page on screen (0 first; the screen holds it to the pages there are). */
  page: number;
}

const TARGET = 'inbox' as const;

/** Unread first, then the newest. */
export const inboxOrder = (notices: readonly NoticeSummary[]): NoticeSummary[] =>
  [...notices].sort((a, b) => Number(a.read) - Number(b.read) || b.sentAt.localeCompare(a.sentAt));

function errorView(snapshot: InboxSnapshot): ScreenView {
  return messageView(TARGET, {
    tone: 'error',
    titleKey: 'common.title.error',
    body: errorRef(snapshot.context.error),
    actions: [
      { labelKey: 'common.retry', event: { type: 'RETRY' } },
      { labelKey: 'common.back', event: { type: 'BACK' } },
    ],
    contact: true,
  });
}

/** Asked on screen before anything is deleted; Back (the last action) keeps the notice. */
const confirmDeleteView = (): ScreenView =>
  noticeView(
    TARGET,
    'inbox.title.delete',
    { key: 'noticeDeleteConfirm' },
    [
      { labelKey: 'inbox.delete.confirm', event: { type: 'CONFIRM' } },
      { labelKey: 'inbox.delete.cancel', event: { type: 'CANCEL' } },
    ],
    1,
  );

const FAILED = [
  { list: 'error' },
  { notice: 'error' },
  { notice: { shown: 'keepFailed' } },
  { notice: { shown: 'deleteFailed' } },
] as const;

export function inboxView(snapshot: InboxSnapshot): ScreenView {
  const { context } = snapshot;
  if (snapshot.status !== 'active') {
    return statusView(TARGET, { titleKey: 'inbox.title.list', bodyKey: 'common.pleaseWait' });
  }
  if (FAILED.some((state) => snapshot.matches(state))) return errorView(snapshot);
  const phoneStep = phoneSendStep((step) => snapshot.matches({ notice: { shown: { phone: step } } }));
  if (phoneStep) return phoneSendView(TARGET, phoneStep, context.error);
  if (snapshot.matches({ notice: { shown: 'confirmDelete' } })) return confirmDeleteView();
  if (snapshot.matches({ notice: { shown: 'deleting' } })) {
    return statusView(TARGET, { titleKey: 'inbox.title.delete', bodyKey: 'common.pleaseWait' });
  }
  if (snapshot.matches('notice')) {
    const props: NoticeDetailProps = {
      ...(context.notice ? { notice: context.notice } : {}),
      loading: snapshot.matches({ notice: 'loading' }),
      readNotRecorded: context.readNotRecorded,
      saving: snapshot.matches({ notice: { shown: 'keeping' } }),
      page: context.page,
    };
    return { screen: InboxScreen.noticeDetail, target: TARGET, props };
  }
  // list.resolving passes at once; it shows as loading for the instant it could be seen.
  const props: NoticeListProps = {
    notices: inboxOrder(context.notices ?? []),
    loading: snapshot.matches({ list: 'loading' }) || snapshot.matches({ list: 'resolving' }),
    empty: snapshot.matches({ list: 'empty' }),
  };
  return { screen: InboxScreen.noticeList, target: TARGET, props };
}
