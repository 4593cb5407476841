/**
 * Logging in without a reader end to end, in WPE WebKit and in Chromium: the bridge serves no reader
 * (told to serve only one the box does not have), so the TV says so and offers
 * 「スマートフォンでログイン」. The TV shows the QR code and the code; a phone (Chromium, 360×640)
 * opens the address read from the TV's own screenshot, chooses to log in with the card, and types
 * the PIN on the simulated デジタル認証アプリ's own screen, which reads the card held to the phone.
 * First with the card not yet registered: the platform refuses it and the TV says why, with a new
 * code; then registered: the TV reaches the same home as a card login, with the viewer's name.
 */
import { PINS } from '../harness/card';
import { startPhoneChromium } from '../harness/chromium';
import type { Driver } from '../harness/driver-process';
import { qrIn } from '../harness/png';
import { BROWSERS, clearJourneyShots, Stack, type BrowserName, type Journey } from '../harness/stack';
import { SCREEN } from '../../src/app/screens/ids';
import { bodyKey } from './steps';

jest.setTimeout(240_000);

/** A reader this box does not have: the bridge serves only it, so it reports none. */
const NO_SUCH_READER = 'Madoguchi Reader Not Fitted 00';

const until = async (check: () => Promise<boolean>, what: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** The phone: its page's text, a tap on a button, typing into a field (WebDriver on the element). */
const phoneOf = (driver: Driver) => {
  const element = async (selector: string) => {
    const found = (await driver.session.command('POST', '/element', {
      using: 'css selector',
      value: selector,
    })) as Record<string, string>;
    return Object.values(found)[0]!;
  };
  const text = () => driver.session.execute<string>('return document.body.innerText');
  return {
    text,
    url: () => driver.session.execute<string>('return location.href'),
    async tap(selector: string) {
      await driver.session.command('POST', `/element/${await element(selector)}/click`, {});
    },
    async type(selector: string, value: string) {
      await driver.session.command('POST', `/element/${await element(selector)}/value`, { text: value });
    },
    async waitFor(words: string) {
      await until(async () => (await text()).includes(words), `the phone shows 「${words}」`);
    },
  };
};

describe.each(BROWSERS)('logging in with the phone in %s (no reader)', (browser: BrowserName) => {
  let stack: Stack;
  let phoneDriver: Driver | undefined;

  beforeAll(async () => {
    clearJourneyShots(browser);
    stack = await Stack.start({ browser, bridge: { backend: 'pcsc', args: ['--reader', NO_SUCH_READER] } });
    phoneDriver = await startPhoneChromium();
  }, 120_000);

  afterAll(async () => {
    await phoneDriver?.quit();
    const file = await stack?.writeLog(`${browser}-phone-login`);
    console.log(`${browser}: log ${file}`);
    await stack?.close();
  });

  /** The code on the TV, read from its screenshot; the phone there, through the app's PIN screen. */
  async function logInOnThePhone(j: Journey, step: string): Promise<ReturnType<typeof phoneOf>> {
    const shown = await j.waitForScreen(SCREEN.pairingCode, (p) => p.login === true, 30_000);
    const props = shown.props as { userCode: string; verificationUriComplete: string };
    const scanned = qrIn(await j.shot(`${step}-code`));
    expect(scanned).toBe(props.verificationUriComplete);
    const phone = phoneOf(phoneDriver!);
    await phoneDriver!.session.navigate(scanned!);
    await phone.waitFor(props.userCode);
    await phone.tap('button[value="login"]');
    // The app's own PIN screen: the PIN is typed there, never on the TV or the platform's page.
    await until(async () => !(await phone.url()).startsWith(stack.platform.url), 'the phone in the app');
    await phone.waitFor('利用者証明用の暗証番号');
    await phone.type('#pin', PINS.auth);
    await phone.tap('button[type="submit"]:not(.secondary)');
    return phone;
  }

  it('says why an unregistered card cannot log in, then logs in to the same home with a new code', async () => {
    await stack.card?.remove();
    await stack.platform.holdToPhone(stack.card!);
    expect(stack.platform.simulator.linkCount).toBe(0);
    const j = await stack.journey('phone-login');
    await j.waitForScreen(SCREEN.message, (p) => bodyKey(p) === 'noReaderOrPhone');
    await j.shot('no-reader');
    await j.press('Enter');

    const refusedPhone = await logInOnThePhone(j, 'unregistered');
    await refusedPhone.waitFor('登録されていません');
    // The TV's next poll (every 5 s) finds the refusal, with the platform's reason.
    await j.waitForScreen(SCREEN.message, (p) => bodyKey(p) === 'phoneLoginNotRegistered', 30_000);
    await j.shot('not-registered');

    await stack.platform.link(stack.card!);
    await j.press('Enter'); // 新しい番号を表示
    const phone = await logInOnThePhone(j, 'registered');
    await phone.waitFor('でログインしました');
    const home = await j.waitForScreen(SCREEN.home, undefined, 30_000);
    // The same home as a card login, but for what signs with the card in a reader (住所変更).
    expect(home.props).toMatchObject({ displayName: '山田 太郎', byPhone: true });
    await j.shot('home');
  });
});
