/**
 * The e-post box (電子私書箱). get() does not mark a notice read: the app calls markRead() when the
 * notice is actually shown to the viewer, which is when its sender's read receipt (if it asked for
 * one) gets its time.
 */
import type { Notice, NoticeList } from '../types';
import { getResource, segment, sendChange, type CallOptions, type ResourceContext } from './context';

export class NoticesResource {
  constructor(private readonly context: ResourceContext) {}

  /** Unread first, then read; `unreadCount` for the home screen. */
  list(options: CallOptions = {}): Promise<NoticeList> {
    return getResource<NoticeList>(this.context, '/v1/notices', options);
  }

  get(noticeId: string, options: CallOptions = {}): Promise<Notice> {
    return getResource<Notice>(this.context, `/v1/notices/${segment(noticeId)}`, options);
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
