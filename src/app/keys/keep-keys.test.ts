import { keepKeysInApp } from './keep-keys';

type Listener = (event: KeyboardEvent) => void;

/** A window stand-in that records its keydown listener and hands it key events. */
function fakeWindow() {
  const listeners = new Set<Listener>();
  const target = {
    addEventListener: (type: string, listener: Listener) => type === 'keydown' && listeners.add(listener),
    removeEventListener: (type: string, listener: Listener) =>
      type === 'keydown' && listeners.delete(listener),
  };
  const press = (key: string, keyCode: number) => {
    const event = { key, keyCode, preventDefault: jest.fn() };
    for (const listener of listeners) listener(event as unknown as KeyboardEvent);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { target: target as unknown as Window, press, listeners };
}

describe('keeping the spec’s keys in the app', () => {
  it('stops the browser going back in its history on BrowserBack and Backspace', () => {
    const page = fakeWindow();
    keepKeysInApp(page.target);
    expect(page.press('BrowserBack', 166)).toBe(true);
    expect(page.press('Backspace', 8)).toBe(true);
    expect(page.press('ArrowDown', 40)).toBe(true);
  });

  it('leaves keys the spec does not list to the browser', () => {
    const page = fakeWindow();
    keepKeysInApp(page.target);
    expect(page.press('Escape', 27)).toBe(false);
    expect(page.press('F5', 116)).toBe(false);
    expect(page.press('a', 65)).toBe(false);
  });

  it('can be taken off again', () => {
    const page = fakeWindow();
    const remove = keepKeysInApp(page.target);
    remove();
    expect(page.listeners.size).toBe(0);
    expect(page.press('BrowserBack', 166)).toBe(false);
  });
});
