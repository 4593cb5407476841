/**
 * Sending to the paired phone, end to end through the SDK and the simulator's handlers: the TV's
 * typed calls (send, unpair), the phone's page behind its own cookie (401 first, items as text,
 * no-store), 解除 from either side (CSRF on the phone's), the pairing's end by time, the limits, and
 * that no viewer and no phone reaches another's items.
 */
import { DEMO_HOLDERS } from '../../mocks/pki';
import {
  createPlatformFixture,
  cookieOf,
  driverCard,
  BASE_URL,
  pairPhoneByPage,
  type PlatformFixture,
} from '../../mocks/platform/test-support';
import type { CardCredentials } from '../../mocks/pki';
import { NotPairedError, SessionExpiredError } from './errors';
import type { PlatformClient } from './client';
import type { CurrentPairing } from './resources/pairing';

let fixture: PlatformFixture;
let yamada: CardCredentials;
let sato: CardCredentials;

beforeAll(async () => {
  fixture = await createPlatformFixture();
  yamada = await fixture.pki.issueCard(DEMO_HOLDERS[0]!);
  sato = await fixture.pki.issueCard(DEMO_HOLDERS[1]!);
});
afterAll(() => fixture.close());
beforeEach(async () => {
  fixture.simulator.reset();
  await fixture.client().registration.register(driverCard(yamada), '10010001');
  await fixture.client().registration.register(driverCard(sato), '10010002');
});

const BOX = { clientId: 'madoguchi-cable-tokyo', boxId: 'box-0123456789abcdef', boxName: 'リビングのテレビ' };
const ITEM = { kind: 'booking' as const, title: '予約の確認', lines: ['窓口町公民館', '12月10日 午前'] };

async function viewer(card: CardCredentials): Promise<PlatformClient> {
  const client = fixture.client();
  await client.auth.login(driverCard(card));
  return client;
}

/** Pairs a phone with `box` through the phone page; the TV's pairing and the phone's cookie. */
async function pair(tv: PlatformClient, box = BOX): Promise<{ pairing: CurrentPairing; phone: string }> {
  const { pairing, phone, approved } = await pairPhoneByPage(fixture.clock, tv, box);
  expect(approved.headers.get('set-cookie')).toMatch(
    /^pairing_phone=[A-Za-z0-9_-]{43}; Path=\/pair; HttpOnly; SameSite=Strict; Max-Age=7776000$/,
  );
  return { pairing, phone };
}

const phonePage = (cookie: string) => fetch(`${BASE_URL}/pair/phone`, { headers: { Cookie: cookie } });

describe('sending to the phone paired now', () => {
  it('shows what the TV sent on that phone’s page, newest first, as text, no-store', async () => {
    const tv = await viewer(yamada);
    const { pairing, phone } = await pair(tv);
    const sent = await tv.pairing.sendToPhone(pairing, ITEM);
    expect(sent).toMatchObject({ ...ITEM, id: expect.stringMatching(/^pi_/) });
    await tv.pairing.sendToPhone(pairing, {
      kind: 'notice',
      title: '<script>alert(1)</script>',
      lines: ['<b>太字</b> & "引用"'],
    });
    const page = await phonePage(phone);
    const html = await page.text();
    expect([page.status, page.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('窓口町公民館');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;太字&lt;/b&gt; &amp; &quot;引用&quot;');
    expect(html.indexOf('&lt;script&gt;')).toBeLessThan(html.indexOf('窓口町公民館'));
  });

  it('asks for the session before anything else (401), then for a live pairing (404 PAIRING_NOT_FOUND)', async () => {
    const tv = await viewer(yamada);
    const { pairing } = await pair(tv);
    const raw = (headers: Record<string, string>, body = 'not json') =>
      fetch(`${BASE_URL}/v1/pairing/current/items`, { method: 'POST', headers, body });
    const unauthenticated = await raw({ 'X-Pairing-Token': pairing.token, 'X-Pairing-Box': pairing.boxId });
    expect([unauthenticated.status, unauthenticated.headers.get('cache-control')]).toEqual([401, 'no-store']);
    expect(await unauthenticated.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(tv.pairing.sendToPhone({ ...pairing, token: 'x'.repeat(43) }, ITEM)).rejects.toBeInstanceOf(
      NotPairedError,
    );
    await expect(
      tv.pairing.sendToPhone({ ...pairing, boxId: 'another-box-0123456' }, ITEM),
    ).rejects.toMatchObject({ code: 'PAIRING_NOT_FOUND', status: 404 });
    const error = await tv.pairing.sendToPhone({ ...pairing, token: '' }, ITEM).catch((e: unknown) => e);
    expect((error as NotPairedError).messageJa).toContain('スマートフォンとつなぐ');
  });

  it('keeps no viewer’s items from another: another viewer with the token and another phone see nothing', async () => {
    const first = await viewer(yamada);
    const ours = await pair(first);
    await first.pairing.sendToPhone(ours.pairing, ITEM);
    const second = await viewer(sato);
    // The token alone is not enough: the pairing is the first sender's.
    await expect(second.pairing.sendToPhone(ours.pairing, ITEM)).rejects.toBeInstanceOf(NotPairedError);
    const theirs = await pair(second, { ...BOX, boxId: 'box-fedcba9876543210', boxName: '寝室のテレビ' });
    await second.pairing.sendToPhone(theirs.pairing, { ...ITEM, title: '佐藤さんの予約', lines: ['体育館'] });
    const ourPage = await (await phonePage(ours.phone)).text();
    const theirPage = await (await phonePage(theirs.phone)).text();
    expect(ourPage).toContain('予約の確認');
    expect(ourPage).not.toContain('佐藤さんの予約');
    expect(theirPage).toContain('佐藤さんの予約');
    expect(theirPage).not.toContain('窓口町公民館');
    // A phone without the cookie, or with a made-up one, is told it is not paired: 401 first.
    for (const cookie of ['', 'pairing_phone=' + 'A'.repeat(43), 'pairing_phone=<x>']) {
      const page = await phonePage(cookie);
      expect([page.status, page.headers.get('cache-control')]).toEqual([401, 'no-store']);
      const html = await page.text();
      expect(html).toContain('テレビとつながっていません');
      expect(html).not.toContain('予約の確認');
    }
  });

  it('limits each item’s size (400 with the field, 413 for the body) and keeps the newest 20', async () => {
    const tv = await viewer(yamada);
    const { pairing, phone } = await pair(tv);
    const refused = (item: unknown) =>
      tv.pairing
        .sendToPhone(pairing, item as typeof ITEM)
        .catch((e: { status?: number; code?: string }) => [e.status, e.code]);
    expect(await refused({ ...ITEM, kind: 'html' })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await refused({ ...ITEM, title: 'あ'.repeat(61) })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await refused({ ...ITEM, title: '行\n替え' })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await refused({ ...ITEM, lines: Array(31).fill('x') })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await refused({ ...ITEM, lines: ['い'.repeat(201)] })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await refused({ ...ITEM, lines: Array(30).fill('う'.repeat(100)) })).toEqual([
      413,
      'VALIDATION_FAILED',
    ]);
    for (let i = 1; i <= 21; i++) await tv.pairing.sendToPhone(pairing, { ...ITEM, title: `第${i}便` });
    const html = await (await phonePage(phone)).text();
    expect(html.match(/<article>/g)).toHaveLength(20);
    expect(html).toContain('第21便');
    expect(html).not.toContain('第1便<');
  });
});

describe('unpairing and the pairing’s end', () => {
  it('from the TV: the token is refused after, and the phone page says the pairing ended', async () => {
    const tv = await viewer(yamada);
    const { pairing, phone } = await pair(tv);
    await tv.pairing.sendToPhone(pairing, ITEM);
    await tv.pairing.unpair(pairing);
    await expect(tv.pairing.sendToPhone(pairing, ITEM)).rejects.toBeInstanceOf(NotPairedError);
    await expect(tv.pairing.unpair(pairing)).rejects.toBeInstanceOf(NotPairedError);
    const page = await phonePage(phone);
    const html = await page.text();
    expect(page.status).toBe(410);
    expect(html).toContain('つながりは終わりました');
    expect(html).not.toContain('窓口町公民館');
  });

  it('from the phone: 解除する needs the page’s CSRF token; then the TV’s sending is refused', async () => {
    const tv = await viewer(yamada);
    const { pairing, phone } = await pair(tv);
    const page = await phonePage(phone);
    const csrfCookie = cookieOf(page);
    const csrf = /phone\/unpair">\s*<input type="hidden" name="csrf" value="([^"]+)"/.exec(
      await page.text(),
    )![1]!;
    const unpair = (cookie: string, token: string, origin?: string) =>
      fetch(`${BASE_URL}/pair/phone/unpair`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Cookie: cookie,
          ...(origin ? { Origin: origin } : {}),
        },
        body: new URLSearchParams({ csrf: token }).toString(),
      });
    expect((await unpair(csrfCookie, csrf)).status).toBe(401); // no phone credential: 401 first
    expect((await unpair(`${phone}; ${csrfCookie}`, '')).status).toBe(403);
    expect((await unpair(phone, csrf)).status).toBe(403);
    expect((await unpair(`${phone}; ${csrfCookie}`, csrf, 'https://evil.example')).status).toBe(403);
    await tv.pairing.sendToPhone(pairing, ITEM); // still paired after the refusals
    const done = await unpair(`${phone}; ${csrfCookie}`, csrf);
    expect([done.status, done.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(await done.text()).toContain('解除しました');
    await expect(tv.pairing.sendToPhone(pairing, ITEM)).rejects.toBeInstanceOf(NotPairedError);
    expect(await (await phonePage(phone)).text()).toContain('つながりは終わりました');
  });

  it('ends by itself after 90 days; pairing the box again ends the one before', async () => {
    const tv = await viewer(yamada);
    const first = await pair(tv);
    const second = await pair(tv);
    await expect(tv.pairing.sendToPhone(first.pairing, ITEM)).rejects.toBeInstanceOf(NotPairedError);
    expect((await phonePage(first.phone)).status).toBe(410);
    await tv.pairing.sendToPhone(second.pairing, ITEM);
    fixture.clock.advance(90 * 24 * 60 * 60_000);
    const later = fixture.client();
    await expect(later.pairing.sendToPhone(second.pairing, ITEM)).rejects.toBeInstanceOf(SessionExpiredError);
    const relogged = await viewer(yamada).catch(() => undefined);
    if (relogged)
      await expect(relogged.pairing.sendToPhone(second.pairing, ITEM)).rejects.toBeInstanceOf(NotPairedError);
    expect((await phonePage(second.phone)).status).toBe(410);
  });
});
