/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, itReadsInEnglish, layoutProblemsOf } from '../../../../app/testing/screen-harness';
import { LONG_FACILITY_NAME, LONG_ROOM_NAME, SLOT_TAKEN_NOTICE } from '../../testing/screen-fixtures';
import type { SlotGridProps } from '../../view/booking-view';
import { SlotGrid } from './SlotGrid';

const props: SlotGridProps = {
  facilityName: LONG_FACILITY_NAME,
  roomName: LONG_ROOM_NAME,
  date: '2026-12-03',
  slots: [
    { code: 'morning', start: '09:00', end: '12:00', status: 'booked', free: false },
    { code: 'afternoon', start: '13:00', end: '17:00', status: 'available', free: true },
    { code: 'evening', start: '18:00', end: '21:00', status: 'available', free: true },
  ],
};

describe('SlotGrid screen', () => {
  it('shows each slot with its time and 空き / 予約済み in words; focus on the first free one', () => {
    const screen = renderScreen(SlotGrid, props);
    expectTexts(screen, [
      '時間帯を選ぶ',
      '2026年12月3日（木）',
      '空いている時間帯を選んで、決定ボタンを押してください。',
      '朝',
      '9:00〜12:00',
      '× 予約済み',
      '午後',
      '13:00〜17:00',
      '○ 空き',
      '18:00〜21:00',
    ]);
    expect(screen.screen.announcement()).toMatch(
      /^時間帯を選ぶ。.*2026年12月3日（木）。空いている時間帯を選んで.*。午後、13:00〜17:00、空き。$/,
    );
  });

  it('arrows move; OK on a free slot sends SELECT with its code; on a taken one it only says so', () => {
    const screen = renderScreen(SlotGrid, props);
    screen.press('Left');
    expect(screen.announced.at(-1)).toBe('朝、9:00〜12:00、予約済み');
    screen.press('Enter');
    expect(screen.announced.at(-1)).toBe('この時間帯は予約できません。「空き」の時間帯をお選びください。');
    screen.press('Right', 'Right', 'Right', 'Down', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'SELECT', id: 'evening' }, { type: 'BACK' }]);
  });

  it('shows the notice in place of the guide', () => {
    const screen = renderScreen(SlotGrid, { ...props, notice: SLOT_TAKEN_NOTICE });
    expect(screen.texts().join('')).toContain('ほかの方が先に予約されました');
    expect(screen.texts()).not.toContain('空いている時間帯を選んで、決定ボタンを押してください。');
    expect(screen.screen.announcement()).toContain('最新の空き状況');
  });

  itReadsInEnglish(SlotGrid, props, [
    'Choose a time',
    'Thu, 3 December 2026',
    'Morning',
    '9:00–12:00',
    '× Booked',
    '○ Free',
  ]);

  it('keeps long names and the notice inside the safe area', () => {
    const withNotice = { ...props, notice: SLOT_TAKEN_NOTICE };
    const cases = [
      { props: withNotice },
      { props: withNotice, language: 'en' as const, keys: ['Right' as const] },
    ];
    expect(layoutProblemsOf(SlotGrid, cases)).toEqual([]);
  });
});
