/**
 * The readerless login over real HTTP: a TV without a reader asks for a `login` device code; on the
 * phone page the viewer chooses to log in with the card, the simulated デジタル認証アプリ reads the
 * card on the phone after its own PIN screen, and the platform verifies what the app returns as a
 * card login. The TV's next poll gets the session of the same user a card login opens, marked as
 * read on the phone. A card not registered, a cancel in the app, and the page's approve button
 * never log anyone in.
 */
import { createTestPki, DEMO_HOLDERS, type CardCredentials, type TestPki } from '../pki';
import type { DigitalAuthApp } from '../digital-auth-app/digital-auth-app';
import { PhoneCard } from '../digital-auth-app/phone-card';
import { formAction, hiddenField, PhoneBrowser } from '../digital-auth-app/testing/phone-browser';
import { createCardState } from '../virtual-card/state';
import { startPlatformServer, type RunningPlatformServer } from './server';
import { DEVICE_GRANT_TYPE } from './simulator/pairing/device-flow';
import type { PhoneLogin } from './simulator/pairing/phone-login';
import { startDigitalAuthAppFor } from './digital-auth-app-link';
import { PlatformSimulator } from './simulator/simulator';
import { crlsOf, jlisOf, registerDirectly } from './test-support';

const BOX = {
  client_id: 'madoguchi-cable-tokyo',
  box_id: 'box-without-a-reader-01',
  box_name: '寝室のテレビ',
};
const PIN = '1234';

let pki: TestPki;
let yamada: CardCredentials;
let simulator: PlatformSimulator;
let platform: RunningPlatformServer;
let app: DigitalAuthApp;
let yamadaUserId: string;

const post = async (path: string, body: Record<string, string>) => {
  const response = await fetch(`${platform.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const holdToPhone = (card: CardCredentials) => {
  app.card = new PhoneCard(createCardState(card, { auth: PIN, sign: 'ABC123' }));
};

beforeAll(async () => {
  pki = await createTestPki();
  yamada = await pki.issueCard(DEMO_HOLDERS[0]!);
  simulator = await PlatformSimulator.create({
    trustAnchors: { auth: pki.trustAnchors('auth'), sign: pki.trustAnchors('sign') },
    crls: await crlsOf(pki),
    jlis: jlisOf(pki),
    limits: false,
  });
  const registered = await registerDirectly(simulator, yamada);
  yamadaUserId = simulator.session(`Bearer ${registered.tokens.accessToken}`).userId;
  const started: { login?: PhoneLogin } = {};
  platform = await startPlatformServer({ simulator, phoneLogin: () => started.login });
  const link = await startDigitalAuthAppFor(simulator, platform.url, { host: '127.0.0.1', port: 0 });
  app = link.app;
  started.login = link.phoneLogin;
});
afterAll(async () => {
  await app?.close();
  await platform?.close();
});

/** The TV's request for a login code, and its poll. */
async function tvAsksToLogIn() {
  const started = await post('/v1/pairing/device-authorizations', { ...BOX, scope: 'login' });
  expect(started.status).toBe(200);
  const codes = started.body as { device_code: string; verification_uri_complete: string };
  const poll = () =>
    post('/v1/pairing/token', {
      grant_type: DEVICE_GRANT_TYPE,
      device_code: codes.device_code,
      client_id: BOX.client_id,
    });
  return { codes, poll };
}

/** The phone: the page from the QR code, then 「マイナンバーカードでログインする」 to the app's PIN screen. */
async function phoneToApp(link: string) {
  const browser = new PhoneBrowser();
  const page = await browser.open(link);
  expect(page.html).toContain('マイナンバーカードでのログインを求めています');
  expect(page.html).toContain('寝室のテレビ');
  const form = { code: hiddenField(page.html, 'code'), csrf: hiddenField(page.html, 'csrf') };
  const screen = await browser.open(formAction(page.html, '/pair', page.url), { ...form, decision: 'login' });
  return { browser, screen, form, page };
}

it('logs the TV in as the same user a card login gives, marked as read on the phone', async () => {
  holdToPhone(yamada);
  const tv = await tvAsksToLogIn();
  expect((await tv.poll()).body.error).toBe('authorization_pending');
  const { browser, screen } = await phoneToApp(tv.codes.verification_uri_complete);
  expect(screen.url.startsWith(app.issuer)).toBe(true);
  expect(screen.html).toContain('暗証番号（数字4桁）');
  const done = await browser.open(formAction(screen.html, '/pin', app.issuer), { pin: PIN });
  expect(done.html).toContain('「寝室のテレビ」でログインしました');

  await new Promise((resolve) => setTimeout(resolve, 4_100)); // the poll interval (5 s, 1 s grace)
  const grant = await tv.poll();
  expect(grant.body).toMatchObject({
    token_type: 'Bearer',
    scope: 'login',
    refresh_token: expect.any(String),
  });
  const accessToken = grant.body.access_token as string;
  expect(simulator.session(`Bearer ${accessToken}`).userId).toBe(yamadaUserId);
  const me = await fetch(`${platform.url}/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(await me.json()).toMatchObject({
    customerNumber: '10010001',
    displayName: '山田 太郎',
    loginMethod: 'phone',
  });
  expect(app.card!.triesLeft).toBe(3);
}, 20_000);

it('tells the phone and the TV when the card is not registered with the service', async () => {
  holdToPhone(await pki.issueCard(DEMO_HOLDERS[1]!));
  const tv = await tvAsksToLogIn();
  const { browser, screen } = await phoneToApp(tv.codes.verification_uri_complete);
  const done = await browser.open(formAction(screen.html, '/pin', app.issuer), { pin: PIN });
  expect(done.status).toBe(403);
  expect(done.html).toContain('まだこのサービスに登録されていません');
  expect((await tv.poll()).body).toMatchObject({ error: 'access_denied', reason: 'REGISTRATION_REQUIRED' });
});

it('keeps the TV waiting when the viewer cancels in the app, and offers to try again', async () => {
  holdToPhone(yamada);
  const tv = await tvAsksToLogIn();
  const { browser, screen } = await phoneToApp(tv.codes.verification_uri_complete);
  const done = await browser.open(formAction(screen.html, '/cancel', app.issuer), {});
  expect(done.html).toContain('ログインしませんでした');
  expect(done.html).toContain('もう一度ためす');
  expect((await tv.poll()).body.error).toBe('authorization_pending');
});

it('says on the app’s screen when no card is held to the phone', async () => {
  app.card = undefined;
  const tv = await tvAsksToLogIn();
  const { screen } = await phoneToApp(tv.codes.verification_uri_complete);
  expect(screen.status).toBe(409);
  expect(screen.html).toContain('カードを読み取れませんでした');
  expect((await tv.poll()).body.error).toBe('authorization_pending');
});

it('never logs in by the page’s approve button', async () => {
  const tv = await tvAsksToLogIn();
  const browser = new PhoneBrowser();
  const page = await browser.open(tv.codes.verification_uri_complete);
  const form = { code: hiddenField(page.html, 'code'), csrf: hiddenField(page.html, 'csrf') };
  const approved = await browser.open(formAction(page.html, '/pair', page.url), {
    ...form,
    decision: 'approve',
  });
  expect(approved.status).toBe(400);
  expect((await tv.poll()).body.error).toBe('authorization_pending');
});
