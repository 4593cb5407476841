/** @jest-environment jsdom */
import { CHECKUPS } from '../../testing/health-data';
import { renderScreen } from '../../../../app/testing/render';
import {
  expectTexts,
  inBothLanguages,
  itReadsInEnglish,
  itSends,
  layoutProblemsOf,
  pressed,
} from '../../../../app/testing/screen-harness';
import { CheckupList, type CheckupListProps } from './CheckupList';

const ready: CheckupListProps = { checkups: CHECKUPS, loading: false, empty: false };

describe('CheckupList screen', () => {
  it('lists the checkups newest first with the date in Japanese and the overall judgement in words', () => {
    const screen = renderScreen(CheckupList, ready);
    expectTexts(screen, [
      '健診結果',
      '見たい健診を選んで、決定を押してください。',
      '2026年6月12日　窓口町保健センター',
      '総合 D：要医療',
    ]);
    const texts = screen.texts();
    expect(texts.indexOf('2026年6月12日　窓口町保健センター')).toBeLessThan(
      texts.findIndex((text) => text.startsWith('2025年6月12日')),
    );
    expect(screen.screen.announcement()).toBe(
      '健診結果の一覧です。10回分あります。上下で選んで、決定を押してください。お薬の記録は一番下にあります。',
    );
    expect(screen.announced[0]).toMatch(
      /^2026年6月12日\u3000窓口町保健センター、総合 D：要医療、1番目、全11件のうち/,
    );
  });

  itReadsInEnglish(CheckupList, ready, [
    'Checkup results',
    '12 June 2026  窓口町保健センター',
    'Overall D: See a doctor',
  ]);

  itSends(
    'OK opens the focused checkup, Down then OK the next one, Back leaves',
    CheckupList,
    ready,
    ['Enter', 'Down', 'Enter', 'Back'],
    [{ type: 'SELECT', id: 'ck-2026' }, { type: 'SELECT', id: 'ck-2025' }, { type: 'BACK' }],
  );

  it('scrolls to the medications row at the end of the list', () => {
    const screen = renderScreen(CheckupList, ready);
    screen.press(...Array.from({ length: 10 }, () => 'Down' as const));
    expect(screen.texts()).toContain('お薬の記録');
    expect(screen.texts()).not.toContain('2026年6月12日　窓口町保健センター');
    screen.press('Enter');
    expect(screen.sent).toEqual([{ type: 'MEDICATIONS' }]);
    expect(screen.announced.at(-1)).toMatch(/お薬の記録、処方されたお薬、11番目、全11件のうち/);
    expect(screen.layoutProblems()).toEqual([]);
  });

  it('says it is loading, with no rows and no keys but Back', () => {
    const screen = renderScreen(CheckupList, { checkups: [], loading: true, empty: false });
    expectTexts(screen, ['読み込み中です。しばらくお待ちください。']);
    expect(screen.texts()).not.toContain('お薬の記録');
    expect(screen.screen.announcement()).toBe('読み込み中です。しばらくお待ちください。');
    screen.press('Enter', 'Down', 'Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }]);
  });

  it('when empty, says so and still offers the medications', () => {
    const screen = renderScreen(CheckupList, { checkups: [], loading: false, empty: true });
    expectTexts(screen, ['健診結果はまだありません。', 'お薬の記録']);
    expect(screen.screen.announcement()).toMatch(/健診結果はまだありません/);
    screen.press('Enter');
    expect(screen.sent).toEqual([{ type: 'MEDICATIONS' }]);
    expect(screen.layoutProblems()).toEqual([]);
  });

  it('keeps everything inside the safe area in large type, in ja and en, with long place names', () => {
    const cases = [
      ...inBothLanguages(ready),
      { props: ready, language: 'en' as const, keys: pressed('Down', 6) },
    ];
    expect(layoutProblemsOf(CheckupList, cases)).toEqual([]);
  });
});
