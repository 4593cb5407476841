/** @jest-environment jsdom */
import { renderScreen } from '../../testing/render';
import { Screen } from '../../screens/Screen';
import { Button } from './Button';

class TwoButtons extends Screen<{ width?: number }> {
  static override _template() {
    return { A: { type: Button, x: 200, y: 400 }, B: { type: Button, x: 700, y: 400 } };
  }
  private index = 0;
  protected render({ width }: { width?: number }) {
    this.tag('A')?.patch({ label: 'はい', fixedWidth: width, onPress: () => this.send({ type: 'A' }) });
    this.tag('B')?.patch({ label: 'いいえ', onPress: () => this.send({ type: 'B' }) });
  }
  announcement() {
    return '';
  }
  override _getFocused() {
    return this.tag(this.index === 0 ? 'A' : 'B') as unknown as Button;
  }
  override _handleRight() {
    this.index = 1;
    this._refocus();
  }
}

describe('Button', () => {
  it('shows its label, OK presses the focused one, and focus is spoken', () => {
    const rendered = renderScreen(TwoButtons, {});
    expect(rendered.texts()).toEqual(['はい', 'いいえ']);
    rendered.press('Enter', 'Right', 'Enter');
    expect(rendered.sent).toEqual([{ type: 'A' }, { type: 'B' }]);
    expect(rendered.announced).toEqual(expect.arrayContaining(['はい', 'いいえ']));
  });

  it('shows focus by scale and ring, not colour alone', () => {
    const rendered = renderScreen(TwoButtons, {});
    const a = rendered.screen.tag('A') as unknown as Button;
    const b = rendered.screen.tag('B') as unknown as Button;
    expect(a.scale).toBeGreaterThan(1);
    expect(a.tag('Ring')?.alpha).toBe(1);
    expect(b.scale).toBe(1);
    expect(b.tag('Ring')?.alpha).toBe(0);
  });

  it('takes a fixed width even when it is set after the label', () => {
    const rendered = renderScreen(TwoButtons, { width: 500 });
    expect((rendered.screen.tag('A') as unknown as Button).w).toBe(500);
    expect(rendered.layoutProblems()).toEqual([]);
  });
});
