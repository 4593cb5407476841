/** Login with the card's user-authentication certificate, token refresh and logout. */
import { bytesToBase64 } from '../base64';
import { challengeDigest, type AuthCard } from '../card';
import type { Challenge, ChallengePurpose, LoginRequest, TokenPair } from '../types';
import type { CallOptions, ResourceContext } from './context';

export class AuthResource {
  constructor(private readonly context: ResourceContext) {}

  get isLoggedIn(): boolean {
    return this.context.session.isLoggedIn;
  }

  /** A fresh single-use challenge (valid for 60 seconds). Not retried: ask again instead. */
  challenge(purpose: ChallengePurpose, options: CallOptions = {}): Promise<Challenge> {
    return this.context.http.send<Challenge>({
      method: 'POST',
      path: '/v1/auth/challenges',
      body: { purpose },
      signal: options.signal,
    });
  }

  /**
   * The whole login: challenge, SHA-256 of it, the card's signature (the card asks the PIN), then
   * the platform's check. Throws RegistrationRequiredError for a valid card not linked yet.
   */
  async login(card: AuthCard, options: CallOptions = {}): Promise<TokenPair> {
    const { challenge } = await this.challenge('login', options);
    const authCertificate = await card.readAuthCertificate();
    const signature = await card.signWithAuthKey(await challengeDigest(challenge));
    return this.loginWithSignature(
      { challenge, authCertificate: bytesToBase64(authCertificate), signature: bytesToBase64(signature) },
      options,
    );
  }

  /** Login with a signature made elsewhere (e.g. by the bridge before the SDK was involved). */
  async loginWithSignature(request: LoginRequest, options: CallOptions = {}): Promise<TokenPair> {
    const pair = await this.context.http.send<TokenPair>({
      method: 'POST',
      path: '/v1/auth/login',
      body: request,
      signal: options.signal,
    });
    this.context.session.accept(pair);
    return pair;
  }

  /** Refreshes now (the SDK also does it by itself when the access token runs out). */
  refresh(): Promise<void> {
    return this.context.session.refresh();
  }

  /** Ends the session on the platform and forgets the tokens, even if the platform is unreachable. */
  async logout(options: CallOptions = {}): Promise<void> {
    if (!this.context.session.isLoggedIn) return;
    try {
      await this.context.session.send<void>({
        method: 'POST',
        path: '/v1/auth/logout',
        signal: options.signal,
      });
    } finally {
      this.context.session.clear();
    }
  }
}
