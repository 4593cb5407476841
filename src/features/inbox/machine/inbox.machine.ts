/**
 * The e-post box (電子私書箱): the notices from the town, the health insurer and the cable operator,
 * one notice, keeping (保存) and deleting it. A notice is marked read only once it is on the screen
 * (its sender's read receipt, when asked for, gets that time); a failed mark leaves the notice
 * readable and says so. Deleting asks first. A notice's action (a checkup invitation, a facility
 * notice) ends this flow for the session to open health or booking. The data stays only as long as
 * this actor: the session stops it on logout.
 */
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import { errorIs, type SessionEndReason } from '../../../machines/errors';
import {
  notProvided,
  type KeepNoticeInput,
  type Notice,
  type NoticeAction,
  type NoticeInput,
  type NoticeList,
} from '../../../machines/ports';
import { failureActions, featureFlow, flowTypes, listStates, loaded } from '../../../machines/feature-flow';
import type { FailureContext, ListEvent } from '../../../machines/feature-flow';
import type { PhoneSendContext, PhoneSendEvent } from '../../../machines/phone-send';
import { phoneSendActions, phoneSendActors } from '../../../machines/phone-send';
import { flowEndStates, phoneSendStates, sendToPhone } from '../../../machines/phone-send';

/** How the flow ends: closed, the session ended, or the viewer took a notice's action. */
export type InboxOutput =
  | { outcome: 'closed' }
  | { outcome: 'sessionExpired'; reason?: SessionEndReason | undefined }
  | { outcome: 'action'; action: NoticeAction }
  | { outcome: 'pairPhone' };

export interface InboxContext extends PhoneSendContext, FailureContext {
  notices: NoticeList['notices'] | undefined;
  noticeId: string | undefined;
  notice: Notice | undefined;
  /** The page of the notice's text on screen (0 first); the screen knows how many there are. */
  page: number;
  /** Marking the shown notice read failed: it is told on screen and tried again at the next opening. */
  readNotRecorded: boolean;
}

export type InboxEvent =
  | ListEvent
  | { type: 'PAGE'; page: number }
  | { type: 'KEEP' | 'DELETE' | 'CONFIRM' | 'CANCEL' | 'ACTION' }
  | PhoneSendEvent;

const { failure, loadingList, resolvingList } = featureFlow('inbox', 'clearError');
const NOTHING_LOADED = { notices: undefined, noticeId: undefined, notice: undefined } as const;
type Ctx = { context: InboxContext };
const noticeInput = ({ context }: Ctx): NoticeInput => ({ noticeId: context.noticeId ?? '' });

/** The list's row of `notice` made to agree with it (read, kept), after the platform answered. */
const withSummaryOf = (notices: InboxContext['notices'], notice: Notice) =>
  notices?.map((row) => (row.id === notice.id ? { ...row, read: notice.read, kept: notice.kept } : row));

export const inboxMachine = setup({
  types: flowTypes<InboxContext, InboxEvent, InboxOutput>(),
  actors: {
    loadNotices: fromPromise<NoticeList>(notProvided('loadNotices')),
    loadNotice: fromPromise<Notice, NoticeInput>(notProvided('loadNotice')),
    markRead: fromPromise<Notice, NoticeInput>(notProvided('markRead')),
    keepNotice: fromPromise<Notice, KeepNoticeInput>(notProvided('keepNotice')),
    deleteNotice: fromPromise<void, NoticeInput>(notProvided('deleteNotice')),
    ...phoneSendActors,
  },
  actions: {
    ...failureActions<InboxContext, InboxEvent>(),
    ...phoneSendActions<InboxContext, InboxEvent>(),
    clearError: assign({ error: undefined }),
    chooseNotice: assign({
      noticeId: ({ event }) => (event.type === 'SELECT' ? event.id : undefined),
      readNotRecorded: false,
      page: 0,
    }),
    keepNotices: assign({ notices: ({ event }) => loaded<NoticeList>(event).notices }),
    keepNoNotices: assign({ notices: [] }),
    showNotice: assign(({ context, event }) => {
      const notice = loaded<Notice>(event);
      return { notice, notices: withSummaryOf(context.notices, notice) };
    }),
    noteReadNotRecorded: assign({ readNotRecorded: true }),
    forgetNotice: assign({ notice: undefined, noticeId: undefined }),
    dropDeleted: assign({
      notices: ({ context }) => context.notices?.filter((row) => row.id !== context.noticeId),
      notice: undefined,
      noticeId: undefined,
    }),
    forgetAll: assign(NOTHING_LOADED),
  },
  guards: {
    listedNotice: ({ context, event }) =>
      event.type === 'SELECT' && (context.notices ?? []).some((notice) => notice.id === event.id),
    noticesKnown: ({ context }) => (context.notices?.length ?? 0) > 0,
    noNoticesKnown: ({ context }) => context.notices?.length === 0,
    alreadyRead: ({ context }) => context.notice?.read === true,
    hasAction: ({ context }) => context.notice?.action !== undefined,
  },
}).createMachine({
  id: 'inbox',
  context: {
    ...NOTHING_LOADED,
    page: 0,
    readNotRecorded: false,
    error: undefined,
    sessionEnd: undefined,
    phoneItem: undefined,
  },
  initial: 'list',
  output: ({ event }) => (event as unknown as DoneActorEvent<InboxOutput>).output,
  states: {
    list: {
      initial: 'resolving',
      states: {
        /** Coming back to the list shows what is known (a notice read or deleted meanwhile too). */
        resolving: resolvingList('noticesKnown', 'noNoticesKnown'),
        loading: loadingList('loadNotices', {
          isEmpty: (output: NoticeList) => output.notices.length === 0,
          keep: 'keepNotices',
          keepEmpty: 'keepNoNotices',
        }),
        ...listStates(
          '#inbox.closed',
          {},
          { guard: 'listedNotice', target: '#inbox.notice', actions: 'chooseNotice' },
        ),
      },
    },
    notice: {
      initial: 'loading',
      states: {
        loading: {
          entry: 'clearError',
          invoke: {
            id: 'loadNotice',
            src: 'loadNotice',
            input: noticeInput,
            onDone: { target: 'shown', actions: 'showNotice' },
            onError: failure('#inbox.notice.error'),
          },
        },
        error: { on: { RETRY: 'loading', BACK: { target: '#inbox.list', actions: 'forgetNotice' } } },
        shown: {
          initial: 'reading',
          on: { PAGE: { actions: assign({ page: ({ event }) => Math.max(0, Math.floor(event.page)) }) } },
          states: {
            /** On screen now: only now is it marked read (once; the platform keeps the first time). */
            reading: { always: [{ guard: 'alreadyRead', target: 'ready' }, { target: 'marking' }] },
            marking: {
              invoke: {
                id: 'markRead',
                src: 'markRead',
                input: noticeInput,
                onDone: { target: 'ready', actions: 'showNotice' },
                onError: [
                  {
                    guard: ({ event }) => errorIs(event, 'sessionExpired'),
                    target: '#inbox.sessionExpired',
                    actions: 'noteSessionEnd',
                  },
                  { target: 'ready', actions: 'noteReadNotRecorded' },
                ],
              },
            },
            ready: {
              on: {
                KEEP: 'keeping',
                DELETE: 'confirmDelete',
                ACTION: { guard: 'hasAction', target: '#inbox.action' },
                BACK: { target: '#inbox.list', actions: 'forgetNotice' },
                SEND_TO_PHONE: sendToPhone('phone'),
              },
            },
            /** 「スマートフォンに送る」 from the open notice: back to it after. */
            phone: phoneSendStates('inbox', '#inbox.notice.shown.ready'),
            keeping: {
              entry: 'clearError',
              invoke: {
                id: 'keepNotice',
                src: 'keepNotice',
                input: ({ context }) => ({ noticeId: context.noticeId ?? '', kept: !context.notice?.kept }),
                onDone: { target: 'ready', actions: 'showNotice' },
                onError: failure('#inbox.notice.shown.keepFailed'),
              },
            },
            keepFailed: { on: { RETRY: 'keeping', BACK: 'ready' } },
            confirmDelete: { on: { CONFIRM: 'deleting', CANCEL: 'ready', BACK: 'ready' } },
            deleting: {
              entry: 'clearError',
              invoke: {
                id: 'deleteNotice',
                src: 'deleteNotice',
                input: noticeInput,
                onDone: { target: '#inbox.list', actions: 'dropDeleted' },
                onError: failure('#inbox.notice.shown.deleteFailed'),
              },
            },
            deleteFailed: { on: { RETRY: 'deleting', BACK: 'ready' } },
          },
        },
      },
    },
    action: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'action' as const, action: context.notice!.action! }),
    },
    ...flowEndStates('forgetAll'),
  },
});
