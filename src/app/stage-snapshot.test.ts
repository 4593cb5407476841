/** @jest-environment jsdom */
import { Lightning } from '@lightningjs/sdk';
import { renderScreen } from './testing/render';
import { Screen } from './screens/Screen';
import { snapshotStage } from './stage-snapshot';

/** A parent moved by flex, a rounded box with a stroke, a text, a plain rect, and what is not drawn. */
class Sample extends Screen<object> {
  static override _template() {
    return {
      Column: {
        x: 100,
        y: 50,
        flex: { direction: 'column' },
        Title: { text: { text: '準備しています', fontSize: 60, textColor: 0xffeeeeee } },
        Box: {
          w: 200,
          h: 80,
          rect: true,
          color: 0xff223344,
          shader: {
            type: Lightning.shaders.RoundedRectangle,
            radius: 12,
            stroke: 4,
            strokeColor: 0xffffd54a,
          },
        },
      },
      Plain: { x: 10, y: 900, w: 30, h: 30, rect: true, color: 0xffff0000 },
      Hidden: { visible: false, Inside: { rect: true, w: 10, h: 10 } },
      Clear: { alpha: 0, rect: true, w: 10, h: 10 },
    };
  }
  protected render() {}
  announcement() {
    return '';
  }
}

describe('snapshotStage', () => {
  it('lists what is drawn in drawing order, at its final place on screen, with only the settings that were set', () => {
    const rendered = renderScreen(Sample, {});
    const drawn = snapshotStage(rendered.app.stage.root);
    const byPath = new Map(drawn.map((node) => [node.path.replace(/^.*\/Screen/, ''), node]));
    expect([...byPath.keys()].filter((path) => path.startsWith('/'))).toEqual([
      '/Column/Title',
      '/Column/Box',
      '/Plain',
    ]);
    const title = byPath.get('/Column/Title')!;
    expect(title).toMatchObject({
      x: 100,
      y: 50,
      alpha: 1,
      text: { text: '準備しています', fontSize: 60, textColor: 0xffeeeeee },
    });
    const box = byPath.get('/Column/Box')!;
    // Below the title: flex placed it, and the snapshot has the result, not the rule.
    expect(box.x).toBe(100);
    expect(box.y).toBeGreaterThanOrEqual(50 + 60);
    expect(box).toMatchObject({ w: 200, h: 80, rect: true, colors: { ul: 0xff223344, br: 0xff223344 } });
    expect(box.rounded).toEqual({ radius: [12, 12, 12, 12], stroke: 4, strokeColor: 0xffffd54a });
    expect(byPath.get('/Plain')).toMatchObject({ x: 10, y: 900, w: 30, h: 30, rect: true });
    expect(byPath.get('/Plain')!.rounded).toBeUndefined();
  });
});
