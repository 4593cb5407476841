/** @jest-environment jsdom */
import { CHECKUP, CHECKUPS } from '../../testing/health-data';
import { renderScreen } from '../../../../app/testing/render';
import {
  expectTexts,
  inBothLanguages,
  itReadsInEnglish,
  itSends,
  layoutProblemsOf,
  pressed,
} from '../../../../app/testing/screen-harness';
import { defaultTheme, withTextSize } from '../../../../app/theme/tokens';
import { CheckupDetail, type CheckupDetailProps } from './CheckupDetail';

const ready: CheckupDetailProps = { checkup: CHECKUP, loading: false };

describe('CheckupDetail screen', () => {
  it('shows each item with value and unit and the judgement as icon and word; the range under the list', () => {
    const screen = renderScreen(CheckupDetail, ready);
    const texts = screen.texts();
    expect(CHECKUP.items.length).toBeGreaterThanOrEqual(8);
    expectTexts(screen, [
      '2026年6月12日の健診結果',
      '窓口町保健センター　総合判定 D：要医療',
      '収縮期血圧　142 mmHg',
      '▲ 高い・判定 C 要経過観察',
      '拡張期血圧　86 mmHg',
      '体重　74.8 kg',
      '－ 基準なし・判定 A 異常なし',
    ]);
    // The focused item in full sentences under the list.
    expect(texts).toContain(
      '基準範囲：129 以下。▲ 基準より高い、判定 C（要経過観察）です。\n決定で、これまでの推移をグラフで見られます。',
    );
    expect(screen.screen.announcement()).toBe(
      '2026年6月12日の健診結果です。12項目あります。項目を選んで決定を押すと、これまでの推移が見られます。',
    );
    expect(screen.announced[0]).toBe(
      '収縮期血圧　142 mmHg、基準 129 以下、基準より高い、判定C、要経過観察、1番目、全12件のうち',
    );
  });

  it('follows the focus: the panel explains the item under it, a low value reads ▼', () => {
    const screen = renderScreen(CheckupDetail, ready);
    const hdl = CHECKUP.items.findIndex((item) => item.code === '3F070');
    screen.press(...Array.from({ length: hdl }, () => 'Down' as const));
    const texts = screen.texts();
    expect(texts).toContain('HDLコレステロール　38 mg/dL');
    expect(texts).toContain('▼ 低い・判定 C 要経過観察');
    expect(texts).toContain(
      '基準範囲：40 以上。▼ 基準より低い、判定 C（要経過観察）です。\n決定で、これまでの推移をグラフで見られます。',
    );
    expect(screen.layoutProblems()).toEqual([]);
  });

  itReadsInEnglish(CheckupDetail, ready, [
    'Checkup of 12 June 2026',
    '収縮期血圧  142 mmHg',
    '▲ High · C Watch it',
    'Reference range: 129 以下. ▲ Above range, grade C (Watch it).\nPress OK to see it over the years as a chart.',
  ]);

  itSends(
    'OK opens the trend of the focused item; Back returns to the list',
    CheckupDetail,
    ready,
    ['Enter', 'Down', 'Down', 'Down', 'Down', 'Down', 'Enter', 'Back'],
    [
      { type: 'SELECT', id: CHECKUP.items[0]!.code },
      { type: 'SELECT', id: CHECKUP.items[5]!.code },
      { type: 'BACK' },
    ],
  );

  it('says it is loading; only Back works', () => {
    const screen = renderScreen(CheckupDetail, { loading: true });
    expectTexts(screen, ['健診結果', '読み込み中です。しばらくお待ちください。']);
    expect(screen.screen.announcement()).toBe('読み込み中です。しばらくお待ちください。');
    screen.press('Enter', 'Down', 'Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }]);
    expect(screen.layoutProblems()).toEqual([]);
  });

  it('keeps everything inside the safe area in large type, in ja and en, scrolled to the end too', () => {
    const scrolled = renderScreen(CheckupDetail, ready);
    scrolled.press(...pressed('Down', 11));
    expect(scrolled.texts()).toContain('γ-GT（γ-GTP）　40 U/L');
    const cases = [...inBothLanguages(ready), ...inBothLanguages(ready, pressed('Down', 11))];
    expect(layoutProblemsOf(CheckupDetail, cases)).toEqual([]);
  });

  it('shows a long place whole on two lines, with the list under it, at every text size', () => {
    const institution = CHECKUPS[1]!.institution;
    const long: CheckupDetailProps = { checkup: { ...CHECKUP, institution }, loading: false };
    expect(renderScreen(CheckupDetail, long).texts()).toContain(`${institution}\u3000総合判定 D：要医療`);
    const cases = [...inBothLanguages(long), ...inBothLanguages(long, pressed('Down', 11))];
    expect(layoutProblemsOf(CheckupDetail, cases)).toEqual([]);
    for (const size of ['large', 'largest'] as const) {
      const rendered = renderScreen(CheckupDetail, long, { theme: withTextSize(defaultTheme, size) });
      expect([size, rendered.layoutProblems()]).toEqual([size, []]);
    }
  });
});
