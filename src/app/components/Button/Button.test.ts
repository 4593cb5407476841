/** @jest-environment jsdom */
import { renderScreen } from '../../testing/render';
import { Screen } from '../../screens/Screen';
import { theme } from '../../theme/tokens';
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

  it('shows focus by scale and a thick ring, not colour alone; idle buttons keep a thin outline', () => {
    const rendered = renderScreen(TwoButtons, {});
    const a = rendered.screen.tag('A') as unknown as Button;
    const b = rendered.screen.tag('B') as unknown as Button;
    const ringWidth = (button: Button) => (button.tag('Ring')!.w - button.w) / 2;
    expect(a.scale).toBeGreaterThan(1);
    expect(ringWidth(a)).toBeGreaterThanOrEqual(4);
    expect(b.scale).toBe(1);
    // Idle: an outline in the muted colour, so a button on a surface-coloured panel is still a button.
    expect(ringWidth(b)).toBeGreaterThan(0);
    expect(ringWidth(b)).toBeLessThan(ringWidth(a));
    expect(b.tag('Ring')!.alpha).toBe(1);
    expect(b.tag('Ring')!.color).toBe(theme().colors.textMuted);
    rendered.press('Right');
    expect(ringWidth(b)).toBeGreaterThanOrEqual(4);
    expect(ringWidth(a)).toBeLessThan(4);
  });

  it('takes a fixed width even when it is set after the label', () => {
    const rendered = renderScreen(TwoButtons, { width: 500 });
    expect((rendered.screen.tag('A') as unknown as Button).w).toBe(500);
    expect(rendered.layoutProblems()).toEqual([]);
  });
});
