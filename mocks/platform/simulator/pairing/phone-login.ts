/**
 * The readerless login, the platform's side as a relying party of デジタル認証アプリ (OpenID Connect,
 * authorization code with PKCE, `openid-client`). For a pending `login` request of the device flow,
 * the phone is sent to the app with a fresh login challenge as the `nonce`; the app reads the card
 * on the phone and returns, in its signed ID token, the card's authentication certificate and the
 * card's signature over that challenge. The platform then logs in exactly as for a card on the TV
 * — chain, CRL, signature over its own challenge, the user its certificate is linked to — so the
 * session belongs to the same user, marked as read on the phone, and hands it to the TV's poll.
 */
import * as oidc from 'openid-client';
import type { TokenPair } from '../../../../src/platform/types';
import { JPKI_CLAIM } from '../../../digital-auth-app/claims';
import { ProblemError } from '../problem';
import type { PlatformSimulator } from '../simulator';
import { UnknownUserCode, type DeviceFlow } from './device-flow';

/** The platform as registered with the app. */
export interface DigitalAuthAppClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the app sends the phone back: the phone page's `/pair/login/callback`. */
  redirectUri: string;
}

export interface PhoneLoginContext {
  now: () => Date;
  flow: DeviceFlow;
  /** A fresh challenge of purpose `login` (base64url). */
  issueChallenge: () => string;
  /** The platform's card login, for a card read on the phone. */
  login: (body: Record<string, unknown>) => Promise<TokenPair>;
}

export type PhoneLoginResult =
  | { kind: 'loggedIn'; boxName: string }
  /** The viewer left the app (or the card was locked there): the TV's request still waits. */
  | { kind: 'cancelled'; userCode: string }
  /** The card was read but the platform refused it (not registered, revoked, expired …). */
  | { kind: 'refused'; boxName: string; code: string }
  /** No such login in progress (made up, answered already, or timed out). */
  | { kind: 'expired' };

interface PendingLogin {
  userCode: string;
  verifier: string;
  nonce: string;
  expiresAt: number;
}

/** A login in the app may take this long (finding the card, typing the PIN). */
const LOGIN_TTL_MS = 10 * 60_000;
const MAX_PENDING = 1000;

export class PhoneLogin {
  private configuration: Promise<oidc.Configuration> | undefined;
  private readonly pending = new Map<string, PendingLogin>();

  constructor(
    private readonly app: DigitalAuthAppClient,
    private readonly context: PhoneLoginContext,
  ) {}

  /** Where the phone is sent: the page's form may answer with a redirect there. */
  get appOrigin(): string {
    return new URL(this.app.issuer).origin;
  }

  /** The app's metadata, read once (again after a failure: the app may have been down). */
  private config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.app.issuer);
      this.configuration = oidc.discovery(issuer, this.app.clientId, this.app.clientSecret, undefined, {
        ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
      this.configuration.catch(() => (this.configuration = undefined));
    }
    return this.configuration;
  }

  /** Where to send the phone for the `login` request `userCode` names (UnknownUserCode if none). */
  async begin(userCode: string): Promise<URL> {
    const request = this.context.flow.pending(userCode);
    if (request.scope !== 'login') throw new UnknownUserCode();
    const config = await this.config();
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = this.context.issueChallenge();
    const state = oidc.randomState();
    const now = this.context.now().getTime();
    for (const [key, login] of this.pending) {
      if (login.expiresAt <= now || this.pending.size >= MAX_PENDING) this.pending.delete(key);
    }
    this.pending.set(state, {
      userCode: request.userCode,
      verifier,
      nonce,
      expiresAt: Math.min(now + LOGIN_TTL_MS, request.expiresAt.getTime()),
    });
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.app.redirectUri,
      scope: 'openid jpki',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // Every login reads the card again: no session at the app stands in for it.
      prompt: 'login',
    });
  }

  /** The phone back from the app at `callback`: the TV's request approved, or why not. */
  async complete(callback: URL): Promise<PhoneLoginResult> {
    const state = callback.searchParams.get('state') ?? '';
    const login = this.pending.get(state);
    this.pending.delete(state);
    if (!login || login.expiresAt <= this.context.now().getTime()) return { kind: 'expired' };
    if (callback.searchParams.has('error')) return { kind: 'cancelled', userCode: login.userCode };
    const tokens = await oidc.authorizationCodeGrant(await this.config(), callback, {
      pkceCodeVerifier: login.verifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const claims: Record<string, unknown> = tokens.claims() ?? {};
    let session: TokenPair;
    try {
      session = await this.context.login({
        challenge: login.nonce,
        authCertificate: claims[JPKI_CLAIM.certificate],
        signature: claims[JPKI_CLAIM.signature],
      });
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      // The TV learns at its next poll that this login will not happen.
      const { boxName } = this.context.flow.refuseLogin(login.userCode, error.code);
      return { kind: 'refused', boxName, code: error.code };
    }
    const { boxName } = this.context.flow.approveLogin(login.userCode, session);
    return { kind: 'loggedIn', boxName };
  }
}

/** The readerless login of `simulator`, through the app `app` describes. */
export function phoneLoginOf(simulator: PlatformSimulator, app: DigitalAuthAppClient): PhoneLogin {
  return new PhoneLogin(app, {
    now: () => simulator.now(),
    flow: simulator.pairing,
    issueChallenge: () => simulator.createChallenge({ purpose: 'login' }).challenge,
    login: (body) => simulator.login(body, 'phone'),
  });
}
