/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import {
  expectTexts,
  itFitsInBothLanguages,
  itReadsInEnglish,
  itSends,
} from '../../../../app/testing/screen-harness';
import { LONG_FACILITY_NAME, LONG_ROOM_NAME } from '../../testing/screen-fixtures';
import type { BookingConfirmProps } from '../../view/booking-view';
import { BookingConfirm } from './BookingConfirm';

const props: BookingConfirmProps = {
  facilityName: LONG_FACILITY_NAME,
  roomName: LONG_ROOM_NAME,
  date: '2026-12-03',
  slot: { code: 'morning', start: '09:00', end: '12:00' },
  feeYen: 12000,
};

describe('BookingConfirm screen', () => {
  it('shows the booking in large lines and asks', () => {
    const screen = renderScreen(BookingConfirm, props);
    expectTexts(screen, [
      '予約の内容の確認',
      'この内容で予約しますか。',
      '施設：みどり市立中央公民館（みどり市民文化交流センター内）',
      '部屋：多目的ホール（ステージ・音響設備付き）',
      '日にち：2026年12月3日（木）',
      '時間：朝 9:00〜12:00',
      '料金：12,000円',
      '予約する',
      '戻る',
    ]);
    expect(screen.screen.announcement()).toBe(
      '予約の内容の確認。施設：みどり市立中央公民館（みどり市民文化交流センター内）。部屋：多目的ホール（ステージ・音響設備付き）。日にち：2026年12月3日（木）。時間：朝 9:00〜12:00。料金：12,000円。この内容で予約しますか。',
    );
    expect(screen.announced).toContain('予約する');
  });

  itSends(
    '予約する sends CONFIRM, 戻る and Back send BACK',
    BookingConfirm,
    props,
    ['Enter', 'Right', 'Enter', 'Left', 'Back'],
    [{ type: 'CONFIRM' }, { type: 'BACK' }, { type: 'BACK' }],
  );

  itReadsInEnglish(BookingConfirm, props, [
    'Book with these details?',
    'Date: Thu, 3 December 2026',
    'Time: Morning 9:00–12:00',
    'Fee: 12,000 yen',
    'Book',
  ]);

  itFitsInBothLanguages(
    'keeps long names inside the safe area and clear of the buttons',
    BookingConfirm,
    [props],
    { textClearsButtons: true },
  );
});
