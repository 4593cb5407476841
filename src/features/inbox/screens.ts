/**
 * The inbox screens, by screen id, and their strings: a chunk loaded on demand
 * (its index.ts, the shell's families.ts), so nothing in the initial bundle imports this file.
 */
import inbox from './strings.json';
import type { FamilyModule } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { InboxScreen } from './index';
import type { ScreenClass } from '../../app/screens/Screen';
import { NoticeDetail } from './screens/NoticeDetail/NoticeDetail';
import { NoticeList } from './screens/NoticeList/NoticeList';

const inboxScreens: Record<string, ScreenClass> = {
  [InboxScreen.noticeList]: NoticeList as unknown as ScreenClass,
  [InboxScreen.noticeDetail]: NoticeDetail as unknown as ScreenClass,
};

export const inboxFamily: FamilyModule = { screens: inboxScreens, translations: strings(inbox) };
