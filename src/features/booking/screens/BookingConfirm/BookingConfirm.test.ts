/** @jest-environment jsdom */
import { boxes } from '../../../../app/layout-check/layout';
import { renderScreen } from '../../../../app/testing/render';
import type { BookingConfirmProps } from '../../view/booking-view';
import { BookingConfirm } from './BookingConfirm';

const props: BookingConfirmProps = {
  facilityName: 'みどり市立中央公民館（みどり市民文化交流センター内）',
  roomName: '多目的ホール（ステージ・音響設備付き）',
  date: '2026-12-03',
  slot: { code: 'morning', start: '09:00', end: '12:00' },
  feeYen: 12000,
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

describe('BookingConfirm screen', () => {
  it('shows the booking in large lines and asks', () => {
    const screen = renderScreen(BookingConfirm, props);
    expect(screen.texts()).toEqual(
      expect.arrayContaining([
        '予約の内容の確認',
        'この内容で予約しますか。',
        '施設：みどり市立中央公民館（みどり市民文化交流センター内）',
        '部屋：多目的ホール（ステージ・音響設備付き）',
        '日にち：2026年12月3日（木）',
        '時間：朝 9:00〜12:00',
        '料金：12,000円',
        '予約する',
        '戻る',
      ]),
    );
    expect(screen.screen.announcement()).toBe(
      '予約の内容の確認。施設：みどり市立中央公民館（みどり市民文化交流センター内）。部屋：多目的ホール（ステージ・音響設備付き）。日にち：2026年12月3日（木）。時間：朝 9:00〜12:00。料金：12,000円。この内容で予約しますか。',
    );
    expect(screen.announced).toContain('予約する');
  });

  it('予約する sends CONFIRM, 戻る and Back send BACK', () => {
    const screen = renderScreen(BookingConfirm, props);
    screen.press('Enter', 'Right', 'Enter', 'Left', 'Back');
    expect(screen.sent).toEqual([{ type: 'CONFIRM' }, { type: 'BACK' }, { type: 'BACK' }]);
  });

  it('reads in English', () => {
    const screen = renderScreen(BookingConfirm, props, { language: 'en' });
    expect(screen.texts()).toEqual(
      expect.arrayContaining([
        'Book with these details?',
        'Date: Thu, 3 December 2026',
        'Time: Morning 9:00–12:00',
        'Fee: 12,000 yen',
        'Book',
      ]),
    );
  });

  it('keeps long names inside the safe area', () => {
    expect(renderScreen(BookingConfirm, props).layoutProblems()).toEqual([]);
    expect(renderScreen(BookingConfirm, props, { language: 'en' }).layoutProblems()).toEqual([]);
    expect(textClearsButtons(renderScreen(BookingConfirm, props))).toBe(true);
    expect(textClearsButtons(renderScreen(BookingConfirm, props, { language: 'en' }))).toBe(true);
  });
});
