/** @jest-environment jsdom */
import { ComponentHost } from '../../testing/component-host';
import { renderScreen } from '../../testing/render';
import { ButtonRow } from './ButtonRow';

class ThreeActions extends ComponentHost<{ focus?: number }, ButtonRow> {
  static override _template() {
    return { Hosted: { type: ButtonRow, x: 200, y: 600 } };
  }
  protected render({ focus }: { focus?: number }) {
    this.hosted.patch({
      content: {
        gap: 48,
        focus,
        buttons: ['A', 'B', 'C'].map((type) => ({ label: type, onPress: () => this.send({ type }) })),
      },
    });
  }
}

describe('ButtonRow', () => {
  it('moves with Left/Right, stops at both ends, and OK presses the focused button', () => {
    const rendered = renderScreen(ThreeActions, {});
    rendered.press('Left', 'Enter', 'Right', 'Enter', 'Right', 'Right', 'Enter');
    expect(rendered.sent).toEqual([{ type: 'A' }, { type: 'B' }, { type: 'C' }]);
  });

  it('starts on the button the screen names, and again after each new set of buttons', () => {
    const rendered = renderScreen(ThreeActions, { focus: 2 });
    rendered.press('Enter');
    rendered.update({ focus: 1 });
    rendered.press('Enter');
    expect(rendered.sent).toEqual([{ type: 'C' }, { type: 'B' }]);
  });

  it('lays the buttons out left to right with the gap between them', () => {
    const row = renderScreen(ThreeActions, {}).screen.tag('Hosted') as unknown as ButtonRow;
    const [a, b] = row.children as Array<{ finalX: number; finalW: number }>;
    expect(b!.finalX - (a!.finalX + a!.finalW)).toBe(48);
  });
});
