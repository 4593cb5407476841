/**
 * The notices a demo resident finds in the box: from the town office (a checkup invitation that
 * opens health and asks for a read receipt), the health insurer (medical expenses) and the cable
 * operator (a facility notice that opens booking, and maintenance), dated relative to the
 * simulator's clock. 山田 太郎 has read the insurer's already.
 */
import type { NoticeContent } from './notice-box';

export interface SeedNotice {
  senderId: string;
  daysAgo: number;
  /** Read this many days ago (absent: unread). */
  readDaysAgo?: number;
  content: NoticeContent;
}

const DAY_MS = 24 * 60 * 60_000;

/** Also the inbox's test notices (src/features/inbox/testing/inbox-data.ts), so both read alike. */
export const CHECKUP_INVITATION: SeedNotice = {
  senderId: 'city',
  daysAgo: 2,
  content: {
    title: '特定健康診査（特定健診）受診券のご案内',
    titleEn: 'Your specific health checkup voucher',
    body:
      '今年度の特定健康診査の受診券を発行しました。\n' +
      '受診期間は6月1日から翌年1月31日までです。窓口町保健センターまたは指定の医療機関でお受けください。\n' +
      '自己負担はありません。前回の結果は「健康」の画面からご覧になれます。\n' +
      'お問い合わせ：窓口町役場 健康推進課 03-0000-1234（平日 8:30〜17:15）',
    bodyEn:
      "This year's specific health checkup voucher has been issued. Checkups run from 1 June to " +
      '31 January at the Madoguchi Health Centre or a designated clinic, free of charge. Your last ' +
      'results are on the Health screen. Questions: Town Office, Health Promotion, 03-0000-1234 (weekdays 8:30–17:15).',
    receiptRequested: true,
    action: { kind: 'health' },
  },
};

const MEDICAL_EXPENSES: SeedNotice = {
  senderId: 'health-insurer',
  daysAgo: 9,
  content: {
    title: '医療費のお知らせ（1月〜10月診療分）',
    titleEn: 'Your medical expenses (January to October)',
    body:
      '1月から10月までに受診された医療機関・薬局と、医療費の総額をお知らせします。\n' +
      '確定申告の医療費控除の明細としてお使いいただけます。\n' +
      '内容に心当たりのない場合は、窓口町国民健康保険 03-0000-2345 までご連絡ください。',
    bodyEn:
      'The clinics and pharmacies you visited from January to October and the total medical ' +
      'expenses. You can use this for the medical expense deduction in your tax return. If anything ' +
      'looks wrong, call Madoguchi National Health Insurance, 03-0000-2345.',
  },
};

export const HALL_REOPENING: SeedNotice = {
  senderId: 'cable',
  daysAgo: 4,
  content: {
    title: '窓口町公民館 改修工事が終わりました',
    titleEn: 'The Madoguchi Community Hall has reopened',
    body:
      '窓口町公民館の改修工事が終わり、大会議室・和室・調理実習室のご予約を再開しました。\n' +
      'テレビの「施設予約」から空き状況の確認と予約ができます。',
    bodyEn:
      'The refurbishment of the Madoguchi Community Hall is finished; the large meeting room, the ' +
      'Japanese-style room and the cooking room can be booked again from Facility booking on the TV.',
    action: { kind: 'booking', facilityId: 'kominkan' },
  },
};

const MAINTENANCE: SeedNotice = {
  senderId: 'cable',
  daysAgo: 12,
  readDaysAgo: 11,
  content: {
    title: '設備点検による放送停止のお知らせ',
    titleEn: 'Broadcast pause for maintenance',
    body:
      '設備点検のため、次の日曜日の午前2時から午前5時まで、一部のチャンネルが映らなくなります。\n' +
      'ご不便をおかけしますが、ご理解をお願いいたします。',
    bodyEn:
      'For maintenance, some channels are off the air next Sunday from 2:00 to 5:00 a.m. We apologise ' +
      'for the inconvenience.',
  },
};

/** Every resident gets the four; the insurer's is read already for 山田 太郎 (10010001). */
export function seedNoticesOf(customerNumber: string): SeedNotice[] {
  const medical = customerNumber === '10010001' ? { ...MEDICAL_EXPENSES, readDaysAgo: 8 } : MEDICAL_EXPENSES;
  return [MAINTENANCE, medical, HALL_REOPENING, CHECKUP_INVITATION];
}

export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);
