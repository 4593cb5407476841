/** @jest-environment jsdom */
import { boxes } from '../../../../app/layout-check/layout';
import { renderScreen } from '../../../../app/testing/render';
import type { BookingDoneProps } from '../../view/booking-view';
import { BookingDone } from './BookingDone';

const props: BookingDoneProps = {
  booking: {
    id: 'BK-20261203-000123',
    status: 'confirmed',
    facilityName: 'みどり市立中央公民館（みどり市民文化交流センター内）',
    roomName: '多目的ホール（ステージ・音響設備付き）',
    date: '2026-12-03',
    slot: { code: 'evening', start: '18:00', end: '21:00' },
    feeYen: 5000,
    rule: {
      ja: '利用日の前日17時まで、この画面で取り消せます。',
      en: 'You can cancel here until 17:00 the day before.',
    },
  },
};

/** The lowest text above the buttons must end before the buttons start (nothing hides behind them). */
const textClearsButtons = (rendered: { app: Parameters<typeof boxes>[0] }): boolean => {
  const all = boxes(rendered.app);
  const buttonsTop = Math.min(...all.filter((b) => b.path.includes('/Buttons/')).map((b) => b.y));
  const textBottom = Math.max(
    ...all
      .filter((b) => b.text && !b.path.includes('/Buttons/') && !b.path.includes('/Frame/'))
      .map((b) => b.y + b.h),
  );
  return textBottom <= buttonsTop;
};

describe('BookingDone screen', () => {
  it('shows the booking number large and the booking', () => {
    const screen = renderScreen(BookingDone, props);
    expect(screen.texts()).toEqual(
      expect.arrayContaining([
        '予約できました',
        '予約が完了しました。当日は予約番号をお伝えください。',
        '予約番号：BK-20261203-000123',
        '日時：2026年12月3日（木） 夜間 18:00〜21:00',
        'ホームへ',
        '予約の確認',
      ]),
    );
    expect(screen.screen.announcement()).toMatch(
      /^予約できました。予約が完了しました。.*予約番号：BK-20261203-000123。/,
    );
  });

  it('ホームへ sends OK, 予約の確認 sends MY_BOOKINGS, Back goes home (OK)', () => {
    const screen = renderScreen(BookingDone, props);
    screen.press('Enter', 'Right', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'OK' }, { type: 'MY_BOOKINGS' }, { type: 'OK' }]);
    expect(screen.announced).toEqual(expect.arrayContaining(['ホームへ', '予約の確認']));
  });

  it('reads in English', () => {
    const screen = renderScreen(BookingDone, props, { language: 'en' });
    expect(screen.texts()).toEqual(
      expect.arrayContaining(['Booked', 'Booking number: BK-20261203-000123', 'Home', 'My bookings']),
    );
  });

  it('keeps long names inside the safe area', () => {
    expect(renderScreen(BookingDone, props).layoutProblems()).toEqual([]);
    expect(renderScreen(BookingDone, props, { language: 'en' }).layoutProblems()).toEqual([]);
    expect(textClearsButtons(renderScreen(BookingDone, props))).toBe(true);
    expect(textClearsButtons(renderScreen(BookingDone, props, { language: 'en' }))).toBe(true);
  });
});
