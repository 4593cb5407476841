/**
 * The device flow over HTTP, through the same handler list the server and msw use: the TV's OAuth
 * endpoints answer as RFC 8628 §3.2/§3.5 say, and the phone page is escaped, guarded (CSRF, CSP,
 * no-store) and limited against guessing per address and overall.
 */
import { getResponse, type HttpHandler } from 'msw';
import { CLIENT_ADDRESS_HEADER, createPlatformHandlers } from './handlers';
import { TestClock } from './test-support';
import type { LimitRules } from './simulator/limits';
import { PlatformSimulator } from './simulator/simulator';
import { startPlatformServer } from './server';

const BASE = 'http://platform.test';
const BOX = {
  client_id: 'madoguchi-cable-tokyo',
  box_id: 'box-0123456789abcdef',
  box_name: '<i>居間</i> & "TV"',
};
const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

async function setup(limits: LimitRules | false = false, publicUrl?: string) {
  const clock = new TestClock(Date.UTC(2026, 11, 7, 3, 0, 0));
  const simulator = await PlatformSimulator.create({ trustAnchors: { auth: [] }, now: clock.now, limits });
  const handlers: HttpHandler[] = createPlatformHandlers(simulator, {
    baseUrl: BASE,
    ...(publicUrl ? { publicUrl } : {}),
  });
  const send = async (path: string, init: RequestInit = {}, address = '192.0.2.1'): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set(CLIENT_ADDRESS_HEADER, address);
    const response = await getResponse(handlers, new Request(`${BASE}${path}`, { ...init, headers }));
    if (!response) throw new Error(`no handler for ${path}`);
    return response;
  };
  const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const start = async () =>
    (await (await form('/v1/pairing/device-authorizations', BOX)).json()) as Record<
      'device_code' | 'user_code',
      string
    >;
  const poll = (deviceCode: string) =>
    form('/v1/pairing/token', { grant_type: GRANT_TYPE, device_code: deviceCode, client_id: BOX.client_id });
  /** The confirmation page of a code, with its CSRF cookie and token. */
  const open = async (code: string, address?: string) => {
    const response = await send(`/pair?code=${encodeURIComponent(code)}`, {}, address);
    const html = await response.text();
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return { response, html, cookie, csrf };
  };
  const decide = (
    code: string,
    decision: string,
    cookie: string,
    csrf: string,
    extra: Record<string, string> = {},
  ) => form('/pair', { code, csrf, decision }, { Cookie: cookie, ...extra });
  return { clock, simulator, send, form, start, poll, open, decide };
}

describe('the TV endpoints', () => {
  it('start: the codes as RFC 8628 §3.2 has them, no-store, the page link carrying the code only', async () => {
    const { form } = await setup();
    const response = await form('/v1/pairing/device-authorizations', BOX);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(
      [
        'device_code',
        'expires_in',
        'interval',
        'user_code',
        'verification_uri',
        'verification_uri_complete',
      ].sort(),
    );
    expect(body.verification_uri).toBe(`${BASE}/pair`);
    expect(body.verification_uri_complete).toBe(`${BASE}/pair?code=${body.user_code}`);
    expect(body.verification_uri_complete).not.toContain('box');
  });

  it('start: the page under the public URL when one is set (a proxy in front, a short name for QR codes)', async () => {
    const { start, send } = await setup(false, 'https://tv.example.jp/platform');
    const started = (await start()) as Record<string, string>;
    expect(started.verification_uri).toBe('https://tv.example.jp/platform/pair');
    const page = await send(`/pair?code=${started.user_code}`);
    expect(page.headers.get('set-cookie')).toContain('Path=/platform/pair');
    expect(await page.text()).toContain('action="/platform/pair"');
  });

  it('start and poll: limited per address, with Retry-After (problem+json)', async () => {
    const { form } = await setup({
      client: { 'device-authorization': { points: 2, windowSeconds: 60 } },
      certificate: {},
      global: {},
    });
    for (let i = 0; i < 2; i++)
      expect((await form('/v1/pairing/device-authorizations', BOX)).status).toBe(200);
    const limited = await form('/v1/pairing/device-authorizations', BOX);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('cache-control')).toBe('no-store');
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('poll: pending, slow_down with the grown interval, then the grant once, all no-store', async () => {
    const { clock, start, poll, open, decide } = await setup();
    const { device_code, user_code } = await start();
    const pending = await poll(device_code);
    expect([
      pending.status,
      pending.headers.get('cache-control'),
      pending.headers.get('content-type'),
    ]).toEqual([400, 'no-store', 'application/json']);
    expect(await pending.json()).toMatchObject({
      error: 'authorization_pending',
      code: 'AUTHORIZATION_PENDING',
    });
    expect(await (await poll(device_code)).json()).toMatchObject({ error: 'slow_down', interval: 10 });
    const page = await open(user_code);
    expect((await decide(user_code, 'approve', page.cookie, page.csrf)).status).toBe(200);
    clock.advance(10_000);
    const granted = await poll(device_code);
    expect(granted.status).toBe(200);
    expect(granted.headers.get('cache-control')).toBe('no-store');
    expect(await granted.json()).toMatchObject({ token_type: 'Bearer', scope: 'pairing' });
    clock.advance(10_000);
    expect(await (await poll(device_code)).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('poll: access_denied after a decline, expired_token after expires_in', async () => {
    const { clock, start, poll, open, decide } = await setup();
    const declined = await start();
    const page = await open(declined.user_code);
    const answer = await decide(declined.user_code, 'deny', page.cookie, page.csrf);
    expect(await answer.text()).toContain('つなぎませんでした');
    expect(await (await poll(declined.device_code)).json()).toMatchObject({ error: 'access_denied' });
    const late = await start();
    clock.advance(600_000);
    expect(await (await poll(late.device_code)).json()).toMatchObject({ error: 'expired_token' });
  });

  it('refuses what RFC 6749 §5.2 names: invalid_request, invalid_client, unsupported_grant_type', async () => {
    const { form, send } = await setup();
    const error = async (response: Promise<Response>) =>
      ((await (await response).json()) as { error: string }).error;
    expect(await error(form('/v1/pairing/device-authorizations', { ...BOX, client_id: 'x' }))).toBe(
      'invalid_client',
    );
    expect(await error(form('/v1/pairing/device-authorizations', { client_id: BOX.client_id }))).toBe(
      'invalid_request',
    );
    expect(
      await error(
        send('/v1/pairing/device-authorizations', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'client_id=madoguchi-cable-tokyo&client_id=minato-catv',
        }),
      ),
    ).toBe('invalid_request');
    expect(await error(form('/v1/pairing/token', { grant_type: 'password', client_id: BOX.client_id }))).toBe(
      'unsupported_grant_type',
    );
    const json = await send('/v1/pairing/device-authorizations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(BOX),
    });
    expect(json.status).toBe(200);
  });
});

describe('the phone page', () => {
  it('asks for the code: mobile first, ja then en, no-store, a CSP without scripts', async () => {
    const { send } = await setup();
    const response = await send('/pair');
    const html = await response.text();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toMatch(
      /default-src 'none'.*frame-ancestors 'none'/,
    );
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('min-height:56px');
    expect(html).not.toContain('<script');
    expect(html.indexOf('番号を入力')).toBeLessThan(html.indexOf('Enter the 8-letter code'));
  });

  it('shows the box and the operator, escaped, for the code in any case and without the dash', async () => {
    const { start, open } = await setup();
    const { user_code } = await start();
    const page = await open(user_code.replace('-', '').toLowerCase());
    expect(page.response.status).toBe(200);
    expect(page.html).toContain('&lt;i&gt;居間&lt;/i&gt; &amp; &quot;TV&quot;');
    expect(page.html).not.toContain('<i>居間');
    expect(page.html).toContain('まどぐちケーブル東京');
    expect(page.html).toContain(user_code);
    expect(page.cookie).toMatch(/^pairing_csrf=[A-Za-z0-9_-]{43}$/);
    expect(page.response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('answers unknown, expired and spent codes with one page that tells nothing of other pairings', async () => {
    const { clock, start, open, decide } = await setup();
    const bodies: string[] = [];
    const strip = (html: string) =>
      html.replace(/nonce-?="?[A-Za-z0-9_-]+"?/g, '').replace(/value="[^"]*"/g, '');
    bodies.push(strip((await open('BCDF-GHJK')).html));
    const spent = await start();
    const page = await open(spent.user_code);
    await decide(spent.user_code, 'approve', page.cookie, page.csrf);
    const again = await open(spent.user_code);
    expect(again.response.status).toBe(404);
    bodies.push(strip(again.html));
    const expired = await start();
    clock.advance(600_000);
    bodies.push(strip((await open(expired.user_code)).html));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('この番号は使えません');
    expect(bodies[0]).not.toContain('居間');
    // A second answer to a spent code changes nothing.
    expect((await decide(spent.user_code, 'deny', page.cookie, page.csrf)).status).toBe(404);
  });

  it('says a malformed code is 8 letters, shown back as text', async () => {
    const { open } = await setup();
    const page = await open('<script>alert(1)</script>');
    expect(page.response.status).toBe(400);
    expect(page.html).toContain('8文字');
    expect(page.html).toContain('&lt;script&gt;');
    expect(page.html).not.toContain('<script>');
  });

  it('refuses a decision without the page’s CSRF token, with another cookie, or from another origin', async () => {
    const { start, open, decide, poll } = await setup();
    const { user_code, device_code } = await start();
    const page = await open(user_code);
    const other = await open(user_code);
    const refusals = [
      await decide(user_code, 'approve', '', page.csrf),
      await decide(user_code, 'approve', page.cookie, ''),
      await decide(
        user_code,
        'approve',
        other.cookie,
        page.csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
      ),
      await decide(user_code, 'approve', page.cookie, page.csrf, { Origin: 'https://evil.example' }),
      // A page's token answers for its own code only.
      await decide('BCDF-GHJK', 'approve', page.cookie, page.csrf),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(403);
      expect(await refusal.text()).toContain('このページの有効期間が切れた');
    }
    expect(await (await poll(device_code)).json()).toMatchObject({ error: 'authorization_pending' });
    expect((await decide(user_code, 'approve', page.cookie, page.csrf, { Origin: BASE })).status).toBe(200);
  });

  it('limits code lookups per address and overall (RFC 8628 §5.1), with a page saying how long to wait', async () => {
    const { open } = await setup({
      client: { 'user-code': { points: 3, windowSeconds: 600 } },
      certificate: {},
      global: { 'user-code': { points: 5, windowSeconds: 600 } },
    });
    for (let i = 0; i < 3; i++) expect((await open('BCDF-GHJK', '192.0.2.1')).response.status).toBe(404);
    const limited = await open('BCDF-GHJK', '192.0.2.1');
    expect(limited.response.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toBe('600');
    expect(limited.html).toContain('約10分待って');
    expect(limited.response.headers.get('cache-control')).toBe('no-store');
    // Another address has its own count, until all together reach the global bound.
    expect((await open('BCDF-GHJK', '192.0.2.2')).response.status).toBe(404);
    expect((await open('BCDF-GHJK', '192.0.2.3')).response.status).toBe(404);
    expect((await open('BCDF-GHJK', '192.0.2.4')).response.status).toBe(429);
  });
});

describe('over real HTTP', () => {
  it('a TV starts and polls, a phone follows the QR link, keeps its cookie and approves', async () => {
    const simulator = await PlatformSimulator.create({ trustAnchors: { auth: [] } });
    const server = await startPlatformServer({ simulator, deliveryIntervalMs: 0 });
    try {
      const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams(fields).toString(),
        });
      const started = (await (await post('/v1/pairing/device-authorizations', BOX)).json()) as Record<
        string,
        string
      >;
      expect(started.verification_uri).toBe(`${server.url}/pair`);
      const page = await fetch(started.verification_uri_complete!);
      const html = await page.text();
      expect(html).toContain('&lt;i&gt;居間&lt;/i&gt;');
      const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
      const answer = await post(
        '/pair',
        { code: started.user_code!, csrf, decision: 'approve' },
        { Cookie: cookie, Origin: server.url },
      );
      expect([answer.status, await answer.text()]).toEqual([200, expect.stringContaining('つながりました')]);
      const grant = await post('/v1/pairing/token', {
        grant_type: GRANT_TYPE,
        device_code: started.device_code!,
        client_id: BOX.client_id,
      });
      expect(grant.status).toBe(200);
      expect(grant.headers.get('cache-control')).toBe('no-store');
    } finally {
      await server.close();
    }
  });
});
