/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, layoutProblemsOf, pressed } from '../../../../app/testing/screen-harness';
import { LONG_FACILITY_NAME, SLOT_TAKEN_NOTICE } from '../../testing/screen-fixtures';
import type { RoomListProps } from '../../view/booking-view';
import { RoomList } from './RoomList';

const props: RoomListProps = {
  facilityName: LONG_FACILITY_NAME,
  date: '2026-12-03',
  rooms: [
    { id: 'r1', name: '和室（大）', capacityPeople: 20, feeYen: 600, freeSlots: 0 },
    { id: 'r2', name: '第一会議室', capacityPeople: 12, feeYen: 1200, freeSlots: 2 },
    {
      id: 'r3',
      name: '多目的ホール（ステージ・音響設備付き）',
      capacityPeople: 150,
      feeYen: 5000,
      freeSlots: 1,
    },
    { id: 'r4', name: '調理実習室', capacityPeople: 24, feeYen: 800, freeSlots: 3 },
    { id: 'r5', name: '視聴覚室', capacityPeople: 40, feeYen: 900, freeSlots: 1 },
    { id: 'r6', name: '工芸室', capacityPeople: 16, feeYen: 500, freeSlots: 1 },
  ],
};

describe('RoomList screen', () => {
  it('shows the place and date, free slots as mark and word, focus on the first free room', () => {
    const screen = renderScreen(RoomList, props);
    expectTexts(screen, [
      '部屋を選ぶ',
      'みどり市立中央公民館（みどり市民文化交流センター内）　2026年12月3日（木）',
      '部屋を選んで、決定ボタンを押してください。',
      '和室（大）',
      '× 空きなし',
      '○ 空き 2',
    ]);
    expect(screen.screen.announcement()).toMatch(
      /^部屋を選ぶ。みどり市立中央公民館.*。2026年12月3日（木）。部屋を選んで/,
    );
    screen.press('Down');
    expect(screen.announced.at(-1)).toBe(
      '多目的ホール（ステージ・音響設備付き）、定員150人、1コマ5000円、空き1コマ、3番目、全6件のうち',
    );
  });

  it('sends SELECT for a free room only, BACK for Back', () => {
    const screen = renderScreen(RoomList, props);
    screen.press('Enter', 'Up', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'SELECT', id: 'r2' }, { type: 'BACK' }]);
    expect(screen.announced).toContain('この部屋は空きがありません。別の部屋をお選びください。');
  });

  it('shows the notice when a slot was taken meanwhile, and says it', () => {
    const screen = renderScreen(RoomList, { ...props, notice: SLOT_TAKEN_NOTICE });
    expect(screen.texts().join('')).toContain('ほかの方が先に予約されました');
    expect(screen.screen.announcement()).toContain('ほかの方が先に予約されました');
  });

  it('reads in English', () => {
    const screen = renderScreen(RoomList, props, { language: 'en' });
    expectTexts(screen, ['Choose a room', '× full', '○ 2 free']);
    expect(screen.texts().join(' ')).toContain('Thu, 3 December 2026');
  });

  it('keeps long names, the notice and many rows inside the safe area', () => {
    const withNotice = { ...props, notice: SLOT_TAKEN_NOTICE };
    const cases = [
      { props: withNotice },
      { props: withNotice, language: 'en' as const, keys: pressed('Down', 5) },
    ];
    expect(layoutProblemsOf(RoomList, cases)).toEqual([]);
  });
});
