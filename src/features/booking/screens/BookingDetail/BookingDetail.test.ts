/** @jest-environment jsdom */
import { boxes } from '../../../../app/layout-check/layout';
import { renderScreen } from '../../../../app/testing/render';
import type { BookingDetailProps } from '../../view/booking-view';
import { BookingDetail } from './BookingDetail';

const props: BookingDetailProps = {
  booking: {
    id: 'BK-20261203-000123',
    status: 'confirmed',
    facilityName: 'みどり市立中央公民館（みどり市民文化交流センター内）',
    roomName: '多目的ホール（ステージ・音響設備付き）',
    date: '2026-12-03',
    slot: { code: 'afternoon', start: '13:00', end: '17:00' },
    feeYen: 5000,
    rule: {
      ja: '利用日の前日17時まで、この画面で取り消せます。それより後は、施設に直接お電話ください（受付 9:00〜17:00）。',
      en: 'You can cancel here until 17:00 the day before. After that, please call the facility directly (9:00–17:00).',
    },
  },
  confirmingCancel: false,
};
const asking = { ...props, confirmingCancel: true };

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

describe('BookingDetail screen', () => {
  it('shows the booking and the facility’s cancellation rule', () => {
    const screen = renderScreen(BookingDetail, props);
    expect(screen.texts()).toEqual(
      expect.arrayContaining([
        '予約の内容',
        '予約番号：BK-20261203-000123',
        '施設：みどり市立中央公民館（みどり市民文化交流センター内）',
        '日時：2026年12月3日（木） 午後 13:00〜17:00',
        '取り消しのきまり',
        props.booking.rule.ja,
        '取り消す',
        '戻る',
      ]),
    );
    expect(screen.texts()).not.toContain('この予約を取り消しますか');
    expect(screen.screen.announcement()).toMatch(
      /^予約の内容。予約番号：BK-20261203-000123。.*取り消しのきまり。利用日の前日17時まで/,
    );
  });

  it('取り消す sends CANCEL_BOOKING; 戻る and Back send BACK', () => {
    const screen = renderScreen(BookingDetail, props);
    screen.press('Enter', 'Right', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'CANCEL_BOOKING' }, { type: 'BACK' }, { type: 'BACK' }]);
  });

  it('asks before cancelling, with the rule; focus starts on やめる', () => {
    const screen = renderScreen(BookingDetail, asking);
    expect(screen.texts()).toEqual(
      expect.arrayContaining([
        'この予約を取り消しますか',
        '2026年12月3日（木） 午後 13:00〜17:00　みどり市立中央公民館（みどり市民文化交流センター内） 多目的ホール（ステージ・音響設備付き）',
        props.booking.rule.ja,
        '取り消す',
        'やめる',
      ]),
    );
    expect(screen.texts()).not.toContain('予約番号：BK-20261203-000123');
    expect(screen.screen.announcement()).toMatch(
      /^この予約を取り消しますか。2026年12月3日（木）.*取り消しのきまり。利用日の前日17時まで/,
    );
    expect(screen.announced.at(-1)).toBe('やめる');
    screen.press('Enter', 'Left', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }, { type: 'CONFIRM' }, { type: 'BACK' }]);
  });

  it('switches to the question on update and reads in English', () => {
    const screen = renderScreen(BookingDetail, props, { language: 'en' });
    expect(screen.texts()).toEqual(
      expect.arrayContaining(['Booking details', 'Cancellation rule', 'Cancel booking', 'Back']),
    );
    screen.update(asking);
    expect(screen.texts()).toEqual(
      expect.arrayContaining(['Cancel this booking?', props.booking.rule.en, 'Keep it']),
    );
  });

  it('keeps long names and the rule inside the safe area, in both views and languages', () => {
    expect(renderScreen(BookingDetail, props).layoutProblems()).toEqual([]);
    expect(renderScreen(BookingDetail, props, { language: 'en' }).layoutProblems()).toEqual([]);
    expect(renderScreen(BookingDetail, asking).layoutProblems()).toEqual([]);
    expect(renderScreen(BookingDetail, asking, { language: 'en' }).layoutProblems()).toEqual([]);
    for (const shown of [props, asking]) {
      expect(textClearsButtons(renderScreen(BookingDetail, shown))).toBe(true);
      expect(textClearsButtons(renderScreen(BookingDetail, shown, { language: 'en' }))).toBe(true);
    }
  });
});
