/**
 * The inbox screens, by screen id, and their strings: a chunk loaded on demand
 * (its index.ts, the shell's families.ts), so nothing in the initial bundle imports this file.
 */
import inbox from './strings.json';
import { familyOf } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { inboxMachine } from './machine/inbox.machine';
import { inboxView } from './view/inbox-view';
import { InboxScreen } from './index';
import { NoticeDetail } from './screens/NoticeDetail/NoticeDetail';
import { NoticeList } from './screens/NoticeList/NoticeList';

export const inboxFamily = familyOf(
  strings(inbox),
  {
    [InboxScreen.noticeList]: NoticeList,
    [InboxScreen.noticeDetail]: NoticeDetail,
  },
  { machine: inboxMachine, view: inboxView },
);
