/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, itFitsInBothLanguages, itSends } from '../../../../app/testing/screen-harness';
import { bookingSummary } from '../../testing/screen-fixtures';
import type { BookingDetailProps } from '../../view/booking-view';
import { BookingDetail } from './BookingDetail';

const props: BookingDetailProps = {
  booking: bookingSummary({
    // A rule long enough to wrap, in the details and in the question's panel.
    rule: {
      ja: '利用日の前日17時まで、この画面で取り消せます。それより後は、施設に直接お電話ください（受付 9:00〜17:00）。',
      en: 'You can cancel here until 17:00 the day before. After that, please call the facility directly (9:00–17:00).',
    },
  }),
  confirmingCancel: false,
};
const asking = { ...props, confirmingCancel: true };

describe('BookingDetail screen', () => {
  // The details and the cancel question over them: each shows its own texts and not the other's.
  it.each([
    {
      view: 'the booking and the facility’s cancellation rule',
      shown: props,
      texts: [
        '予約の内容',
        '予約番号：BK-20261203-000123',
        '施設：みどり市立中央公民館（みどり市民文化交流センター内）',
        '日時：2026年12月3日（木） 午後 13:00〜17:00',
        '取り消しのきまり',
        props.booking.rule.ja,
        '取り消す',
        'スマートフォンに送る',
        '戻る',
      ],
      hidden: 'この予約を取り消しますか',
      spoken: /^予約の内容。予約番号：BK-20261203-000123。.*取り消しのきまり。利用日の前日17時まで/,
    },
    {
      view: 'the question before cancelling, with the rule',
      shown: asking,
      texts: [
        'この予約を取り消しますか',
        '2026年12月3日（木） 午後 13:00〜17:00　みどり市立中央公民館（みどり市民文化交流センター内） 多目的ホール（ステージ・音響設備付き）',
        props.booking.rule.ja,
        '取り消す',
        'やめる',
      ],
      hidden: '予約番号：BK-20261203-000123',
      spoken: /^この予約を取り消しますか。2026年12月3日（木）.*取り消しのきまり。利用日の前日17時まで/,
    },
  ])('shows $view', ({ shown, texts, hidden, spoken }) => {
    const screen = renderScreen(BookingDetail, shown);
    expectTexts(screen, texts);
    expect(screen.texts()).not.toContain(hidden);
    expect(screen.screen.announcement()).toMatch(spoken);
  });

  itSends(
    '取り消す sends CANCEL_BOOKING; 戻る and Back send BACK',
    BookingDetail,
    props,
    ['Enter', 'Right', 'Right', 'Enter', 'Back'],
    [{ type: 'CANCEL_BOOKING' }, { type: 'BACK' }, { type: 'BACK' }],
  );

  it('スマートフォンに送る sends the booking as the screen shows it, number first', () => {
    const screen = renderScreen(BookingDetail, props);
    screen.press('Right', 'Enter');
    expect(screen.sent).toEqual([
      {
        type: 'SEND_TO_PHONE',
        item: expect.objectContaining({ kind: 'booking', title: '予約の内容' }),
      },
    ]);
    const { lines } = (screen.sent[0] as unknown as { item: { lines: string[] } }).item;
    expect(lines.slice(0, 2)).toEqual([
      '予約番号：BK-20261203-000123',
      '施設：みどり市立中央公民館（みどり市民文化交流センター内）',
    ]);
  });

  it('asking, the focus starts on やめる: OK there and Back send BACK, 取り消す sends CONFIRM', () => {
    const screen = renderScreen(BookingDetail, asking);
    expect(screen.announced.at(-1)).toBe('やめる');
    screen.press('Enter', 'Left', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }, { type: 'CONFIRM' }, { type: 'BACK' }]);
  });

  it('switches to the question on update and reads in English', () => {
    const screen = renderScreen(BookingDetail, props, { language: 'en' });
    expectTexts(screen, ['Booking details', 'Cancellation rule', 'Cancel booking', 'Back']);
    screen.update(asking);
    expectTexts(screen, ['Cancel this booking?', props.booking.rule.en, 'Keep it']);
  });

  itFitsInBothLanguages(
    'keeps long names and the rule inside the safe area and clear of the buttons, in both views and languages',
    BookingDetail,
    [props, asking],
    { textClearsButtons: true },
  );
});
