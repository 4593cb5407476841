/**
 * The address change (住所変更ワンストップ) through every real part, in WPE WebKit and Chromium,
 * started as a viewer meets it: 山田 太郎 registered his card, then moved. The city hall put a new
 * signature certificate (the new address) on the card and revoked the old one with reason
 * affiliationChanged; the platform reads the new CRL, and at the next login 変更確認 tells him. From
 * that notice he starts the change: agrees to the fetch of the latest basic information, unticks
 * the two services that answer late (cable after a minute, the insurer after five), signs the
 * consent with the signature password on the keypad (the new signature key, through the bridge and
 * pcscd) and watches each service's status reach final without a key: the facility booking done at
 * once, energy after two failed deliveries, the bank needing the viewer. The result notice then
 * waits first in his お知らせ on the TV, and no log holds the password.
 */
import { PINS } from '../harness/card';
import { findSecret } from '../harness/processes';
import { BROWSERS, type BrowserName } from '../harness/stack';
import { bodyKey, keypadKeys, openFromHome, sharedStack } from './steps';
import { SCREEN } from '../../src/app/screens/ids';

jest.setTimeout(180_000);

const CUSTOMER = '10010001';
/** Where the demo town's register (the platform's J-LIS face) has him now. */
const NEW_ADDRESS = '東京都千代田区窓口町四丁目8番1号';
type Row = { id: string; chosen: boolean; upToDate: boolean };
type Delivery = { serviceId: string; status: string; reason?: { ja: string } };

describe.each(BROWSERS)('address change in %s', (browser: BrowserName) => {
  const stackIn = sharedStack(browser, 'address-change');

  it('変更確認 at login → consent → services → 本人同意 → each service final → the notice in お知らせ', async () => {
    const stack = stackIn();
    await stack.card!.remove();
    const beforeMove = await stack.card!.issueBeforeMove();
    await stack.platform.link(stack.card!, CUSTOMER, beforeMove);
    const moved = await stack.card!.moveHolder(beforeMove, NEW_ADDRESS);
    await stack.platform.refreshCrls();

    const j = await stack.journey('address-change');
    await j.waitForScreen(SCREEN.insertCard);
    await stack.card!.insert('normal', { credentials: moved });
    await j.waitForScreen(SCREEN.pinEntry, (p) => p.purpose === 'login');
    await j.press(PINS.auth, 'Enter');
    // 変更確認: the login found the registered signature certificate revoked for a change of address.
    await j.waitForScreen(SCREEN.message, (p) => bodyKey(p) === 'signCertificateChanged');
    await j.shot('sign-certificate-changed');
    await j.press('Enter'); // 住所変更の手続きへ, the first button
    await j.waitForScreen(SCREEN.movingConsent);
    await j.shot('moving-consent');
    await j.press('Enter');

    const choice = await j.waitForScreen(SCREEN.movingServices);
    expect(choice.props!.newAddress).toBe(NEW_ADDRESS);
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
    // Energy answers on its third delivery (backoff of at most 5 s, then 10 s): final within half a minute.
    const final = await j.waitForScreen(SCREEN.movingStatus, (p) => p.final === true, 60_000);
    await j.shot('moving-status-final');
    const deliveries = final.props!.deliveries as Delivery[];
    expect(deliveries.map((d) => [d.serviceId, d.status])).toEqual([
      ['facility-booking', 'completed'],
      ['energy', 'completed'],
      ['bank', 'actionRequired'],
    ]);
    expect(deliveries[2]!.reason?.ja).toContain('お届け印');

    // The result, as the viewer finds it: first and unread in お知らせ.
    await j.press('Back');
    await openFromHome(j, 'inbox');
    const inbox = await j.waitForScreen(
      SCREEN.noticeList,
      (p) => p.loading === false && (p.notices as unknown[]).length > 0,
    );
    const first = (inbox.props!.notices as Array<{ title: string; read: boolean }>)[0];
    expect(first).toMatchObject({ title: '住所変更の届け出に要対応があります', read: false });
    await j.shot('result-notice');
    await j.press('Back');
    await j.waitForScreen(SCREEN.home);
    await stack.collectConsole();
    for (const secret of [PINS.auth, PINS.sign]) expect(findSecret(stack.log.text(), secret)).toBeUndefined();
  });
});
