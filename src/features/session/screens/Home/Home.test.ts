/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, layoutProblemsOf } from '../../../../app/testing/screen-harness';
import { Home, homeItems } from './Home';
import { defaultTheme, withTextSize } from '../../../../app/theme/tokens';

const both = { displayName: '窓口 花子', services: ['health', 'booking'] as Array<'health' | 'booking'> };

describe('Home screen', () => {
  it('greets the viewer by name and lists what the box offers', () => {
    const screen = renderScreen(Home, both);
    expectTexts(screen, [
      '窓口 花子 さん、こんにちは',
      'お知らせ',
      '健診結果を見る',
      '施設を予約する',
      '予約の確認・取り消し',
      // The address change and the rest are under "▼ 続き" (seven items; five rows show).
      '▼ 続き',
    ]);
  });

  it('says how many notices are unread on the e-post box item, and opens it', () => {
    expectTexts(renderScreen(Home, { ...both, unread: 2 }), ['お知らせ　未読 2件']);
    expectTexts(renderScreen(Home, { ...both, unread: 0 }), ['お知らせ（未読なし）']);
    expectTexts(renderScreen(Home, { ...both, unread: 2 }, { language: 'en' }), ['Notices: 2 unread']);
    const screen = renderScreen(Home, { ...both, unread: 2 });
    screen.press('Enter');
    expect(screen.sent).toEqual([{ type: 'OPEN', section: 'inbox' }]);
  });

  it('shows only the enabled services', () => {
    expect(homeItems(['health'])).toEqual(['inbox', 'health', 'moving', 'companion', 'help', 'logout']);
    // Logged in by the phone, no reader to sign the address change with.
    expect(homeItems(['health'], true)).toEqual(['inbox', 'health', 'companion', 'help', 'logout']);
    expect(homeItems(['booking'])).toEqual([
      'inbox',
      'booking',
      'myBookings',
      'moving',
      'companion',
      'help',
      'logout',
    ]);
    const screen = renderScreen(Home, { ...both, services: ['booking'] });
    expect(screen.texts()).not.toContain('健診結果を見る');
  });

  it('reads in English', () => {
    const screen = renderScreen(Home, { ...both, displayName: 'Hanako Madoguchi' }, { language: 'en' });
    expectTexts(screen, ['Hello, Hanako Madoguchi', 'Notices', 'See health check results', '▼ more']);
    screen.press('Down', 'Down', 'Down', 'Down');
    expectTexts(screen, ['Tell services you moved']);
  });

  it('sends OPEN for each section, LOGOUT, and opens help; Back does nothing', () => {
    const screen = renderScreen(Home, both);
    const fired = jest.spyOn(screen.screen, 'fireAncestors');
    // The first item (the inbox) is passed over: its OPEN has a test of its own.
    for (let item = 1; item <= 7; item += 1) screen.press('Down', 'Enter');
    screen.press('Back');
    const sections = ['health', 'booking', 'myBookings', 'moving', 'companion'];
    expect(screen.sent).toEqual([
      ...sections.map((section) => ({ type: 'OPEN', section })),
      { type: 'LOGOUT' },
    ]);
    expect(fired.mock.calls.filter(([name]) => name === '$openHelp')).toHaveLength(1);
  });

  it('speaks the greeting, then the focused item with its place', () => {
    const screen = renderScreen(Home, both);
    expect(screen.screen.announcement()).toBe(
      '窓口 花子 さん、こんにちは。使いたいものを選んで、決定ボタンを押してください。',
    );
    screen.press('Down');
    expect(screen.announced).toContain('健診結果を見る、2番目、全8件のうち');
  });

  it('keeps everything inside the safe area in large type, in ja and en, with a long name', () => {
    const long = { ...both, displayName: '長谷川原 左右衛門之介太郎兵衛' };
    const cases = [
      { props: long },
      { props: { ...long, displayName: 'Bartholomew Alexander Featherstonehaugh' }, language: 'en' as const },
    ];
    expect(layoutProblemsOf(Home, cases)).toEqual([]);
  });

  it('at 特大 shows the rows that fit, says there is more, and scrolls to the last', () => {
    const screen = renderScreen(Home, both, { theme: withTextSize(defaultTheme, 'largest') });
    expect(screen.layoutProblems()).toEqual([]);
    expect(screen.texts()).toEqual(expect.arrayContaining(['お知らせ', '▼ 続き']));
    expect(screen.texts()).not.toContain('ログアウト');
    screen.press('Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down');
    expect(screen.texts()).toContain('ログアウト');
    expect(screen.layoutProblems()).toEqual([]);
  });
});
