/**
 * The remote's Back as current WPE WebKit delivers it: `BrowserBack` / 166 (stb-spec/key-map.json
 * lists it next to Backspace / 8). It deletes a PIN digit and goes back a screen; Escape, which the
 * spec does not list, does neither.
 *
 * WebDriver's key table has no BrowserBack, so `journey.press` cannot send it. Chromium gets it as
 * real input through chromedriver's DevTools passthrough (`Input.dispatchKeyEvent`, the path a
 * remote's key takes); WPEWebDriver has no such command, so in WPE the page receives a
 * KeyboardEvent with the spec's pair on `window`, where Lightning listens.
 */
import { PINS } from '../harness/card';
import { BROWSERS, type BrowserName } from '../harness/stack';
import type { Session } from '../harness/webdriver';
import { cardOutAndLinked, openFromHome, sharedStack } from './steps';

jest.setTimeout(120_000);

const BROWSER_BACK = { key: 'BrowserBack', code: 'BrowserBack', keyCode: 166 };

interface SeenKey {
  key: string;
  keyCode: number;
  trusted: boolean;
}

/** Records the keydowns the page sees (key, keyCode) so the test can show which pair arrived. */
const WATCH_KEYS =
  'window.__seenKeys = [];' +
  'window.addEventListener("keydown", function (e) {' +
  '  window.__seenKeys.push({ key: e.key, keyCode: e.keyCode, trusted: e.isTrusted });' +
  '}, true);';

const DISPATCH_IN_PAGE =
  'var init = { key: arguments[0], code: arguments[1], keyCode: arguments[2], which: arguments[2], bubbles: true, cancelable: true };' +
  '["keydown", "keyup"].forEach(function (type) {' +
  '  var e = new KeyboardEvent(type, init);' +
  // An engine without keyCode in KeyboardEventInit still gets the spec's code.
  '  if (e.keyCode !== init.keyCode) Object.defineProperty(e, "keyCode", { get: function () { return init.keyCode; } });' +
  '  window.dispatchEvent(e);' +
  '});';

async function pressBrowserBack(browser: BrowserName, session: Session): Promise<void> {
  if (browser === 'chromium') {
    for (const type of ['rawKeyDown', 'keyUp']) {
      await session.command('POST', '/goog/cdp/execute', {
        cmd: 'Input.dispatchKeyEvent',
        params: {
          type,
          key: BROWSER_BACK.key,
          code: BROWSER_BACK.code,
          windowsVirtualKeyCode: BROWSER_BACK.keyCode,
          nativeVirtualKeyCode: BROWSER_BACK.keyCode,
        },
      });
    }
  } else {
    await session.execute(DISPATCH_IN_PAGE, [BROWSER_BACK.key, BROWSER_BACK.code, BROWSER_BACK.keyCode]);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BROWSERS)('the Back key in %s', (browser: BrowserName) => {
  const stackIn = sharedStack(browser, 'back-key', { clearShots: false });

  it('BrowserBack (166) deletes a PIN digit and goes back a screen; Escape does not', async () => {
    const stack = stackIn();
    await cardOutAndLinked(stack);
    const j = await stack.journey('back-key');
    await j.waitForScreen('insert-card');
    await stack.session.execute(WATCH_KEYS);
    const seen = () => stack.session.execute<SeenKey[]>('return window.__seenKeys;');

    // PIN entry: two digits typed, BrowserBack takes one away and no PIN is sent.
    await stack.card!.insert('normal');
    await j.waitForScreen('pin-entry', (p) => p.purpose === 'login');
    await j.press(PINS.auth.slice(0, 2));
    await j.waitForScreen('pin-entry', (p) => p.digits === 2);
    await pressBrowserBack(browser, stack.session);
    // The browser must leave Back to the app (BR-KEY-4): a history step would unload it.
    await pause(300);
    expect(await stack.session.execute<string>('return location.href;')).toContain(stack.app.url);
    await j.waitForScreen('pin-entry', (p) => p.digits === 1);
    await j.shot('pin-digit-deleted');
    const arrived = (await seen()).filter((k) => k.keyCode === BROWSER_BACK.keyCode);
    expect(arrived.map(({ key, keyCode }) => ({ key, keyCode }))).toEqual([
      { key: BROWSER_BACK.key, keyCode: BROWSER_BACK.keyCode },
    ]);
    j.note(`BrowserBack arrived as ${JSON.stringify(arrived)}`);
    await j.press('Back');
    await j.waitForScreen('pin-entry', (p) => p.digits === 0);
    await j.press(PINS.auth, 'Enter');

    // Screens: the checkup's detail, BrowserBack → the list.
    await openFromHome(j, 'health');
    await j.waitForScreen('checkup-list', (p) => p.loading === false && (p.checkups as unknown[]).length > 0);
    await j.press('Enter');
    await j.waitForScreen('checkup-detail', (p) => p.loading === false);
    // Escape is not Back (the spec leaves it out): the detail stays.
    await j.press('Escape');
    await pause(1000);
    expect((await j.read()).screen).toBe('checkup-detail');
    await pressBrowserBack(browser, stack.session);
    await j.waitForScreen('checkup-list');
    await j.shot('back-to-checkup-list');
    expect(await stack.session.execute<string>('return location.href;')).toContain(stack.app.url);
  });
});
