/**
 * @jest-environment jsdom
 */
/**
 * A remote key on the PIN entry, the way the box delivers it (a keydown on window, through the key
 * path and Lightning's own listener): the press is decoded once, the view is derived once from the
 * snapshot that changed, and the mounted screen is patched once; nothing is rebuilt.
 */
import 'jest-webgl-canvas-mock';
import { Lightning } from '@lightningjs/sdk';
import * as sessionViews from '../features/session/view/session-view';
import * as keymap from './keys/keymap';
import { Screen } from './screens/Screen';
import { SCREEN } from './screens/ids';
import { mountOnPinEntry } from './testing/shell';

jest.mock('../features/session/view/session-view', () => {
  const actual = jest.requireActual('../features/session/view/session-view');
  return { ...actual, sessionView: jest.fn(actual.sessionView) };
});
jest.mock('./keys/keymap', () => {
  const actual = jest.requireActual('./keys/keymap');
  return { ...actual, decodeKey: jest.fn(actual.decodeKey) };
});

const derivations = sessionViews.sessionView as jest.Mock;
const decodes = keymap.decodeKey as jest.Mock;

const countElements = (element: Lightning.Element): number =>
  1 + (element.children as Lightning.Element[]).reduce((sum, child) => sum + countElements(child), 0);

describe('one press on the PIN entry', () => {
  it('is decoded once, derives one view and patches the screen once', async () => {
    const { app, harness, press, destroy } = await mountOnPinEntry();
    expect(app.screen).toBe(SCREEN.pinEntry);
    const screen = (app as unknown as { screenComponent: Screen<unknown> }).screenComponent;
    const elements = countElements(harness as unknown as Lightning.Element);
    const updates = jest.spyOn(Screen.prototype, 'update');
    derivations.mockClear();
    decodes.mockClear();

    const event = press('Digit1');

    expect(event.defaultPrevented).toBe(true);
    expect(decodes).toHaveBeenCalledTimes(1);
    expect(derivations).toHaveBeenCalledTimes(1);
    expect(updates).toHaveBeenCalledTimes(1);
    expect(app.currentView?.main.props).toMatchObject({ digits: 1 });
    // Patched in place: the same screen component, no element made or dropped.
    expect((app as unknown as { screenComponent: Screen<unknown> }).screenComponent).toBe(screen);
    expect(countElements(harness as unknown as Lightning.Element)).toBe(elements);

    press('Back');
    expect(decodes).toHaveBeenCalledTimes(2);
    expect(derivations).toHaveBeenCalledTimes(2);
    expect(updates).toHaveBeenCalledTimes(2);
    expect(app.currentView?.main.props).toMatchObject({ digits: 0 });
    updates.mockRestore();
    destroy();
  });

  it('derives nothing for a key that changes nothing on screen', async () => {
    const { press, destroy } = await mountOnPinEntry();
    const updates = jest.spyOn(Screen.prototype, 'update');
    derivations.mockClear();
    // Left does nothing on the PIN entry; it is still activity for the session.
    press('Left');
    expect(derivations).not.toHaveBeenCalled();
    expect(updates).not.toHaveBeenCalled();
    updates.mockRestore();
    destroy();
  });

  it('leaves the decoding to the key path: a handler never decodes a key itself', async () => {
    const { app, harness, destroy } = await mountOnPinEntry();
    decodes.mockClear();
    // Straight into Lightning's routing, past the key path: nothing decoded it, so it is no digit.
    (harness as unknown as { _receiveKeydown(e: object): void })._receiveKeydown({ key: '1', keyCode: 49 });
    expect(decodes).not.toHaveBeenCalled();
    expect(app.currentView?.main.props).toMatchObject({ digits: 0 });
    destroy();
  });
});
