/** Opaque bearer tokens: short-lived access tokens, rotating single-use refresh tokens. */
import { bytesToBase64Url } from '../../../src/platform/base64';
import type { TokenPair } from '../../../src/platform/types';
import { ProblemError } from './problem';

export const ACCESS_TOKEN_TTL_MS = 15 * 60_000;
export const REFRESH_TOKEN_TTL_MS = 8 * 60 * 60_000;

export interface Session {
  /** 利用者ID of the viewer. */
  userId: string;
  customerNumber: string;
  /**
   * SHA-256 hex of the auth certificate's DER the session was opened with, so a session can be
   * ended with its certificate (revoked, expired, superseded).
   */
  certificateId: string;
  /** Validity and serial of that certificate (for the profile and the renewal warning). */
  certificateNotBefore: Date;
  certificateNotAfter: Date;
  certificateSerialHex: string;
  /** This session's login was the first with a renewed certificate (新旧紐付け). */
  renewed: boolean;
}

interface TokenRecord {
  session: Session;
  expiresAt: number;
  /** The other token of the pair, so logout and rotation end both. */
  partner: string;
}

const newToken = (): string => bytesToBase64Url(crypto.getRandomValues(new Uint8Array(32)));

export class SessionStore {
  private readonly access = new Map<string, TokenRecord>();
  private readonly refresh = new Map<string, TokenRecord>();

  constructor(
    private readonly now: () => Date,
    private readonly accessTtlMs = ACCESS_TOKEN_TTL_MS,
    private readonly refreshTtlMs = REFRESH_TOKEN_TTL_MS,
  ) {}

  open(session: Session): TokenPair {
    const now = this.now().getTime();
    this.prune(now);
    const accessToken = newToken();
    const refreshToken = newToken();
    const accessExpires = now + this.accessTtlMs;
    const refreshExpires = now + this.refreshTtlMs;
    this.access.set(accessToken, { session, expiresAt: accessExpires, partner: refreshToken });
    this.refresh.set(refreshToken, { session, expiresAt: refreshExpires, partner: accessToken });
    return {
      tokenType: 'Bearer',
      accessToken,
      accessTokenExpiresAt: new Date(accessExpires).toISOString(),
      refreshToken,
      refreshTokenExpiresAt: new Date(refreshExpires).toISOString(),
    };
  }

  /** The session of an `Authorization: Bearer …` header value. */
  authenticate(authorization: string | null): Session {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const record = match ? this.access.get(match[1]!) : undefined;
    if (!record) throw new ProblemError(401, 'TOKEN_INVALID');
    if (this.now().getTime() >= record.expiresAt) throw new ProblemError(401, 'TOKEN_EXPIRED');
    return record.session;
  }

  /** Spends a refresh token for a new pair; the old access token ends with it. */
  rotate(refreshToken: unknown): TokenPair {
    const record = typeof refreshToken === 'string' ? this.refresh.get(refreshToken) : undefined;
    if (!record || this.now().getTime() >= record.expiresAt) {
      throw new ProblemError(401, 'SESSION_EXPIRED');
    }
    this.refresh.delete(refreshToken as string);
    this.access.delete(record.partner);
    return this.open({ ...record.session, renewed: false });
  }

  /** Ends the pair of this access token (also if it has expired). */
  close(authorization: string | null): void {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const record = match ? this.access.get(match[1]!) : undefined;
    if (!record) throw new ProblemError(401, 'TOKEN_INVALID');
    this.access.delete(match![1]!);
    this.refresh.delete(record.partner);
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
  }

  get openCount(): number {
    return this.refresh.size;
  }

  /**
   * Forgets spent lifetimes; both maps are in expiry order (one lifetime each), so only heads are
   * read. An expired access token is kept while a refresh could still follow, so it keeps answering
   * TOKEN_EXPIRED (refresh) rather than TOKEN_INVALID (log in again).
   */
  private prune(now: number): void {
    const cutoffs: [Map<string, TokenRecord>, number][] = [
      [this.access, now - this.refreshTtlMs],
      [this.refresh, now],
    ];
    for (const [map, cutoff] of cutoffs) {
      for (const [token, record] of map) {
        if (record.expiresAt > cutoff) break;
        map.delete(token);
      }
    }
  }
}
