/**
 * The inbox's gallery entries, taken from the real inbox machine driven with the notices of the
 * inbox's test data (the list, the empty box, a long notice at its first and a later page, the
 * delete confirmation), so each picture is what inboxView makes of a state the viewer can reach.
 */
import { done } from '../../src/machines/testing/fixtures';
import { inboxSpec } from '../../src/features/inbox/machine/inbox.test-model';
import { LONG_NOTICE, NOTICES } from '../../src/features/inbox/testing/inbox-data';
import { inboxView } from '../../src/features/inbox/view/inbox-view';
import type { GalleryEntry } from './gallery-common';
import { machineGallery, type GalleryEvent as Event } from './gallery-machine';

const list = done('loadNotices', { unreadCount: 2, notices: NOTICES });
const openLong: Event[] = [list, { type: 'SELECT', id: LONG_NOTICE.id }, done('loadNotice', LONG_NOTICE)];

export async function inboxGallery(): Promise<GalleryEntry[]> {
  return machineGallery(inboxSpec, inboxView, [
    ['notice-list', [list]],
    ['notice-list.en', [list], 'en'],
    ['notice-list-empty', [done('loadNotices', { unreadCount: 0, notices: [] })]],
    ['notice-detail', openLong],
    ['notice-detail.en', openLong, 'en'],
    // A later page: the last one there is at 標準 (a larger size has more, and shows this one).
    ['notice-detail-page', [...openLong, { type: 'PAGE', page: 2 }]],
    ['notice-delete-confirm', [...openLong, { type: 'DELETE' }]],
  ]);
}
