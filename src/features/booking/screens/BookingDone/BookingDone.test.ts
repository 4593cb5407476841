/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, itReadsInEnglish, itFitsInBothLanguages } from '../../../../app/testing/screen-harness';
import { bookingSummary } from '../../testing/screen-fixtures';
import type { BookingDoneProps } from '../../view/booking-view';
import { BookingDone } from './BookingDone';

const props: BookingDoneProps = {
  booking: bookingSummary({ slot: { code: 'evening', start: '18:00', end: '21:00' } }),
};

describe('BookingDone screen', () => {
  it('shows the booking number large and the booking', () => {
    const screen = renderScreen(BookingDone, props);
    expectTexts(screen, [
      '予約できました',
      '予約が完了しました。当日は予約番号をお伝えください。',
      '予約番号：BK-20261203-000123',
      '日時：2026年12月3日（木） 夜間 18:00〜21:00',
      'ホームへ',
      '予約の確認',
      'スマートフォンに送る',
    ]);
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

  it('スマートフォンに送る sends the booking as the screen shows it, number first', () => {
    const screen = renderScreen(BookingDone, props);
    screen.press('Right', 'Right', 'Enter');
    expect(screen.sent).toEqual([
      {
        type: 'SEND_TO_PHONE',
        item: {
          kind: 'booking',
          title: '予約できました',
          lines: expect.arrayContaining([
            '予約番号：BK-20261203-000123',
            '日時：2026年12月3日（木） 夜間 18:00〜21:00',
          ]),
        },
      },
    ]);
    const { lines } = (screen.sent[0] as unknown as { item: { lines: string[] } }).item;
    expect(lines[0]).toBe('予約番号：BK-20261203-000123');
  });

  itReadsInEnglish(BookingDone, props, [
    'Booked',
    'Booking number: BK-20261203-000123',
    'Home',
    'My bookings',
  ]);

  itFitsInBothLanguages(
    'keeps long names inside the safe area and clear of the buttons',
    BookingDone,
    [props],
    { textClearsButtons: true },
  );
});
