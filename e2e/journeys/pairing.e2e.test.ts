/**
 * Pairing the TV with a phone end to end, in WPE WebKit and in Chromium: the viewer logs in with the
 * virtual card and opens スマートフォンとつなぐ; the TV shows the QR code and the user code. A phone
 * (Chromium with a 360×640 mobile viewport) opens the address read from the QR code in the TV's own
 * screenshot — the code must say exactly the TV's verification_uri_complete — sees the same code and
 * the box's name, and approves; the TV says it is connected and goes home. The phone page never asks
 * for a PIN or a password. Then the viewer books a facility on the TV and sends the confirmation to
 * the phone (スマートフォンに送る); the phone's page, opened with the cookie it got when it approved,
 * shows the booking.
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { startPhoneChromium } from '../harness/chromium';
import type { Driver } from '../harness/driver-process';
import { decodePng } from '../harness/png';
import { BROWSERS, clearJourneyShots, Stack, type BrowserName } from '../harness/stack';
import { SCREEN } from '../../src/app/screens/ids';
import { chooseDateAhead, logIn, openFromHome, waitForLoadedList } from './steps';

jest.setTimeout(180_000);

/** The QR code in a PNG of the stage, read as a phone's camera would (jsQR). */
function qrIn(file: string): string | undefined {
  const png = decodePng(readFileSync(file));
  const rgba = new Uint8ClampedArray(png.width * png.height * 4);
  for (let i = 0; i < png.width * png.height; i += 1) {
    for (let c = 0; c < 3; c += 1) rgba[i * 4 + c] = png.pixels[i * png.channels + c]!;
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, png.width, png.height)?.data;
}

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
    await phone.tap('a.button');
    await until(async () => (await phone.text()).includes(bookingId), 'the phone shows the booking');
    const page = await phone.text();
    expect(page).toContain('テレビから送られたもの');
    expect(page).toContain('予約できました');
    expect(await phone.width()).toBe(360);
    await j.press('Enter');
    await j.waitForScreen(SCREEN.bookingDone);
  });
});
