/** The e-post box (電子私書箱): the notices list and one notice. Loaded on demand. */
import { lazyFeature } from '../../app/screens/feature';

export const InboxScreen = {
  noticeList: 'notice-list',
  noticeDetail: 'notice-detail',
} as const;

export const inboxFeature = lazyFeature(InboxScreen, () =>
  import('./screens').then((module) => module.inboxFamily),
);
