/** @jest-environment jsdom */
import { boxes } from '../../testing/layout';
import { renderScreen } from '../../testing/render';
import { Screen } from '../../screens/Screen';
import { ScreenFrame } from './ScreenFrame';

class Framed extends Screen<{ title: string; operator: string; keyHints?: boolean }> {
  static override _template() {
    return { Frame: { type: ScreenFrame } };
  }
  protected render(props: { title: string; operator: string; keyHints?: boolean }) {
    this.tag('Frame')?.patch({ frame: props });
  }
  announcement() {
    return '';
  }
}

describe('ScreenFrame', () => {
  it('shows the title, the operator and the colour-key legend with words', () => {
    const rendered = renderScreen(Framed, { title: '健診結果', operator: 'ケーブルテレビ' });
    expect(rendered.texts()).toEqual([
      '健診結果',
      'ケーブルテレビ',
      '赤：ヘルプ',
      '緑：もう一度聞く',
      '青：English',
    ]);
  });

  it('lays the legend entries side by side without overlap', () => {
    const rendered = renderScreen(Framed, { title: 'Results', operator: 'Cable TV' }, { language: 'en' });
    const words = boxes(rendered.app)
      .filter((b) => /Red|Green|Blue/.test(b.text ?? ''))
      .sort((a, b) => a.x - b.x);
    expect(words).toHaveLength(3);
    for (let i = 1; i < words.length; i += 1)
      expect(words[i]!.x).toBeGreaterThan(words[i - 1]!.x + words[i - 1]!.w);
  });

  it('hides the legend when asked', () => {
    const rendered = renderScreen(Framed, { title: 'お知らせ', operator: 'ケーブルテレビ', keyHints: false });
    expect(rendered.texts()).toEqual(['お知らせ', 'ケーブルテレビ']);
  });

  it('keeps a long title and operator name on one line inside the safe area', () => {
    const long = {
      title: '予約の確認と取り消しについての大切なお知らせとご案内',
      operator: 'みなと湾岸ケーブルテレビジョン株式会社',
    };
    expect(renderScreen(Framed, long).layoutProblems()).toEqual([]);
    expect(
      renderScreen(
        Framed,
        {
          title: 'Important notice about checking and cancelling your bookings',
          operator: 'Minato Bayside Cable Television Co., Ltd.',
        },
        { language: 'en' },
      ).layoutProblems(),
    ).toEqual([]);
  });
});
