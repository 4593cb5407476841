/**
 * Pairing the TV with a phone end to end, in WPE WebKit and in Chromium: the viewer logs in with the
 * virtual card and opens スマートフォンとつなぐ; the TV shows the QR code and the user code. A phone
 * (Chromium with a 360×640 mobile viewport) opens the address read from the QR code in the TV's own
 * screenshot — the code must say exactly the TV's verification_uri_complete — sees the same code and
 * the box's name, and approves; the TV says it is connected and goes home. The phone page never asks
 * for a PIN or a password. Then the viewer books a facility on the TV and sends the confirmation to
 * the phone (スマートフォンに送る); the phone's page, opened with the cookie it got when it approved,
 * shows the booking. The phone page's touch remote moves the TV (↓ and 決定 open a section), and on
 * a password screen the TV takes nothing from the phone and the page says to use the TV's remote.
 */
import { startPhoneChromium } from '../harness/chromium';
import type { Driver } from '../harness/driver-process';
import { qrIn } from '../harness/png';
import { BROWSERS, clearJourneyShots, Stack, type BrowserName } from '../harness/stack';
import { SCREEN } from '../../src/app/screens/ids';
import { chooseDateAhead, HOME_MENU, logIn, openFromHome, waitForLoadedList } from './steps';

jest.setTimeout(180_000);

const REFUSAL = '暗証番号・パスワードはテレビのリモコンで入力してください';

/** The phone: its page's text, and a tap on a button (a WebDriver click on the element). */
const phoneOf = (driver: Driver) => ({
  text: () => driver.session.execute<string>('return document.body.innerText'),
  hasSecretField: () =>
    driver.session.execute<boolean>('return !!document.querySelector(\'input[type="password"]\')'),
  async tap(selector: string) {
    const found = (await driver.session.command('POST', '/element', {
      using: 'css selector',
      value: selector,
    })) as Record<string, string>;
    const id = Object.values(found)[0]!;
    await driver.session.command('POST', `/element/${id}/click`, {});
  },
  width: () => driver.session.execute<number>('return window.innerWidth'),
  /** One touch-remote button, and the page that answers it (a new document, fully loaded). */
  async press(key: string) {
    await driver.session.execute('window.__pressed = true');
    await this.tap(`button[value="${key}"]`);
    await until(
      () => driver.session.execute<boolean>('return !window.__pressed && document.readyState === "complete"'),
      `the answer to ${key}`,
    );
  },
});

const until = async (check: () => Promise<boolean>, what: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe.each(BROWSERS)('pairing a phone in %s', (browser: BrowserName) => {
  let stack: Stack;
  let phoneDriver: Driver | undefined;
  /** The TV's journey: the second test goes on in the session (and with the pairing) of the first. */
  let j: Awaited<ReturnType<Stack['journey']>>;

  beforeAll(async () => {
    clearJourneyShots(browser);
    stack = await Stack.start({ browser });
    phoneDriver = await startPhoneChromium();
  }, 120_000);

  afterAll(async () => {
    await phoneDriver?.quit();
    await stack?.card?.remove();
    const file = await stack?.writeLog(`${browser}-pairing`);
    console.log(`${browser}: log ${file}`);
    await stack?.close();
  });

  it('the TV shows the QR code and the code, the phone approves, the TV says connected', async () => {
    await stack.card!.remove();
    if (stack.platform.simulator.linkCount === 0) await stack.platform.link(stack.card!);
    j = await stack.journey('pairing');
    await j.waitForScreen(SCREEN.insertCard);
    await logIn(stack, j);
    await j.waitForScreen(SCREEN.home);

    await openFromHome(j, 'companion');
    const shown = await j.waitForScreen(SCREEN.pairingCode);
    const props = shown.props as {
      userCode: string;
      verificationUri: string;
      verificationUriComplete: string;
    };
    expect(props.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(props.verificationUriComplete.startsWith(props.verificationUri)).toBe(true);
    // What the phone's camera reads is exactly the address the platform gave.
    const scanned = qrIn(await j.shot('pairing-code'));
    expect(scanned).toBe(props.verificationUriComplete);

    const phone = phoneOf(phoneDriver!);
    await phoneDriver!.session.navigate(scanned!);
    expect(await phone.width()).toBe(360);
    const confirm = await phone.text();
    expect(confirm).toContain(props.userCode);
    expect(confirm).toContain('テレビ');
    expect(await phone.hasSecretField()).toBe(false);
    await phone.tap('button[value="approve"]');
    await until(async () => (await phone.text()).includes('つながりました'), 'the phone says connected');

    // The TV's next poll (every 5 s) finds the grant.
    await j.waitForScreen(SCREEN.message, (p) => p.titleKey === 'companion.title.paired', 30_000);
    await j.shot('paired');
    await j.press('Enter');
    await j.waitForScreen(SCREEN.home);
  });

  it('the phone page’s remote moves the TV and opens; a password screen takes nothing from the phone', async () => {
    await j.waitForScreen(SCREEN.home);
    const phone = phoneOf(phoneDriver!);
    const origin = await phoneDriver!.session.execute<string>('return location.origin');
    await phoneDriver!.session.navigate(`${origin}/pair/phone`);
    expect(await phone.width()).toBe(360);
    expect(await phone.text()).toContain('テレビのリモコン');
    // ↓ to 引っ越し (the fifth item), then 決定: the TV moves and opens it, as with its own remote.
    for (let i = 0; i < HOME_MENU.indexOf('moving'); i += 1) {
      await phone.press('down');
      expect(await phone.text()).toContain('「下」を送りました');
    }
    await phone.press('ok');
    await j.waitForScreen(SCREEN.movingConsent, undefined, 20_000);
    await j.shot('opened-from-phone');

    // A service still holding an old address, so the flow reaches its password screen.
    stack.platform.simulator.store.put(
      'service-accounts',
      '10010001|cable',
      { customerNumber: '10010001', serviceId: 'cable', address: '東京都千代田区窓口町九丁目1番1号' },
      '10010001',
    );
    await j.press('Enter');
    await j.waitForScreen(SCREEN.movingServices);
    await j.press('Down', 'Down', 'Down', 'Down', 'Down', 'Enter');
    await j.waitForScreen(SCREEN.movingSummary, (p) => p.triesLeft !== undefined);
    await j.press('Enter');
    const before = await j.waitForScreen(SCREEN.signPassword, (p) => p.titleKey === 'moving.password.title');
    const triesBefore = stack.card!.triesLeft;
    // The TV's next poll says so: the phone page refuses before any press, and every press after.
    await until(async () => {
      await phoneDriver!.session.navigate(`${origin}/pair/phone`);
      return (await phone.text()).includes(REFUSAL);
    }, 'the phone page refuses');
    for (const key of ['ok', 'down', 'right']) {
      await phone.press(key);
      expect(await phone.text()).toContain(REFUSAL);
    }
    expect(await phone.text()).toContain('Please enter PINs and passwords with the TV’s remote control');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = await j.read();
    expect([after.screen, after.props]).toEqual([SCREEN.signPassword, before.props]);
    expect(stack.card!.triesLeft).toEqual(triesBefore);
    await j.shot('password-refuses-phone');
    for (let i = 0; i < 5 && (await j.read()).screen !== SCREEN.home; i += 1) {
      await j.press('Back');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await j.waitForScreen(SCREEN.home);
  });

  it('books on the TV, sends the confirmation to the phone, and the phone page shows it', async () => {
    await j.waitForScreen(SCREEN.home);
    await openFromHome(j, 'booking');
    await j.waitForScreen(SCREEN.facilityList, (p) => p.loading === false);
    await j.press('Enter');
    await waitForLoadedList(j, SCREEN.datePicker, 'bookableDates');
    await chooseDateAhead(j);
    await j.waitForScreen(SCREEN.roomList);
    await j.press('Enter');
    await j.waitForScreen(SCREEN.slotGrid);
    await j.press('Enter');
    await j.waitForScreen(SCREEN.bookingConfirm);
    await j.press('Enter');
    const done = await j.waitForScreen(SCREEN.bookingDone);
    const bookingId = (done.props as { booking: { id: string } }).booking.id;
    // ホームへ, 予約の確認, スマートフォンに送る.
    await j.press('Right');
    await j.press('Right');
    await j.press('Enter');
    await j.waitForScreen(SCREEN.message, (p) => p.titleKey === 'common.title.sentToPhone', 30_000);
    await j.shot('sent-to-phone');

    const phone = phoneOf(phoneDriver!);
    const origin = await phoneDriver!.session.execute<string>('return location.origin');
    await phoneDriver!.session.navigate(`${origin}/pair/phone`);
    await until(async () => (await phone.text()).includes(bookingId), 'the phone shows the booking');
    const page = await phone.text();
    expect(page).toContain('テレビから送られたもの');
    expect(page).toContain('予約できました');
    expect(await phone.width()).toBe(360);
    await j.press('Enter');
    await j.waitForScreen(SCREEN.bookingDone);
  });
});
