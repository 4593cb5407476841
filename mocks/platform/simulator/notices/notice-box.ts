/**
 * The e-post box (電子私書箱): notices senders post to a customer, read on the TV. Unread first;
 * a notice is marked read only when the app says the viewer opened it, and only then — and only
 * for a notice that asked for one — the sender's read receipt gets its time. Receipts live apart
 * from the notices, so a deleted notice still tells its sender when it was read. Every change is
 * one transaction in the store.
 */
import { bytesToBase64Url } from '../../../../src/platform/base64';
import type {
  Notice,
  NoticeAction,
  NoticeList,
  NoticeSummary,
  ReadReceipt,
  Sender,
  SentNotice,
} from '../../../../src/platform/types';
import { IdempotencyLedger, idempotencyKeyOf } from '../../store/idempotency';
import type { RecordStore } from '../../store/record-store';
import { invalid, ProblemError } from '../problem';
import { optionalPlainText, plainText } from './plain-text';
import { PLATFORM_SENDER } from './senders';

/** The notice as written by its sender (what seeds and the platform write too). */
export interface NoticeContent {
  title: string;
  body: string;
  titleEn?: string;
  bodyEn?: string;
  receiptRequested?: boolean;
  action?: NoticeAction;
}

interface NoticeRecord extends NoticeContent {
  id: string;
  customerNumber: string;
  senderId: string;
  sentAt: string;
  receiptRequested: boolean;
  readAt?: string;
  kept: boolean;
  /** The platform's warning that the box turned a notice away (one unread at a time). */
  boxFull?: true;
}

interface ReceiptRecord {
  noticeId: string;
  senderId: string;
  /** Whose box it went to: a delete of a deleted notice answers only that viewer with 204. */
  customerNumber: string;
  receiptRequested: boolean;
  readAt?: string;
}

/**
 * A box takes this many notices from senders; a sender's post past it is refused with
 * NOTICE_BOX_FULL (as a full mailbox bounces mail) and never makes room by deleting one: the
 * sender learns the notice did not arrive and can send it on paper, and the viewer loses nothing.
 * The platform's own notices still land: an address change's result (one per request the viewer
 * made; refusing it would hide a result the viewer asked for) and the warning that the box is full.
 */
export const MAX_NOTICES_PER_VIEWER = 500;
const TITLE = { maxLength: 80, singleLine: true };
const BODY = { maxLength: 4000 };
const TITLE_EN = { maxLength: 160, singleLine: true };
const BODY_EN = { maxLength: 8000 };
const ACTION_KINDS: readonly NoticeAction['kind'][] = ['health', 'booking'];
/** The members a sender's notice may have; any other is refused. */
export const SENDER_NOTICE_FIELDS = [
  'customerNumber',
  'title',
  'body',
  'titleEn',
  'bodyEn',
  'receiptRequested',
  'action',
] as const;
const FIELDS = new Set<string>(SENDER_NOTICE_FIELDS);

function actionOf(value: unknown): NoticeAction | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) throw invalid('action', 'an object {kind}');
  const { kind, facilityId, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw invalid('action', 'only kind and facilityId');
  if (!ACTION_KINDS.includes(kind as NoticeAction['kind'])) throw invalid('action.kind', 'health or booking');
  if (facilityId === undefined) return { kind: kind as NoticeAction['kind'] };
  if (kind !== 'booking' || typeof facilityId !== 'string' || !/^[a-z0-9-]{1,64}$/.test(facilityId)) {
    throw invalid('action.facilityId', 'a facility id, with kind booking only');
  }
  return { kind, facilityId };
}

/** A sender's request body as a notice's content: text only, sizes bounded. */
function noticeContentOf(body: Record<string, unknown>): NoticeContent {
  const unknown = Object.keys(body).find((key) => !FIELDS.has(key));
  if (unknown) throw invalid(unknown, 'is not a field of a notice');
  if (body.receiptRequested !== undefined && typeof body.receiptRequested !== 'boolean') {
    throw invalid('receiptRequested', 'true or false');
  }
  const titleEn = optionalPlainText(body.titleEn, 'titleEn', TITLE_EN);
  const bodyEn = optionalPlainText(body.bodyEn, 'bodyEn', BODY_EN);
  const action = actionOf(body.action);
  return {
    title: plainText(body.title, 'title', TITLE),
    body: plainText(body.body, 'body', BODY),
    ...(titleEn ? { titleEn } : {}),
    ...(bodyEn ? { bodyEn } : {}),
    receiptRequested: body.receiptRequested === true,
    ...(action ? { action } : {}),
  };
}

/** Sorts a list in the store's (posting) order newest first; of two sent at one instant, the later posted first. */
const newestFirst = (records: NoticeRecord[]): NoticeRecord[] =>
  records.reverse().sort((a, b) => b.sentAt.localeCompare(a.sentAt));

export class NoticeBox {
  private readonly keys: IdempotencyLedger;

  constructor(
    private readonly store: RecordStore,
    private readonly now: () => Date,
    private readonly senderOf: (id: string) => Sender,
    private readonly customerExists: (customerNumber: string) => boolean,
  ) {
    this.keys = new IdempotencyLedger(store, 'sender-keys');
  }

  /** A sender's POST: 201 with a new notice, or 200 with the one this key already posted. */
  post(
    sender: Sender,
    idempotencyHeader: string | null,
    body: Record<string, unknown>,
  ): { notice: SentNotice; created: boolean } {
    const key = idempotencyKeyOf(idempotencyHeader);
    const customerNumber = body.customerNumber;
    if (typeof customerNumber !== 'string' || !/^\d{8}$/.test(customerNumber)) {
      throw invalid('customerNumber', 'must be 8 digits');
    }
    const content = noticeContentOf(body);
    const fingerprint = JSON.stringify([customerNumber, content]);
    const previous = this.keys.previous(sender.id, key, fingerprint);
    if (previous) return { notice: this.sentNotice(this.record(previous)!), created: false };
    if (!this.customerExists(customerNumber)) throw new ProblemError(404, 'CUSTOMER_NOT_FOUND');
    const record = this.store.transaction(() => {
      // Counted in the transaction that posts, so two posts at once cannot both take the last place.
      const box = this.store.list<NoticeRecord>('notices', customerNumber);
      if (box.length >= MAX_NOTICES_PER_VIEWER) {
        this.warnBoxFull(customerNumber, sender, box);
        return undefined;
      }
      const made = this.deliver(sender.id, customerNumber, content);
      this.keys.remember(sender.id, key, fingerprint, made.id);
      return made;
    });
    if (!record) {
      throw new ProblemError(
        409,
        'NOTICE_BOX_FULL',
        `the customer's box holds ${MAX_NOTICES_PER_VIEWER} notices: this one was not delivered (send it another way)`,
      );
    }
    return { notice: this.sentNotice(record), created: true };
  }

  /** Puts a notice in a customer's box (seeds and the platform's own notices: no key, no checks). */
  deliver(
    senderId: string,
    customerNumber: string,
    content: NoticeContent,
    sentAt = this.now(),
  ): NoticeRecord {
    const record: NoticeRecord = {
      ...content,
      id: `nt_${bytesToBase64Url(crypto.getRandomValues(new Uint8Array(12)))}`,
      customerNumber,
      senderId,
      sentAt: sentAt.toISOString(),
      receiptRequested: content.receiptRequested === true,
      kept: false,
    };
    this.store.transaction(() => {
      this.store.put('notices', record.id, record, customerNumber);
      const receipt: ReceiptRecord = {
        noticeId: record.id,
        senderId,
        customerNumber,
        receiptRequested: record.receiptRequested,
      };
      this.store.put('receipts', record.id, receipt, senderId);
    });
    return record;
  }

  list(customerNumber: string): NoticeList {
    const records = this.store.list<NoticeRecord>('notices', customerNumber);
    const unread = newestFirst(records.filter((r) => !r.readAt));
    const read = newestFirst(records.filter((r) => r.readAt));
    return {
      unreadCount: unread.length,
      notices: [...unread, ...read].map((record) => this.summary(record)),
    };
  }

  get(customerNumber: string, noticeId: string): Notice {
    return this.notice(this.mine(customerNumber, noticeId));
  }

  /** The viewer opened it: read from now, and the receipt (if asked for) gets the time. Idempotent. */
  markRead(customerNumber: string, noticeId: string): Notice {
    const record = this.mine(customerNumber, noticeId);
    if (record.readAt) return this.notice(record);
    const read: NoticeRecord = { ...record, readAt: this.now().toISOString() };
    this.store.transaction(() => {
      this.store.put('notices', noticeId, read);
      if (read.receiptRequested) {
        const receipt = this.store.get<ReceiptRecord>('receipts', noticeId)!;
        this.store.put('receipts', noticeId, { ...receipt, readAt: read.readAt });
      }
    });
    return this.notice(read);
  }

  keep(customerNumber: string, noticeId: string, body: Record<string, unknown>): Notice {
    if (typeof body.kept !== 'boolean') throw invalid('kept', 'true or false');
    const record = { ...this.mine(customerNumber, noticeId), kept: body.kept };
    this.store.put('notices', noticeId, record);
    return this.notice(record);
  }

  /** Deletes it from the box (idempotent for the viewer's own notices: a second delete is 204 too). */
  remove(customerNumber: string, noticeId: string): void {
    const receipt = noticeId.length > 64 ? undefined : this.store.get<ReceiptRecord>('receipts', noticeId);
    if (!receipt || receipt.customerNumber !== customerNumber)
      throw new ProblemError(404, 'NOTICE_NOT_FOUND');
    this.store.delete('notices', noticeId);
  }

  /** The receipt of one of the sender's own notices (another sender's: NOTICE_NOT_FOUND). */
  receipt(sender: Sender, noticeId: string): ReadReceipt {
    const receipt = this.store.get<ReceiptRecord>('receipts', noticeId);
    if (!receipt || receipt.senderId !== sender.id) throw new ProblemError(404, 'NOTICE_NOT_FOUND');
    return {
      noticeId,
      receiptRequested: receipt.receiptRequested,
      ...(receipt.receiptRequested && receipt.readAt ? { readAt: receipt.readAt } : {}),
    };
  }

  private record(noticeId: string): NoticeRecord | undefined {
    return noticeId.length > 64 ? undefined : this.store.get<NoticeRecord>('notices', noticeId);
  }

  private mine(customerNumber: string, noticeId: string): NoticeRecord {
    const record = this.record(noticeId);
    if (!record || record.customerNumber !== customerNumber) throw new ProblemError(404, 'NOTICE_NOT_FOUND');
    return record;
  }

  /**
   * The viewer's way out of a full box: one unread notice from the platform (over the limit, as
   * its own notices are) saying a notice was turned away and how to make room. Not another while
   * that one is unread, so a sender posting on cannot fill the box with warnings.
   */
  private warnBoxFull(customerNumber: string, sender: Sender, box: readonly NoticeRecord[]): void {
    if (box.some((r) => r.boxFull && !r.readAt)) return;
    const record = this.deliver(PLATFORM_SENDER.id, customerNumber, {
      title: 'お知らせがいっぱいで、受け取れないお知らせがあります',
      titleEn: 'Your notice box is full: a notice could not be delivered',
      body: `${sender.name}からのお知らせを、お知らせがいっぱいのため受け取れませんでした。読み終えたお知らせを削除すると、新しいお知らせを受け取れるようになります。受け取れなかったお知らせは、送り主から別の方法で届きます。`,
      bodyEn: `A notice from ${sender.nameEn} could not be delivered because your notice box is full. Delete notices you have read to receive new ones. The sender will send the one that did not arrive another way.`,
    });
    this.store.put('notices', record.id, { ...record, boxFull: true });
  }

  private summary(record: NoticeRecord): NoticeSummary {
    return {
      id: record.id,
      sender: this.senderOf(record.senderId),
      sentAt: record.sentAt,
      title: record.title,
      ...(record.titleEn ? { titleEn: record.titleEn } : {}),
      read: record.readAt !== undefined,
      ...(record.readAt ? { readAt: record.readAt } : {}),
      kept: record.kept,
      receiptRequested: record.receiptRequested,
      ...(record.action ? { action: record.action } : {}),
    };
  }

  private notice(record: NoticeRecord): Notice {
    return {
      ...this.summary(record),
      body: record.body,
      ...(record.bodyEn ? { bodyEn: record.bodyEn } : {}),
    };
  }

  private sentNotice(record: NoticeRecord): SentNotice {
    return {
      id: record.id,
      customerNumber: record.customerNumber,
      sentAt: record.sentAt,
      receiptRequested: record.receiptRequested,
    };
  }
}
