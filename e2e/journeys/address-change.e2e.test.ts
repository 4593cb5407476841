/**
 * The address change (住所変更ワンストップ) through every real part, in WPE WebKit and Chromium: log in
 * with the virtual card, open 住所変更の手続き from home, agree to the fetch of the latest basic
 * information, untick the two services that answer late (cable after a minute, the insurer after
 * five), sign the consent with the signature password on the keypad (the card's signature key,
 * through the bridge and pcscd), and watch each service's status reach final without a key: the
 * facility booking done at once, energy after two failed deliveries, the bank needing the viewer.
 * The result notice is then in the viewer's お知らせ on the platform, and no log holds the password.
 */
import { PINS } from '../harness/card';
import { findSecret } from '../harness/processes';
import { BROWSERS, clearJourneyShots, Stack, type BrowserName } from '../harness/stack';
import { keypadKeys, logIn, openFromHome } from './steps';
import { SCREEN } from '../../src/app/screens/ids';

jest.setTimeout(180_000);

const CUSTOMER = '10010001';
type Row = { id: string; chosen: boolean; upToDate: boolean };
type Delivery = { serviceId: string; status: string; reason?: { ja: string } };

describe.each(BROWSERS)('address change in %s', (browser: BrowserName) => {
  let stack: Stack;

  beforeAll(async () => {
    clearJourneyShots(browser);
    stack = await Stack.start({ browser });
  }, 120_000);

  afterAll(async () => {
    await stack?.writeLog(`${browser}-address-change`);
    await stack?.close();
  });

  it('home → consent → services → 本人同意 → each service final → the notice in お知らせ', async () => {
    await stack.card!.remove();
    await stack.platform.restart();
    await stack.bridge.restart();
    if (stack.platform.simulator.linkCount === 0) await stack.platform.link(stack.card!);
    const j = await stack.journey('address-change');
    await logIn(stack, j);
    await openFromHome(j, 'moving');
    await j.waitForScreen(SCREEN.movingConsent);
    await j.shot('moving-consent');
    await j.press('Enter');

    const choice = await j.waitForScreen(SCREEN.movingServices);
    const rows = choice.props!.services as Row[];
    expect(rows.map((row) => row.id)).toEqual([
      'cable',
      'health-insurer',
      'facility-booking',
      'energy',
      'bank',
    ]);
    expect(rows.every((row) => row.chosen && !row.upToDate)).toBe(true);
    await j.press('Enter', 'Down', 'Enter');
    await j.waitForScreen(
      SCREEN.movingServices,
      (p) => (p.services as Row[]).filter((row) => row.chosen).length === 3,
    );
    await j.shot('moving-services');
    // Down to 次へ, the row after the five services.
    await j.press('Down', 'Down', 'Down', 'Down', 'Enter');
    await j.waitForScreen(SCREEN.movingSummary, (p) => p.triesLeft !== undefined);
    await j.shot('moving-summary');
    await j.press('Enter');
    await j.waitForScreen(SCREEN.signPassword, (p) => p.titleKey === 'moving.password.title');
    await j.press(...keypadKeys(PINS.sign));

    await j.waitForScreen(SCREEN.movingStatus);
    await j.shot('moving-status');
    // Energy answers on its third delivery (5 s, then 10 s of backoff): final within half a minute.
    const final = await j.waitForScreen(SCREEN.movingStatus, (p) => p.final === true, 60_000);
    await j.shot('moving-status-final');
    const deliveries = final.props!.deliveries as Delivery[];
    expect(deliveries.map((d) => [d.serviceId, d.status])).toEqual([
      ['facility-booking', 'completed'],
      ['energy', 'completed'],
      ['bank', 'actionRequired'],
    ]);
    expect(deliveries[2]!.reason?.ja).toContain('お届け印');

    const { notices } = stack.platform.simulator.noticeBox.list(CUSTOMER);
    expect(
      notices.some((n) => n.sender.id === 'platform' && n.title === '住所変更の届け出に要対応があります'),
    ).toBe(true);

    await j.press('Back');
    await j.waitForScreen(SCREEN.home);
    await stack.collectConsole();
    for (const secret of [PINS.auth, PINS.sign]) expect(findSecret(stack.log.text(), secret)).toBeUndefined();
  });
});
