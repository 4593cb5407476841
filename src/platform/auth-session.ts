/**
 * The viewer's tokens and their upkeep: an access token that is about to expire is refreshed before
 * use; a 401 TOKEN_EXPIRED refreshes once and resends (the platform refused the request before doing
 * anything, so even an un-keyed POST is safe to resend then). Concurrent callers share one refresh.
 */
import { PlatformError, SessionExpiredError } from './errors';
import type { HttpRequest, PlatformHttp } from './http';
import type { TokenPair } from './types';

/** Refresh this long before the access token's stated expiry (clock skew, request time). */
const EXPIRY_MARGIN_MS = 30_000;

export interface StoredTokens {
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
}

export class AuthSession {
  private tokens: StoredTokens | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly http: PlatformHttp,
    private readonly now: () => number,
    private readonly onSessionExpired?: () => void,
  ) {}

  get isLoggedIn(): boolean {
    return this.tokens !== undefined && this.now() < this.tokens.refreshTokenExpiresAt;
  }

  /** Keeps a pair from login, registration or refresh. */
  accept(pair: TokenPair): void {
    this.tokens = {
      accessToken: pair.accessToken,
      accessTokenExpiresAt: Date.parse(pair.accessTokenExpiresAt),
      refreshToken: pair.refreshToken,
      refreshTokenExpiresAt: Date.parse(pair.refreshTokenExpiresAt),
    };
  }

  clear(): void {
    this.tokens = undefined;
  }

  /** Sends with the access token, refreshing as needed (see the file comment). */
  async send<T>(request: HttpRequest): Promise<T> {
    await this.ensureFreshAccessToken();
    try {
      return await this.http.send<T>(this.withToken(request));
    } catch (error) {
      if (!(error instanceof PlatformError) || error.code !== 'TOKEN_EXPIRED') throw this.sessionEnd(error);
      await this.refresh();
      try {
        return await this.http.send<T>(this.withToken(request));
      } catch (retryError) {
        throw this.sessionEnd(retryError);
      }
    }
  }

  /** New tokens for the refresh token; one refresh at a time, shared by every caller waiting. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const tokens = this.tokens;
    if (!tokens || this.now() >= tokens.refreshTokenExpiresAt) {
      throw this.sessionEnd(new SessionExpiredError(tokens ? 'SESSION_EXPIRED' : 'NOT_LOGGED_IN'));
    }
    try {
      const pair = await this.http.send<TokenPair>({
        method: 'POST',
        path: '/v1/auth/refresh',
        body: { refreshToken: tokens.refreshToken },
      });
      this.accept(pair);
    } catch (error) {
      throw this.sessionEnd(error);
    }
  }

  private async ensureFreshAccessToken(): Promise<void> {
    if (!this.tokens) throw new SessionExpiredError('NOT_LOGGED_IN');
    if (this.now() >= this.tokens.accessTokenExpiresAt - EXPIRY_MARGIN_MS) await this.refresh();
  }

  private withToken(request: HttpRequest): HttpRequest {
    return {
      ...request,
      headers: { ...request.headers, Authorization: `Bearer ${this.tokens!.accessToken}` },
    };
  }

  /** A session error forgets the tokens and tells the app (once per error); others pass through. */
  private sessionEnd(error: unknown): unknown {
    if (error instanceof SessionExpiredError && this.tokens) {
      this.tokens = undefined;
      this.onSessionExpired?.();
    }
    return error;
  }
}
