/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, layoutProblemsOf, pressed } from '../../../../app/testing/screen-harness';
import { calendarWeeks } from '../../view/booking-dates';
import { SLOT_TAKEN_NOTICE } from '../../testing/screen-fixtures';
import type { DatePickerProps } from '../../view/booking-view';
import { DatePicker } from './DatePicker';

const from = '2026-12-03';
const to = '2027-01-02';
const bookableDates = ['2026-12-05', '2026-12-12', '2026-12-24', '2027-01-01'];
const props: DatePickerProps = {
  facilityName: 'みどり市立中央公民館（みどり市民文化交流センター内）',
  today: from,
  from,
  to,
  weeks: calendarWeeks(from, to, new Set(bookableDates)),
  bookableDates,
  loading: false,
  none: false,
};

describe('DatePicker screen', () => {
  it('shows the weeks Sunday first with weekday names, free days ○ and full days ×', () => {
    const screen = renderScreen(DatePicker, props);
    const texts = screen.texts();
    expectTexts(screen, ['日にちを選ぶ', '日', '月', '土', '3 ×', '5 ○', '4 ×', '1 ○', '2 ×']);
    expect(texts.join(' ')).toContain('2026年12月〜2027年1月');
    // The focus starts on the first day with free slots, said in full in the panel.
    expectTexts(screen, ['2026年12月5日（土）', '○ 空きあり', '○ 空きあり　× 空きなし']);
    expect(screen.screen.announcement()).toBe(
      '日にちを選ぶ。みどり市立中央公民館（みどり市民文化交流センター内）。矢印で日にちを選び、「決定」を押します。12月5日 土曜日、空きあり。',
    );
  });

  it('moves by day and week inside the window; OK chooses a free day only', () => {
    const screen = renderScreen(DatePicker, props);
    screen.press('Left');
    expect(screen.announced.at(-1)).toBe('12月4日 金曜日、空きなし');
    expectTexts(screen, ['2026年12月4日（金）', '× 空きなし']);
    screen.press('Enter');
    expect(screen.announced.at(-1)).toBe('この日は空きがありません。別の日をお選びください。');
    screen.press('Left', 'Left', 'Up'); // stops at the window's first day
    expect(screen.announced.at(-1)).toBe('12月3日 木曜日、空きなし');
    screen.press('Right', 'Right', 'Down', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'SELECT', id: '2026-12-12' }, { type: 'BACK' }]);
  });

  it('shows the notice when a slot was taken meanwhile', () => {
    const screen = renderScreen(DatePicker, { ...props, notice: SLOT_TAKEN_NOTICE });
    expect(screen.texts().join('')).toContain('ほかの方が先に予約されました');
    expect(screen.screen.announcement()).toContain('ほかの方が先に予約されました');
  });

  it('while loading shows only that; with no free day says to choose another facility', () => {
    const loading = renderScreen(DatePicker, { ...props, weeks: [], bookableDates: [], loading: true });
    expect(loading.texts()).toContain('読み込んでいます。しばらくお待ちください。');
    expect(loading.texts()).not.toContain('日');
    loading.press('Enter', 'Back');
    expect(loading.sent).toEqual([{ type: 'BACK' }]);
    const none = renderScreen(DatePicker, {
      ...props,
      weeks: calendarWeeks(from, to, new Set()),
      bookableDates: [],
      none: true,
    });
    expect(none.texts().join('')).toContain('別の施設をお選びください');
    none.press('Enter');
    expect(none.sent).toEqual([]);
  });

  it('reads in English', () => {
    const screen = renderScreen(DatePicker, props, { language: 'en' });
    expectTexts(screen, ['Choose a date', 'Sun', 'Sat', 'Sat, 5 December 2026', '○ available']);
    expect(screen.screen.announcement()).toContain('Saturday 5 December, available.');
  });

  it('keeps six weeks, the panel and the notice inside the safe area', () => {
    const sixWeeks = {
      ...props,
      from: '2026-10-31',
      to: '2026-11-30',
      weeks: calendarWeeks('2026-10-31', '2026-11-30', new Set(['2026-11-30'])),
      bookableDates: ['2026-11-30'],
    };
    const none = {
      ...sixWeeks,
      weeks: calendarWeeks('2026-10-31', '2026-11-30', new Set()),
      bookableDates: [],
      none: true,
    };
    const withNotice = { ...sixWeeks, notice: SLOT_TAKEN_NOTICE };
    const cases = [
      { props: withNotice },
      { props: withNotice, keys: [...pressed('Down', 5), 'Left' as const] },
      { props: withNotice, language: 'en' as const },
      { props: none, language: 'en' as const },
    ];
    expect(layoutProblemsOf(DatePicker, cases)).toEqual([]);
  });
});
