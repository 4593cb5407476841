/** @jest-environment jsdom */
import { MEDICATIONS } from '../../testing/health-data';
import { renderScreen } from '../../../../app/testing/render';
import {
  expectTexts,
  itReadsInEnglish,
  layoutProblemsOf,
  pressed,
} from '../../../../app/testing/screen-harness';
import { Medications, type MedicationsProps } from './Medications';

const ready: MedicationsProps = { medications: MEDICATIONS, loading: false, empty: false };

describe('Medications screen', () => {
  it('lists the medicines with the dispensing date and days, and how to take the chosen one', () => {
    const screen = renderScreen(Medications, ready);
    expectTexts(screen, [
      'お薬の記録',
      'メトホルミン塩酸塩錠250mg「トーワ」',
      '2026年7月1日　28日分',
      '2026年6月3日　30日分',
      'メトホルミン塩酸塩錠250mg「トーワ」\n1回1錠 1日2回 朝夕食後\n薬局：さくら調剤薬局 窓口町駅前店（日曜・祝日も営業）',
    ]);
    expect(screen.screen.announcement()).toBe(
      'お薬の記録です。8件あります。上下で選ぶと、飲み方を読み上げます。',
    );
    expect(screen.announced[0]).toBe(
      'メトホルミン塩酸塩錠250mg「トーワ」、2026年7月1日、28日分、1回1錠 1日2回 朝夕食後、さくら調剤薬局 窓口町駅前店（日曜・祝日も営業）、1番目、全8件のうち',
    );
  });

  it('shows the full long name of the focused medicine under the list', () => {
    const screen = renderScreen(Medications, ready);
    screen.press('Down');
    expect(screen.texts()).toContain(
      '精製ヒアルロン酸ナトリウム点眼液0.1%「センジュ」\n1回1滴 1日5回 両眼\n薬局：さくら調剤薬局 窓口町駅前店（日曜・祝日も営業）',
    );
    expect(screen.announced.at(-1)).toMatch(
      /^精製ヒアルロン酸ナトリウム点眼液0.1%「センジュ」、2026年6月3日、30日分、1回1滴 1日5回 両眼/,
    );
  });

  itReadsInEnglish(Medications, ready, ['Medication records', '1 July 2026  28 days']);

  it('scrolls through all records; OK sends nothing; Back returns', () => {
    const screen = renderScreen(Medications, ready);
    screen.press(...Array.from({ length: 7 }, () => 'Down' as const));
    expect(screen.texts()).toContain('ロキソプロフェンナトリウムテープ100mg');
    expect(screen.layoutProblems()).toEqual([]);
    screen.press('Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }]);
  });

  it('says it is loading, then that there are no records', () => {
    const screen = renderScreen(Medications, { medications: [], loading: true, empty: false });
    expect(screen.texts()).toContain('読み込み中です。しばらくお待ちください。');
    expect(screen.screen.announcement()).toBe('読み込み中です。しばらくお待ちください。');
    screen.update({ medications: [], loading: false, empty: true });
    expect(screen.texts()).toContain('お薬の記録はありません。');
    expect(screen.screen.announcement()).toBe('お薬の記録はありません。戻るボタンで前の画面に戻ります。');
    expect(screen.layoutProblems()).toEqual([]);
    screen.press('Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }]);
  });

  it('keeps everything inside the safe area in large type, in ja and en, with long names', () => {
    const cases = [
      { props: ready },
      { props: ready, language: 'en' as const, keys: pressed('Down', 4) },
      { props: { medications: [], loading: false, empty: true }, language: 'en' as const },
    ];
    expect(layoutProblemsOf(Medications, cases)).toEqual([]);
  });
});
