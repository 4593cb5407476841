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
      '健診結果を見る',
      '施設を予約する',
      '予約の確認・取り消し',
      '住所変更の手続き',
    ]);
  });

  it('shows only the enabled services', () => {
    expect(homeItems(['health'])).toEqual(['health', 'moving', 'help', 'logout']);
    expect(homeItems(['booking'])).toEqual(['booking', 'myBookings', 'moving', 'help', 'logout']);
    const screen = renderScreen(Home, { ...both, services: ['booking'] });
    expect(screen.texts()).not.toContain('健診結果を見る');
  });

  it('reads in English', () => {
    const screen = renderScreen(Home, { ...both, displayName: 'Hanako Madoguchi' }, { language: 'en' });
    expectTexts(screen, ['Hello, Hanako Madoguchi', 'See health check results', 'Tell services you moved']);
  });

  it('sends OPEN for each section, LOGOUT, and opens help; Back does nothing', () => {
    const screen = renderScreen(Home, both);
    const fired = jest.spyOn(screen.screen, 'fireAncestors');
    screen.press(
      'Enter',
      'Down',
      'Enter',
      'Down',
      'Enter',
      'Down',
      'Enter',
      'Down',
      'Enter',
      'Down',
      'Enter',
    );
    screen.press('Back');
    expect(screen.sent).toEqual([
      { type: 'OPEN', section: 'health' },
      { type: 'OPEN', section: 'booking' },
      { type: 'OPEN', section: 'myBookings' },
      { type: 'OPEN', section: 'moving' },
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
    expect(screen.announced).toContain('施設を予約する、2番目、全6件のうち');
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
    expect(screen.texts()).toEqual(expect.arrayContaining(['健診結果を見る', '▼ 続き']));
    expect(screen.texts()).not.toContain('ログアウト');
    screen.press('Down', 'Down', 'Down', 'Down', 'Down');
    expect(screen.texts()).toContain('ログアウト');
    expect(screen.layoutProblems()).toEqual([]);
  });
});
