import { installKeyPath } from './key-path';
import { digitOf } from './keymap';

type Listener = (event: KeyboardEvent) => void;

/** A window stand-in that records its keydown listener and hands it key events. */
function fakeWindow() {
  const listeners = new Set<Listener>();
  const target = {
    addEventListener: (type: string, listener: Listener) => type === 'keydown' && listeners.add(listener),
    removeEventListener: (type: string, listener: Listener) =>
      type === 'keydown' && listeners.delete(listener),
  };
  const deliver = (key: string, keyCode: number) => {
    const event = { key, keyCode, preventDefault: jest.fn() };
    for (const listener of listeners) listener(event as unknown as KeyboardEvent);
    return event;
  };
  const press = (key: string, keyCode: number) => deliver(key, keyCode).preventDefault.mock.calls.length > 0;
  return { target: target as unknown as Window, press, deliver, listeners };
}

describe('the key path', () => {
  it.each([
    [
      'stops the browser going back in its history on BrowserBack and Backspace',
      true,
      [
        ['BrowserBack', 166],
        ['Backspace', 8],
        ['ArrowDown', 40],
      ],
    ],
    [
      'leaves keys the spec does not list to the browser',
      false,
      [
        ['Escape', 27],
        ['F5', 116],
        ['a', 65],
      ],
    ],
  ] as const)('%s', (_, kept, presses) => {
    const page = fakeWindow();
    installKeyPath(page.target);
    for (const [key, keyCode] of presses) expect(page.press(key, keyCode)).toBe(kept);
  });

  it('decodes a press once for its handlers: the digit is read, not decoded again', () => {
    const page = fakeWindow();
    installKeyPath(page.target);
    const digit = page.deliver('7', 55);
    const keypad = page.deliver('7', 103);
    expect(digitOf(keypad)).toBe('7');
    // Only the press being routed counts: an earlier one, or one the key path never saw, is no digit.
    expect(digitOf(digit)).toBeUndefined();
    expect(digitOf({ key: '7', keyCode: 55 })).toBeUndefined();
    expect(digitOf(page.deliver('Enter', 13))).toBeUndefined();
    expect(digitOf(page.deliver(')', 48))).toBeUndefined();
  });

  it('can be taken off again', () => {
    const page = fakeWindow();
    const remove = installKeyPath(page.target);
    remove();
    expect(page.listeners.size).toBe(0);
    expect(page.press('BrowserBack', 166)).toBe(false);
  });
});
