/**
 * The e-post box (電子私書箱). get() does not mark a notice read: the app calls markRead() when the
 * notice is actually shown to the viewer, which is when its sender's read receipt (if it asked for
 * one) gets its time.
 */
import type { Notice, NoticeList } from '../types';
import { CollectionResource, segment, sendChange, type CallOptions, type ResourceContext } from './context';

/** list() has the unread first, then the read, and `unreadCount` for the home screen. */
export class NoticesResource extends CollectionResource<NoticeList, Notice> {
  constructor(context: ResourceContext) {
    super(context, '/v1/notices');
  }

  /** The viewer opened it (idempotent). */
  markRead(noticeId: string, options: CallOptions = {}): Promise<Notice> {
    return sendChange<Notice>(this.context, 'POST', `/v1/notices/${segment(noticeId)}/read`, options);
  }

  /** Keeps (保存) it, or stops keeping it. */
  keep(noticeId: string, kept: boolean, options: CallOptions = {}): Promise<Notice> {
    return sendChange<Notice>(this.context, 'POST', `/v1/notices/${segment(noticeId)}/keep`, options, {
      kept,
    });
  }

  /** Deletes it (idempotent). */
  delete(noticeId: string, options: CallOptions = {}): Promise<void> {
    return sendChange<void>(this.context, 'DELETE', `/v1/notices/${segment(noticeId)}`, options);
  }
}
