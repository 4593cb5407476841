/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import {
  expectTexts,
  itReadsInEnglish,
  layoutProblemsOf,
  pressed,
} from '../../../../app/testing/screen-harness';
import { bookingSummary } from '../../testing/screen-fixtures';
import type { BookingSummary, MyBookingsProps } from '../../view/booking-view';
import { MyBookings } from './MyBookings';

/** The i-th booking, a day after the one before from 2026-12-10. */
const booking = (i: number, overrides: Partial<BookingSummary> = {}): BookingSummary =>
  bookingSummary({ id: `bk-${i}`, date: `2026-12-${String(10 + i).padStart(2, '0')}`, ...overrides });
const props: MyBookingsProps = {
  bookings: [
    ...Array.from({ length: 9 }, (_, i) => booking(i)),
    booking(9, { status: 'cancelled', facilityName: 'みどり市総合体育館' }),
  ],
  loading: false,
  empty: false,
};

describe('MyBookings screen', () => {
  it('lists bookings with date, time and facility', () => {
    const screen = renderScreen(MyBookings, props);
    expectTexts(screen, [
      '予約の確認・取り消し',
      '取り消す予約を選んで、決定ボタンを押してください。',
      '2026年12月10日（木） 13:00〜17:00',
      'みどり市立中央公民館（みどり市民文化交流センター内）',
    ]);
    expect(screen.screen.announcement()).toBe(
      '予約の確認・取り消し。取り消す予約を選んで、決定ボタンを押してください。',
    );
    screen.press('Down');
    expect(screen.announced.at(-1)).toBe(
      '2026年12月11日（金） 13:00〜17:00、午後、みどり市立中央公民館（みどり市民文化交流センター内）、多目的ホール（ステージ・音響設備付き）、2番目、全10件のうち',
    );
  });

  it('opens a confirmed booking; a cancelled one only says it is cancelled; Back sends BACK', () => {
    const screen = renderScreen(MyBookings, props);
    screen.press('Down', 'Enter', ...Array.from({ length: 9 }, () => 'Down' as const));
    expect(screen.texts()).toContain('× 取消済み　みどり市総合体育館');
    screen.press('Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'SELECT', id: 'bk-1' }, { type: 'BACK' }]);
    expect(screen.announced).toContain('この予約は取り消し済みです。');
  });

  it('says when it is loading or there are no bookings', () => {
    expect(renderScreen(MyBookings, { bookings: [], loading: true, empty: false }).texts()).toContain(
      '読み込んでいます。しばらくお待ちください。',
    );
    const empty = renderScreen(MyBookings, { bookings: [], loading: false, empty: true });
    expect(empty.texts()).toContain('予約はありません。');
    empty.press('Enter', 'Back');
    expect(empty.sent).toEqual([{ type: 'BACK' }]);
  });

  itReadsInEnglish(MyBookings, props, ['Your bookings', 'Thu, 10 December 2026 13:00–17:00']);

  it('keeps many bookings with long names inside the safe area', () => {
    const cases = [{ props }, { props, language: 'en' as const, keys: pressed('Down', 9) }];
    expect(layoutProblemsOf(MyBookings, cases)).toEqual([]);
  });
});
