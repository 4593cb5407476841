/**
 * @jest-environment jsdom
 */
/**
 * The viewer's text size in the shell: Yellow goes 標準 → 大 → 特大 → 標準 on any screen (also
 * before login), the screen is drawn again at once in the new size, the voice says which size and
 * how to go on, the box remembers it for the next start, and high contrast keeps the size.
 */
import 'jest-webgl-canvas-mock';
import { Storage } from '@lightningjs/sdk';
import { createActor, fromCallback } from 'xstate';
import { sessionMachine } from '../features/session/machine/session.machine';
import { setShellRuntime } from './App';
import { initI18n } from './i18n/i18n';
import { keyEventOf } from './keys/keymap';
import { boxes } from './layout-check/layout';
import { deliverKey } from './testing/render';
import { mountShell } from './testing/shell';
import { defaultTheme, highContrastTheme, setTheme, theme } from './theme/tokens';

function mountApp() {
  initI18n('ja');
  setTheme(defaultTheme);
  const session = createActor(
    sessionMachine.provide({ actors: { watchBridge: fromCallback(() => () => undefined) } }),
    { input: {} },
  );
  const { app, harness } = mountShell(session);
  const spoken: string[] = [];
  const voice = {
    screen: (text: string) => spoken.push(text),
    focus: () => undefined,
    repeat: () => undefined,
  };
  setShellRuntime({ session, voice });
  const draw = () => harness.stage.drawFrame();
  const yellow = () => {
    deliverKey(harness, { ...keyEventOf('Yellow') });
    draw();
  };
  /** The font sizes of the texts on screen, smallest first. */
  const sizes = () =>
    [...new Set(boxes(harness).flatMap((box) => (box.fontSize ? [box.fontSize] : [])))].sort((a, b) => a - b);
  return { app, draw, yellow, sizes, spoken, destroy: () => harness.destroy?.() };
}

// Launch opens the SDK's Storage on a box; a test mounts the shell without Launch.
const { initStorage } = jest.requireActual<{ initStorage(): void }>('@lightningjs/sdk/src/Storage/index.js');

beforeAll(() => initStorage());
beforeEach(() => Storage.remove('madoguchi.textSize'));

describe('text size (文字の大きさ)', () => {
  it('Yellow goes 標準 → 大 → 特大 → 標準, redrawing the screen at once and saying the size', () => {
    const { app, draw, yellow, sizes, spoken, destroy } = mountApp();
    draw();
    expect(sizes()[0]).toBe(40);
    yellow();
    expect([app.textSize, sizes()[0]]).toEqual(['large', 46]);
    expect(spoken.at(-1)).toMatch(/^文字の大きさを「大」にしました。黄色のボタンで/);
    yellow();
    expect([app.textSize, sizes()[0], Math.max(...sizes())]).toEqual(['largest', 52, 83]);
    expect(spoken.at(-1)).toMatch(/^文字の大きさを「特大」にしました。/);
    yellow();
    expect([app.textSize, sizes()[0]]).toEqual(['standard', 40]);
    destroy();
  });

  it('tells who listens what the viewer chose (the session keeps it in the profile)', () => {
    const { app, draw, yellow, destroy } = mountApp();
    const chosen: string[] = [];
    app.onTextSizeChosen((size) => chosen.push(size));
    draw();
    yellow();
    yellow();
    app.useTextSize('standard'); // not the viewer's press: nobody is told
    expect(chosen).toEqual(['large', 'largest']);
    destroy();
  });

  it('is remembered on the box: the next start opens in the chosen size', () => {
    const first = mountApp();
    first.draw();
    first.yellow();
    first.destroy();
    expect(Storage.get('madoguchi.textSize')).toBe('large');
    const next = mountApp();
    next.draw();
    expect([next.app.textSize, next.sizes()[0]]).toEqual(['large', 46]);
    next.destroy();
  });

  it('ignores a stored value that is no size', () => {
    Storage.set('madoguchi.textSize', 'huge');
    const { app, draw, sizes, destroy } = mountApp();
    draw();
    expect([app.textSize, sizes()[0]]).toEqual(['standard', 40]);
    destroy();
  });

  it('keeps the size when high contrast is switched on, and high contrast when the size changes', () => {
    const { app, draw, yellow, destroy } = mountApp();
    draw();
    yellow();
    app.useTheme(highContrastTheme());
    expect([theme().name, theme().type.body]).toEqual(['high-contrast', 46]);
    yellow();
    expect([theme().name, theme().type.body]).toEqual(['high-contrast', 52]);
    destroy();
  });
});
