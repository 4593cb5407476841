/** @jest-environment jsdom */
import { boxes } from '../../layout-check/layout';
import { operatorWithHours } from '../../testing/operator-settings';
import { renderScreen } from '../../testing/render';
import { Screen } from '../../screens/Screen';
import { defaultTheme, withTextSize } from '../../theme/tokens';
import { HelpOverlay } from './HelpOverlay';

/** A tiny screen that shows the help, as the shell would; closing is reported as an event. */
class HelpHost extends Screen<Record<string, never>> {
  static override _template() {
    return { Help: { type: HelpOverlay } };
  }
  protected render() {
    (this.tag('Help') as unknown as HelpOverlay).paint();
  }
  announcement() {
    return (this.tag('Help') as unknown as HelpOverlay).announcement();
  }
  override _getFocused() {
    return this.tag('Help') as unknown as HelpOverlay;
  }
  $closeHelp() {
    this.send({ type: 'HELP_CLOSED' });
  }
}

describe('HelpOverlay', () => {
  it('explains the remote, the card and how to reach the operator', () => {
    const rendered = renderScreen(HelpHost, {}, { settings: operatorWithHours });
    expect(rendered.texts()).toEqual(
      expect.arrayContaining([
        '使いかた',
        '矢印ボタン：選ぶものを動かします',
        '決定ボタン：選んだものに進みます',
        '戻るボタン：ひとつ前に戻ります',
        '数字ボタン：暗証番号などを入力します',
        '赤ボタン：この説明を開きます',
        '緑ボタン：読み上げをもう一度聞きます',
        '黄ボタン：文字の大きさを変えます',
        '青ボタン：English／日本語を切り替えます',
        'カードは、ICチップを上にして差し込みます。',
        expect.stringMatching(/暗証番号は、誰にも教えないでください/),
        expect.stringMatching(/3回まちがえると.*市区町村の窓口で解除/),
        'お困りのときは みなと湾岸ケーブルテレビジョン株式会社（0120-000-000）までお電話ください。',
        '受付時間：平日 9時〜18時（土日祝日と年末年始を除く）',
      ]),
    );
  });

  it('reads in English', () => {
    const rendered = renderScreen(HelpHost, {}, { language: 'en', settings: operatorWithHours });
    expect(rendered.texts()).toEqual(
      expect.arrayContaining([
        'How to use',
        expect.stringMatching(/Never tell your PIN/),
        'Hours: Weekdays 9:00–18:00 (closed on holidays)',
      ]),
    );
  });

  it('closes with OK and with Back', () => {
    const rendered = renderScreen(HelpHost, {});
    rendered.press('Enter', 'Back');
    expect(rendered.sent).toEqual([{ type: 'HELP_CLOSED' }, { type: 'HELP_CLOSED' }]);
  });

  it('speaks everything on it', () => {
    const spoken = renderScreen(HelpHost, {}).screen.announcement();
    expect(spoken).toMatch(/^使いかた\n/);
    expect(spoken).toMatch(/暗証番号を3回まちがえると/);
    expect(spoken).toMatch(/0120-000-000/);
  });

  it('keeps everything inside the safe area in large type, columns above the contact, in ja and en', () => {
    for (const language of ['ja', 'en'] as const) {
      const rendered = renderScreen(HelpHost, {}, { settings: operatorWithHours, language });
      expect(rendered.layoutProblems()).toEqual([]);
      const all = boxes(rendered.app);
      const bottomOf = (name: string) =>
        Math.max(...all.filter((b) => b.path.includes(`/${name}/`) && b.text).map((b) => b.y + b.h));
      const contactTop = Math.min(
        ...all.filter((b) => b.path.includes('/Contact/') && b.text).map((b) => b.y),
      );
      expect(bottomOf('Remote')).toBeLessThanOrEqual(contactTop);
      expect(bottomOf('Card')).toBeLessThanOrEqual(contactTop);
    }
  });

  it('at 特大 shows the remote, then (→ or ↓) the card and the contact, and back (← or ↑), spoken', () => {
    const largest = { settings: operatorWithHours, theme: withTextSize(defaultTheme, 'largest') };
    const rendered = renderScreen(HelpHost, {}, largest);
    const first = rendered.texts();
    expect(first).toEqual(expect.arrayContaining(['使いかた（1/2）', '矢印ボタン：選ぶものを動かします']));
    expect(first.join('\n')).not.toMatch(/ICチップ|0120-000-000/);
    expect(first).toContain('→ 右ボタン：次のページ（カードについて、お問い合わせ先）');
    expect(rendered.layoutProblems()).toEqual([]);

    rendered.press('Right');
    const second = rendered.texts();
    expect(second).toEqual(
      expect.arrayContaining(['使いかた（2/2）', 'カードは、ICチップを上にして差し込みます。']),
    );
    expect(second.join('\n')).toMatch(/0120-000-000/);
    expect(second.join('\n')).not.toMatch(/矢印ボタン/);
    expect(rendered.layoutProblems()).toEqual([]);
    expect(rendered.announced.at(-1)).toMatch(/^カードについて\n.*ICチップ/s);

    rendered.press('Down');
    expect(rendered.announced).toHaveLength(1);
    rendered.press('Up');
    expect(rendered.texts()).toContain('使いかた（1/2）');
    expect(rendered.announced.at(-1)).toMatch(/^リモコンの使いかた\n/);
    rendered.press('Enter');
    expect(rendered.sent).toEqual([{ type: 'HELP_CLOSED' }]);
  });

  it('has one page at the standard size: the arrows change nothing', () => {
    const rendered = renderScreen(HelpHost, {}, { settings: operatorWithHours });
    const before = rendered.texts();
    rendered.press('Right', 'Down');
    expect(rendered.texts()).toEqual(before);
    expect(rendered.announced).toEqual([]);
  });
});
