/**
 * What the booking screen tests show: names as long as the platform's longest, so every screen
 * test also checks that they wrap and stay inside the safe area.
 */
import type { BookingSummary } from '../view/booking-view';

export const LONG_FACILITY_NAME = 'みどり市立中央公民館（みどり市民文化交流センター内）';
export const LONG_ROOM_NAME = '多目的ホール（ステージ・音響設備付き）';

/** The usual cancellation rule, one sentence in each language. */
const CANCEL_RULE = {
  ja: '利用日の前日17時まで、この画面で取り消せます。',
  en: 'You can cancel here until 17:00 the day before.',
};

/** A confirmed afternoon booking at the long-named hall on 2026-12-03; `overrides` change it. */
export const bookingSummary = (overrides: Partial<BookingSummary> = {}): BookingSummary => ({
  id: 'BK-20261203-000123',
  status: 'confirmed',
  facilityName: LONG_FACILITY_NAME,
  roomName: LONG_ROOM_NAME,
  date: '2026-12-03',
  slot: { code: 'afternoon', start: '13:00', end: '17:00' },
  feeYen: 5000,
  rule: CANCEL_RULE,
  ...overrides,
});

/** What the date, room and slot screens say when a slot was taken meanwhile and they were refreshed. */
export const SLOT_TAKEN_NOTICE = { key: 'slotTakenRefreshed' as const };
