/**
 * The e-post box end to end, in WPE WebKit and in Chromium: the town office posts a notice that
 * asks for a read receipt through the platform's sender API (HTTP, its own credential); the viewer
 * logs in with the virtual card, home says how many notices are unread, the inbox lists the new one
 * first, and opening it marks it read. The town office then reads the receipt and finds the time.
 * Nothing is marked read before the notice is on screen.
 */
import { CITY_SENDER } from '../harness/processes';
import { BROWSERS, type BrowserName } from '../harness/stack';
import { SCREEN } from '../../src/app/screens/ids';
import { cardOutAndLinked, logIn, openFromHome, sharedStack } from './steps';

jest.setTimeout(120_000);

interface Receipt {
  noticeId: string;
  readAt?: string;
}

/** The town office's side: post a notice to 山田 太郎 (10010001), read its receipt. */
const sender = (url: string) => ({
  async post(title: string): Promise<{ id: string }> {
    const response = await fetch(`${url}/v1/sender/notices`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${CITY_SENDER.token}`,
        'Idempotency-Key': `inbox-journey-${Date.now()}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        customerNumber: '10010001',
        title,
        body: '窓口町役場からのお知らせです。\n内容をご確認ください。',
        receiptRequested: true,
      }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  },
  async receipt(noticeId: string): Promise<Receipt> {
    const response = await fetch(`${url}/v1/sender/notices/${noticeId}/receipt`, {
      headers: { Authorization: `Bearer ${CITY_SENDER.token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Receipt;
  },
});

describe.each(BROWSERS)('the e-post box in %s', (browser: BrowserName) => {
  const stackIn = sharedStack(browser, 'inbox');

  it('a notice asking for a receipt: unread on home, first in the list, read once opened', async () => {
    const stack = stackIn();
    await cardOutAndLinked(stack);
    const town = sender(stack.platform.url);
    const title = `住民税の納付のご案内（${browser}）`;
    const posted = await town.post(title);
    expect((await town.receipt(posted.id)).readAt).toBeUndefined();

    const j = await stack.journey('inbox');
    await j.waitForScreen(SCREEN.insertCard);
    await logIn(stack, j);
    const home = await j.waitForScreen(SCREEN.home, (p) => typeof p.unread === 'number' && p.unread > 0);
    const unread = home.props!.unread as number;
    await j.shot('home-unread');

    await openFromHome(j, 'inbox');
    const list = await j.waitForScreen(
      SCREEN.noticeList,
      (p) => p.loading === false && (p.notices as unknown[]).length > 0,
    );
    const rows = list.props!.notices as Array<{ id: string; title: string; read: boolean }>;
    expect(rows.filter((row) => !row.read)).toHaveLength(unread);
    expect(rows[0]).toMatchObject({ id: posted.id, title, read: false });
    await j.shot('notice-list');
    // Listed, not yet opened: no receipt.
    expect((await town.receipt(posted.id)).readAt).toBeUndefined();

    await j.press('Enter');
    await j.waitForScreen(
      SCREEN.noticeDetail,
      (p) => (p.notice as { id?: string; read?: boolean } | undefined)?.read === true,
    );
    await j.shot('notice-detail');
    const receipt = await town.receipt(posted.id);
    expect(receipt.readAt).toEqual(expect.any(String));
    expect(Date.now() - Date.parse(receipt.readAt!)).toBeLessThan(120_000);

    await j.press('Back');
    await j.waitForScreen(SCREEN.noticeList, (p) =>
      (p.notices as Array<{ id: string; read: boolean }>).some((row) => row.id === posted.id && row.read),
    );
    await j.press('Back');
    await j.waitForScreen(SCREEN.home, (p) => p.unread === unread - 1);
  });
});
