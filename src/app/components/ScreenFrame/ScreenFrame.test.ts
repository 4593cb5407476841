/** @jest-environment jsdom */
import { boxes } from '../../layout-check/layout';
import { renderScreen } from '../../testing/render';
import { Screen } from '../../screens/Screen';
import { DEFAULT_SETTINGS } from '../../settings/settings';
import { defaultTheme, withTextSize } from '../../theme/tokens';
import { ScreenFrame } from './ScreenFrame';

class Framed extends Screen<{ title: string; keyHints?: boolean }> {
  static override _template() {
    return { Frame: { type: ScreenFrame } };
  }
  protected render(props: { title: string; keyHints?: boolean }) {
    this.tag('Frame')?.patch({ frame: props });
  }
  announcement() {
    return '';
  }
}

/** The operator's name is the settings'; these give the frame a long one. */
const operatorNamed = (ja: string, en: string) => ({
  settings: { ...DEFAULT_SETTINGS, operator: { ...DEFAULT_SETTINGS.operator, name: { ja, en } } },
});

describe('ScreenFrame', () => {
  it('shows the title, the operator and the colour-key legend with words', () => {
    const rendered = renderScreen(Framed, { title: '健診結果' });
    expect(rendered.texts()).toEqual([
      '健診結果',
      'ケーブルテレビ',
      '赤：ヘルプ',
      '緑：もう一度聞く',
      '黄：文字の大きさ',
      '青：English',
    ]);
  });

  it('lays the legend entries side by side without overlap', () => {
    const rendered = renderScreen(Framed, { title: 'Results' }, { language: 'en' });
    const words = boxes(rendered.app)
      .filter((b) => /Red|Green|Yellow|Blue/.test(b.text ?? ''))
      .sort((a, b) => a.x - b.x);
    expect(words).toHaveLength(4);
    for (let i = 1; i < words.length; i += 1)
      expect(words[i]!.x).toBeGreaterThan(words[i - 1]!.x + words[i - 1]!.w);
  });

  it('hides the legend when asked', () => {
    const rendered = renderScreen(Framed, { title: 'お知らせ', keyHints: false });
    expect(rendered.texts()).toEqual(['お知らせ', 'ケーブルテレビ']);
  });

  it('keeps a long title and operator name on one line inside the safe area', () => {
    const operator = operatorNamed(
      'みなと湾岸ケーブルテレビジョン株式会社',
      'Minato Bayside Cable Television Co., Ltd.',
    );
    const long = { title: '予約の確認と取り消しについての大切なお知らせとご案内' };
    expect(renderScreen(Framed, long, operator).layoutProblems()).toEqual([]);
    expect(
      renderScreen(
        Framed,
        { title: 'Important notice about checking and cancelling your bookings' },
        { ...operator, language: 'en' },
      ).layoutProblems(),
    ).toEqual([]);
  });

  it('shrinks a title too long for its line (not under the body size) rather than cut it short', () => {
    const largest = withTextSize(defaultTheme, 'largest');
    const titleSize = (title: string) => {
      const rendered = renderScreen(Framed, { title }, { theme: largest });
      expect(rendered.layoutProblems()).toEqual([]);
      return boxes(rendered.app).find((b) => b.text === title)?.fontSize;
    };
    expect(titleSize('健診結果')).toBe(largest.type.title);
    const shrunk = titleSize('署名用電子証明書についてのお知らせ');
    expect(shrunk).toBeLessThan(largest.type.title);
    expect(shrunk).toBeGreaterThanOrEqual(largest.type.body);
    // Too long even at the body size: two lines at the body size.
    expect(titleSize('予約の確認と取り消しについての大切なお知らせとご案内です')).toBe(largest.type.body);
  });
});
