/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, itSends, layoutProblemsOf, pressed } from '../../../../app/testing/screen-harness';
import type { FacilityListProps } from '../../view/booking-view';
import { FacilityList } from './FacilityList';

const many: FacilityListProps = {
  facilities: [
    { id: 'f1', name: 'みどり市立中央公民館（みどり市民文化交流センター内）', kind: '公民館' },
    { id: 'f2', name: 'みどり市総合体育館', kind: '体育館' },
    { id: 'f3', name: 'みどり市立図書館 北分館 多目的ホール', kind: '図書館' },
    ...Array.from({ length: 9 }, (_, i) => ({
      id: `g${i}`,
      name: `みどり市地区コミュニティセンター第${i + 1}集会所`,
      kind: '集会所',
    })),
  ],
  loading: false,
  empty: false,
};
/** Three facilities: the list fits without scrolling, the bookings row is the fourth. */
const three: FacilityListProps = { ...many, facilities: many.facilities.slice(0, 3) };

describe('FacilityList screen', () => {
  it('lists the facilities with their kind and ends with the bookings row', () => {
    const screen = renderScreen(FacilityList, three);
    expectTexts(screen, [
      '施設の予約',
      '施設を選んで、決定ボタンを押してください。',
      'みどり市総合体育館',
      '体育館',
      '予約の確認・取り消し',
    ]);
    expect(screen.screen.announcement()).toBe('施設の予約。施設を選んで、決定ボタンを押してください。');
    screen.press('Down');
    expect(screen.announced.at(-1)).toBe('みどり市総合体育館、体育館、2番目、全4件のうち');
  });

  itSends(
    'sends SELECT for a facility, MY_BOOKINGS for the last row, BACK for Back',
    FacilityList,
    three,
    ['Down', 'Enter', 'Down', 'Down', 'Down', 'Enter', 'Back'],
    [{ type: 'SELECT', id: 'f2' }, { type: 'MY_BOOKINGS' }, { type: 'BACK' }],
  );

  it('says it is loading (no rows), or that there is nothing to book (bookings row only)', () => {
    const loading = renderScreen(FacilityList, { facilities: [], loading: true, empty: false });
    expect(loading.texts()).toContain('読み込んでいます。しばらくお待ちください。');
    loading.press('Enter', 'Back');
    expect(loading.sent).toEqual([{ type: 'BACK' }]);
    const empty = renderScreen(FacilityList, { facilities: [], loading: false, empty: true });
    expectTexts(empty, ['予約できる施設はありません。', '予約の確認・取り消し']);
    empty.press('Enter');
    expect(empty.sent).toEqual([{ type: 'MY_BOOKINGS' }]);
  });

  it('reads in English', () => {
    const screen = renderScreen(FacilityList, many, { language: 'en' });
    expectTexts(screen, ['Book a facility', 'Choose a facility and press OK.']);
    screen.press(...Array.from({ length: 12 }, () => 'Down' as const));
    expect(screen.texts()).toContain('Check or cancel your bookings');
  });

  it('keeps long names and many rows inside the safe area, in large type', () => {
    const cases = [{ props: many }, { props: many, language: 'en' as const, keys: pressed('Down', 6) }];
    expect(layoutProblemsOf(FacilityList, cases)).toEqual([]);
  });
});
