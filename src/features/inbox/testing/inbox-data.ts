/**
 * Realistic, fictitious notices for the inbox's tests and gallery, two of them the platform
 * simulator's seed (mocks/platform/simulator/notices/seed-notices.ts): the town's checkup invitation (asks for a
 * read receipt, opens health), the cable operator's facility notice (opens booking) and maintenance,
 * the insurer's medical expenses, and a long one that takes several pages.
 */
import * as SEEDED from '../../../../mocks/platform/simulator/notices/seed-notices';
import type { Notice, NoticeSummary, Sender } from '../../../platform/types';

const CITY: Sender = { id: 'city', name: '窓口町役場', nameEn: 'Madoguchi Town Office' };
const INSURER: Sender = {
  id: 'health-insurer',
  name: '窓口町国民健康保険',
  nameEn: 'Madoguchi National Health Insurance',
};
const CABLE: Sender = { id: 'cable', name: '窓口町ケーブルテレビ', nameEn: 'Madoguchi Cable TV' };

/** A notice of the simulator's seed as the platform sends it while unread and not kept. */
const unreadSeed = (id: string, sender: Sender, sentAt: string, { content }: SEEDED.SeedNotice): Notice => ({
  id,
  sender,
  sentAt,
  ...content,
  read: false,
  kept: false,
  receiptRequested: content.receiptRequested ?? false,
});

export const CHECKUP_INVITATION = unreadSeed(
  'nt-checkup',
  CITY,
  '2026-11-28T01:00:00Z',
  SEEDED.CHECKUP_INVITATION,
);
export const HALL_REOPENING = unreadSeed('nt-hall', CABLE, '2026-11-26T03:00:00Z', SEEDED.HALL_REOPENING);

const paragraph = (n: number) =>
  `${n}. 窓口町では、高齢者の見守りと災害時の安否確認のため、登録された世帯に年に一度の訪問を行っています。` +
  '訪問の日時は担当の民生委員からお電話でご相談します。ご都合の悪い場合は、遠慮なくお申し出ください。';
const paragraphEn = (n: number) =>
  `${n}. The town visits every registered household once a year to check on older residents and to ` +
  'plan for disasters. Your welfare commissioner will call you to agree a day and time; if it does ' +
  'not suit you, please say so.';

/** Long enough to take three pages or more at every text size. */
export const LONG_NOTICE: Notice = {
  id: 'nt-long',
  sender: CITY,
  sentAt: '2026-11-20T00:30:00Z',
  title: '見守り訪問と災害時の安否確認についてのお知らせ（令和8年度）',
  titleEn: 'Home visits and the safety check in a disaster (2026)',
  body: Array.from({ length: 8 }, (_, i) => paragraph(i + 1)).join('\n'),
  bodyEn: Array.from({ length: 8 }, (_, i) => paragraphEn(i + 1)).join('\n'),
  read: true,
  readAt: '2026-11-21T00:00:00Z',
  kept: true,
  receiptRequested: false,
};

const MEDICAL_EXPENSES: Notice = {
  id: 'nt-medical',
  sender: INSURER,
  sentAt: '2026-11-21T00:00:00Z',
  title: '医療費のお知らせ（1月〜10月診療分）',
  titleEn: 'Your medical expenses (January to October)',
  body: '1月から10月までに受診された医療機関・薬局と、医療費の総額をお知らせします。',
  bodyEn: 'The clinics and pharmacies you visited from January to October and the total expenses.',
  read: true,
  readAt: '2026-11-22T00:00:00Z',
  kept: false,
  receiptRequested: false,
};

export const MAINTENANCE: Notice = {
  id: 'nt-maintenance',
  sender: CABLE,
  sentAt: '2026-11-18T00:00:00Z',
  title: '設備点検による放送停止のお知らせ',
  titleEn: 'Broadcast pause for maintenance',
  body: '設備点検のため、次の日曜日の午前2時から午前5時まで、一部のチャンネルが映らなくなります。',
  bodyEn: 'For maintenance, some channels are off the air next Sunday from 2:00 to 5:00 a.m.',
  read: true,
  readAt: '2026-11-19T00:00:00Z',
  kept: false,
  receiptRequested: false,
};

/** A notice as the list shows it (no body). */
const summaryOf = ({ body: _body, bodyEn: _bodyEn, ...summary }: Notice): NoticeSummary => summary;

/** In the platform's order: unread first, then read, each newest first. */
export const NOTICES: NoticeSummary[] = [
  CHECKUP_INVITATION,
  HALL_REOPENING,
  MEDICAL_EXPENSES,
  LONG_NOTICE,
  MAINTENANCE,
].map(summaryOf);
