/**
 * The simulated デジタル認証アプリ as a relying party meets it, over real HTTP with `openid-client`:
 * authorization code with PKCE, the PIN typed on the app's screen, the card's signature over the
 * relying party's nonce in the ID token; wrong PINs counted by the card, the last try spent only
 * when confirmed, a locked card, and a cancel.
 */
import { createHash, createPublicKey, verify, X509Certificate } from 'node:crypto';
import * as client from 'openid-client';
import { createTestPki, DEMO_HOLDERS, type CardCredentials } from '../pki';
import { createCardState } from '../virtual-card/state';
import { JPKI_CLAIM } from './claims';
import { DigitalAuthApp } from './digital-auth-app';
import { PhoneCard } from './phone-card';
import { formAction, PhoneBrowser } from './testing/phone-browser';

const REDIRECT = 'http://127.0.0.1:9/callback';
const PIN = '1234';
const atRelyingParty = (url: string) => url.startsWith(REDIRECT);

let credentials: CardCredentials;
let app: DigitalAuthApp;
let config: client.Configuration;

beforeAll(async () => {
  const pki = await createTestPki({ generations: 1 });
  credentials = await pki.issueCard(DEMO_HOLDERS[0]!);
  app = await DigitalAuthApp.start({
    relyingParties: [
      {
        clientId: 'cable-platform',
        clientSecret: 'a-secret-of-the-platform',
        redirectUris: [REDIRECT],
        name: { ja: '窓口町ケーブルテレビ', en: 'Madoguchi Cable TV' },
      },
    ],
  });
  config = await client.discovery(
    new URL(app.issuer),
    'cable-platform',
    'a-secret-of-the-platform',
    undefined,
    {
      execute: [client.allowInsecureRequests],
    },
  );
});
afterAll(() => app.close());

beforeEach(() => {
  app.card = new PhoneCard(createCardState(credentials, { auth: PIN, sign: 'ABC123' }));
});

/** The relying party's side: a fresh challenge as the nonce, PKCE, prompt=login. */
async function authorization() {
  const verifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid jpki',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
    prompt: 'login',
  });
  return { url: url.toString(), verifier, nonce, state };
}

it('signs the relying party’s nonce with the card after the PIN typed on the app’s screen', async () => {
  const request = await authorization();
  const browser = new PhoneBrowser(atRelyingParty);
  const screen = await browser.open(request.url);
  expect(screen.status).toBe(200);
  expect(screen.html).toContain('窓口町ケーブルテレビ');
  expect(screen.html).toContain('残り3回');
  const done = await browser.open(formAction(screen.html, '/pin', app.issuer), { pin: PIN });
  expect(done.url.startsWith(REDIRECT)).toBe(true);

  const tokens = await client.authorizationCodeGrant(config, new URL(done.url), {
    pkceCodeVerifier: request.verifier,
    expectedNonce: request.nonce,
    expectedState: request.state,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  const certificate = Buffer.from(claims[JPKI_CLAIM.certificate] as string, 'base64');
  expect(certificate).toEqual(Buffer.from(credentials.authCertificate));
  const digestInput = Buffer.from(request.nonce, 'base64url');
  const publicKey = createPublicKey(
    new X509Certificate(certificate).publicKey.export({ format: 'pem', type: 'spki' }),
  );
  expect(
    verify('sha256', digestInput, publicKey, Buffer.from(claims[JPKI_CLAIM.signature] as string, 'base64')),
  ).toBe(true);
  expect(createHash('sha256').update(digestInput).digest()).toHaveLength(32);
  expect(app.card!.triesLeft).toBe(3);
});

it('counts a wrong PIN on the card and says how many tries are left', async () => {
  const browser = new PhoneBrowser(atRelyingParty);
  const screen = await browser.open((await authorization()).url);
  const wrong = await browser.open(formAction(screen.html, '/pin', app.issuer), { pin: '9999' });
  expect(wrong.status).toBe(400);
  expect(wrong.html).toContain('あと2回');
  expect(app.card!.triesLeft).toBe(2);
});

it('spends the last try only when the viewer ticked the confirmation', async () => {
  app.card!.state.triesLeft.auth = 1;
  const browser = new PhoneBrowser(atRelyingParty);
  const screen = await browser.open((await authorization()).url);
  expect(screen.html).toContain('name="confirmLastTry"');
  const pin = formAction(screen.html, '/pin', app.issuer);
  const unconfirmed = await browser.open(pin, { pin: '9999' });
  expect(unconfirmed.html).toContain('最後の1回です。入力する前に');
  expect(app.card!.triesLeft).toBe(1);
  const locked = await browser.open(pin, { pin: '9999', confirmLastTry: 'yes' });
  expect(locked.status).toBe(403);
  expect(locked.html).toContain('市区町村の窓口');
  expect(app.card!.triesLeft).toBe(0);
});

it('hands the relying party access_denied when the viewer cancels', async () => {
  const request = await authorization();
  const browser = new PhoneBrowser(atRelyingParty);
  const screen = await browser.open(request.url);
  const done = await browser.open(formAction(screen.html, '/cancel', app.issuer), {});
  const answer = new URL(done.url);
  expect([answer.searchParams.get('error'), answer.searchParams.get('state')]).toEqual([
    'access_denied',
    request.state,
  ]);
});

it('refuses an authorization request without PKCE', async () => {
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid jpki',
    nonce: client.randomNonce(),
    state: 'no-pkce',
  });
  const done = await new PhoneBrowser(atRelyingParty).open(url.toString());
  expect(new URL(done.url).searchParams.get('error')).toBe('invalid_request');
});
