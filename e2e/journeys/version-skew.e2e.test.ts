/**
 * Version skew: bridges reach boxes by slow firmware while the app updates at once, so the app
 * must serve a bridge one spec revision older. The real app (WPE WebKit and Chromium, real key
 * presses) against a bridge of spec document 1.x (`--spec 1.x`: no getInfo, no cardId, no reader
 * service state; the current bridge behind it, on pcscd + vpcd with our virtual card). Any cardId
 * the app sent would be refused as Invalid params and show as an error, so every login here also
 * shows the app adapted. The reverse (a 1.x client against the current bridge) is the bridge's
 * native-bridge/src/bridge/older-client.test.ts.
 */
import { PINS } from '../harness/card';
import { findSecret } from '../harness/processes';
import { BROWSERS, clearJourneyShots, Stack, type BrowserName } from '../harness/stack';
import { SCREEN } from '../../src/app/screens/ids';
import { logIn, logOut, register } from './steps';

jest.setTimeout(120_000);

const WRONG_PINS = ['9876', '5555'];

describe.each(BROWSERS)('journeys against a spec 1.x bridge in %s', (browser: BrowserName) => {
  let stack: Stack;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    clearJourneyShots(browser);
    stack = await Stack.start({ browser, bridge: { backend: 'pcsc', spec: '1.x' } });
  }, 120_000);

  afterAll(async () => {
    const file = await stack?.writeLog(`${browser}-version-skew`);
    console.log(`${browser} against spec 1.x: ${JSON.stringify(timings)}; log ${file}`);
    await stack?.close();
  });

  /** A fresh page, no card; linked unless `unlinked`; each journey's time is kept for the log. */
  const journey = (name: string, body: (j: Awaited<ReturnType<Stack['journey']>>) => Promise<void>) =>
    it(name, async () => {
      const started = Date.now();
      try {
        await stack.card!.remove();
        const j = await stack.journey(`skew-${name.replace(/\W+/g, '-')}`);
        await j.waitForScreen(SCREEN.insertCard);
        await body(j);
      } finally {
        timings[name] = Date.now() - started;
        await stack.collectConsole();
      }
    });

  journey('first-time registration with the signature password, then login', async (j) => {
    stack.platform.simulator.reset();
    await register(stack, j, { shots: true });
    expect(stack.platform.simulator.linkCount).toBe(1);
    // Logged out and in again: the 1.x bridge's removal and insertion reach the app.
    await logOut(j);
    await stack.card!.remove();
    await logIn(stack, j);
    await j.shot('home-after-login');
  });

  journey('last try: a bare OK never spends it, the confirm key spends it once', async (j) => {
    if (stack.platform.simulator.linkCount === 0) await stack.platform.link(stack.card!);
    const card = stack.card!;
    await card.insert('normal');
    const from = card.apdus.length;
    await j.waitForScreen(SCREEN.pinEntry, (p) => p.purpose === 'login');
    for (const [index, pin] of WRONG_PINS.entries()) {
      await j.press(pin, 'Enter');
      await j.waitForScreen(SCREEN.pinEntry, (p) => p.triesLeft === 2 - index && p.waiting === false);
    }
    await j.press(PINS.auth, 'Enter');
    await j.waitForScreen(SCREEN.pinEntry, (p) => p.confirmingLastAttempt === true);
    await j.shot('last-try-confirmation');
    expect(card.pinTries(from)).toBe(2);
    await j.press('Enter');
    await j.waitForScreen(SCREEN.home);
    expect(card.pinTries(from)).toBe(3);
    expect(card.triesLeft?.auth).toBe(3);
  });

  journey('a card taken out at the PIN and another put in: the PIN never reaches it', async (j) => {
    if (stack.platform.simulator.linkCount === 0) await stack.platform.link(stack.card!);
    const card = stack.card!;
    await card.insert('normal');
    await j.waitForScreen(SCREEN.pinEntry, (p) => p.purpose === 'login');
    await j.press('12');
    await card.remove();
    const shown = await j.waitForScreen(SCREEN.insertCard);
    expect(JSON.stringify(shown.props)).toContain('cardRemoved');
    const from = card.apdus.length;
    await card.insert('normal');
    // A new login for the new card: an empty PIN entry, and nothing typed before was sent.
    await j.waitForScreen(SCREEN.pinEntry, (p) => p.purpose === 'login' && p.digits === 0);
    expect(card.pinTries(from)).toBe(0);
    await j.press(PINS.auth, 'Enter');
    await j.waitForScreen(SCREEN.home);
    expect(card.signatures(from)).toBe(1);
  });

  it('no PIN or password in any log', async () => {
    await stack.writeLog(`${browser}-version-skew`);
    const text = stack.log.text();
    expect(text).toContain('behaving as spec 1.x');
    for (const secret of [PINS.auth, PINS.sign, ...WRONG_PINS])
      expect(findSecret(text, secret)).toBeUndefined();
  });
});
