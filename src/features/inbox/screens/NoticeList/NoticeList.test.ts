/** @jest-environment jsdom */
import { NOTICES } from '../../testing/inbox-data';
import { renderScreen } from '../../../../app/testing/render';
import {
  expectTexts,
  inBothLanguages,
  itReadsInEnglish,
  itSends,
  layoutProblemsOf,
} from '../../../../app/testing/screen-harness';
import { defaultTheme, withTextSize } from '../../../../app/theme/tokens';
import { NoticeList, type NoticeListProps } from './NoticeList';

const ready: NoticeListProps = { notices: NOTICES, loading: false, empty: false };

describe('NoticeList screen', () => {
  it('marks the unread ones with ● and the word, and gives the day and the sender', () => {
    const screen = renderScreen(NoticeList, ready);
    expectTexts(screen, [
      'お知らせ（電子私書箱）',
      '●未読\u3000特定健康診査（特定健診）受診券のご案内',
      '11/28\u3000窓口町役場',
      '医療費のお知らせ（1月〜10月診療分）',
    ]);
    expect(screen.screen.announcement()).toBe(
      'お知らせの一覧です。5件、そのうち未読が2件あります。上下で選んで、決定を押してください。',
    );
    expect(screen.announced[0]).toMatch(
      /^●未読\u3000特定健康診査.*、未読、窓口町役場、2026年11月28日、1番目/,
    );
  });

  itReadsInEnglish(NoticeList, ready, [
    'Notices (e-post box)',
    '● Unread  Your specific health checkup voucher',
    '28 Nov  Madoguchi Town Office',
  ]);

  itSends(
    'OK opens the focused notice, Down then OK the next, Back goes home',
    NoticeList,
    ready,
    ['Enter', 'Down', 'Enter', 'Back'],
    [{ type: 'SELECT', id: 'nt-checkup' }, { type: 'SELECT', id: 'nt-hall' }, { type: 'BACK' }],
  );

  it('says it is loading, with nothing to choose', () => {
    const screen = renderScreen(NoticeList, { notices: [], loading: true, empty: false });
    expectTexts(screen, ['読み込み中です。しばらくお待ちください。']);
    screen.press('Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }]);
  });

  it('when empty, says so and offers the way home', () => {
    const screen = renderScreen(NoticeList, { notices: [], loading: false, empty: true });
    expectTexts(screen, [
      'お知らせはありません。新しいお知らせが届くと、ここに表示されます。',
      'ホームに戻る',
    ]);
    expect(screen.screen.announcement()).toMatch(/お知らせはありません。.*ホームに戻ります/);
    screen.press('Enter');
    expect(screen.sent).toEqual([{ type: 'BACK' }]);
  });

  it('lays out in ja and en, and at 特大', () => {
    const empty = { notices: [], loading: false, empty: true };
    expect(layoutProblemsOf(NoticeList, [...inBothLanguages(ready), ...inBothLanguages(empty)])).toEqual([]);
    const largest = renderScreen(NoticeList, ready, { theme: withTextSize(defaultTheme, 'largest') });
    expect(largest.layoutProblems()).toEqual([]);
  });
});
