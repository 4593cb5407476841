/**
 * Opaque bearer tokens. One login opens a session: a short-lived access token and a single-use
 * refresh token, replaced together at each refresh. The session lasts at most SESSION_LIFETIME_MS
 * from the login, whatever the refreshes, and ends sooner when its refresh token goes unused for
 * REFRESH_TOKEN_TTL_MS. It also ends with its auth certificate: expired (checked at every use) or
 * revoked (end() at each CRL refresh). A spent refresh token presented again ends the whole
 * session, since the viewer's client or a thief holds a copy. An ended session is remembered
 * until its lifetime is over, so every token of it answers why.
 */
import type { TokenPair } from '../../../src/platform/types';
import { ProblemError } from './problem';
import { encodeBase64Url, isoTimestamp } from './text-bytes';

const ACCESS_TOKEN_TTL_MS = 15 * 60_000;
/** Idle limit: a refresh token unused this long ends the session. */
const REFRESH_TOKEN_TTL_MS = 8 * 60 * 60_000;
/** Absolute limit from the login, however often the tokens are refreshed. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;

export interface Session {
  /** 利用者ID of the viewer. */
  userId: string;
  customerNumber: string;
  /**
   * SHA-256 hex of the auth certificate's DER the session was opened with, so a session can be
   * ended with its certificate (revoked, expired, superseded).
   */
  certificateId: string;
  /** The trust anchor (root generation) that issued it: which CRL can revoke it. */
  certificateAnchorId: string;
  /** Validity and serial of that certificate (for the profile and the renewal warning). */
  certificateNotBefore: Date;
  certificateNotAfter: Date;
  certificateSerialHex: string;
  /** This session's login was the first with a renewed certificate (新旧紐付け). */
  renewed: boolean;
  /** This session's login was the first to see the signature certificate's new status (変更確認). */
  signNotice: boolean;
  /** How the card was read: on the box's reader, or by デジタル認証アプリ on a paired phone. */
  loginMethod: LoginMethod;
}

export type LoginMethod = 'card' | 'phone';

/** Why a session ended before its time: what every token of it answers from then on. */
export type SessionEndCode =
  'SESSION_CERTIFICATE_EXPIRED' | 'SESSION_CERTIFICATE_REVOKED' | 'REFRESH_TOKEN_REUSED';

interface SessionRecord {
  session: Session;
  /** End of the absolute lifetime (epoch ms). */
  endsAt: number;
  ended: SessionEndCode | undefined;
  accessToken: string;
  refreshToken: string;
  /** Every token issued to this session, forgotten with it. */
  tokens: string[];
}

interface TokenRecord {
  record: SessionRecord;
  expiresAt: number;
}

const DETAIL: Record<SessionEndCode, string> = {
  SESSION_CERTIFICATE_EXPIRED: "the session's authentication certificate has expired",
  SESSION_CERTIFICATE_REVOKED: "the session's authentication certificate has been revoked",
  REFRESH_TOKEN_REUSED: 'a spent refresh token of this session was presented again; the session is ended',
};

const TOKEN_BYTES = 32;
/** Random bytes drawn in blocks (one CSPRNG call per 128 tokens); each byte is handed out once. */
const randomPool = new Uint8Array(TOKEN_BYTES * 128);
let poolOffset = randomPool.length;

function newToken(): string {
  if (poolOffset === randomPool.length) {
    crypto.getRandomValues(randomPool);
    poolOffset = 0;
  }
  const bytes = randomPool.subarray(poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  const token = encodeBase64Url(bytes);
  bytes.fill(0);
  return token;
}
const bearer = (authorization: string | null): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];

export interface SessionLimits {
  accessTtlMs?: number;
  refreshTtlMs?: number;
  lifetimeMs?: number;
}

export class SessionStore {
  /** In login order, and so in order of their (fixed) end: pruning reads only the head. */
  private readonly records = new Set<SessionRecord>();
  private readonly access = new Map<string, TokenRecord>();
  private readonly refresh = new Map<string, TokenRecord>();
  private readonly accessTtlMs: number;
  private readonly refreshTtlMs: number;
  private readonly lifetimeMs: number;

  constructor(
    private readonly now: () => Date,
    limits: SessionLimits = {},
  ) {
    this.accessTtlMs = limits.accessTtlMs ?? ACCESS_TOKEN_TTL_MS;
    this.refreshTtlMs = limits.refreshTtlMs ?? REFRESH_TOKEN_TTL_MS;
    this.lifetimeMs = limits.lifetimeMs ?? SESSION_LIFETIME_MS;
  }

  open(session: Session): TokenPair {
    const now = this.now().getTime();
    this.prune(now);
    const record: SessionRecord = {
      session,
      endsAt: now + this.lifetimeMs,
      ended: undefined,
      accessToken: '',
      refreshToken: '',
      tokens: [],
    };
    this.records.add(record);
    return this.issue(record, now);
  }

  /** The session of an `Authorization: Bearer …` header value. */
  authenticate(authorization: string | null): Session {
    const token = bearer(authorization);
    const entry = token === undefined ? undefined : this.access.get(token);
    if (!entry) throw new ProblemError(401, 'TOKEN_INVALID');
    const { record } = entry;
    this.checkStanding(record);
    if (record.accessToken !== token) throw new ProblemError(401, 'TOKEN_INVALID');
    if (this.now().getTime() >= entry.expiresAt) throw new ProblemError(401, 'TOKEN_EXPIRED');
    return record.session;
  }

  /** Spends a refresh token for a new pair of the same session; the old access token ends with it. */
  rotate(refreshToken: unknown): TokenPair {
    const entry = typeof refreshToken === 'string' ? this.refresh.get(refreshToken) : undefined;
    if (!entry) throw new ProblemError(401, 'SESSION_EXPIRED');
    const { record } = entry;
    this.checkStanding(record);
    if (record.refreshToken !== refreshToken) {
      record.ended = 'REFRESH_TOKEN_REUSED';
      throw new ProblemError(401, 'REFRESH_TOKEN_REUSED', DETAIL.REFRESH_TOKEN_REUSED);
    }
    const now = this.now().getTime();
    if (now >= entry.expiresAt || now >= record.endsAt) throw new ProblemError(401, 'SESSION_EXPIRED');
    record.session = { ...record.session, renewed: false, signNotice: false };
    return this.issue(record, now);
  }

  /** Ends the session of this access token (also if it has expired or ended): every token goes. */
  close(authorization: string | null): void {
    const token = bearer(authorization);
    const entry = token === undefined ? undefined : this.access.get(token);
    if (!entry) throw new ProblemError(401, 'TOKEN_INVALID');
    this.forget(entry.record);
  }

  /** Ends every open session whose certificate `matches` (a CRL now lists it); how many ended. */
  end(matches: (session: Session) => boolean, code: SessionEndCode): number {
    let count = 0;
    for (const record of this.records) {
      if (record.ended === undefined && matches(record.session)) {
        record.ended = code;
        count++;
      }
    }
    return count;
  }

  clear(): void {
    this.records.clear();
    this.access.clear();
    this.refresh.clear();
  }

  /** Sessions neither ended nor past their lifetime. */
  get openCount(): number {
    const now = this.now().getTime();
    let count = 0;
    for (const record of this.records) if (record.ended === undefined && now < record.endsAt) count++;
    return count;
  }

  /** An ended session, or one whose certificate has expired since, answers why. */
  private checkStanding(record: SessionRecord): void {
    if (record.ended === undefined && this.now().getTime() > record.session.certificateNotAfter.getTime()) {
      record.ended = 'SESSION_CERTIFICATE_EXPIRED';
    }
    if (record.ended !== undefined) throw new ProblemError(401, record.ended, DETAIL[record.ended]);
  }

  private issue(record: SessionRecord, now: number): TokenPair {
    const accessToken = newToken();
    const refreshToken = newToken();
    const accessExpires = Math.min(now + this.accessTtlMs, record.endsAt);
    const refreshExpires = Math.min(now + this.refreshTtlMs, record.endsAt);
    this.access.set(accessToken, { record, expiresAt: accessExpires });
    this.refresh.set(refreshToken, { record, expiresAt: refreshExpires });
    record.accessToken = accessToken;
    record.refreshToken = refreshToken;
    record.tokens.push(accessToken, refreshToken);
    return {
      tokenType: 'Bearer',
      accessToken,
      accessTokenExpiresAt: isoTimestamp(accessExpires),
      refreshToken,
      refreshTokenExpiresAt: isoTimestamp(refreshExpires),
    };
  }

  private forget(record: SessionRecord): void {
    for (const token of record.tokens) {
      this.access.delete(token);
      this.refresh.delete(token);
    }
    this.records.delete(record);
  }

  /**
   * Forgets sessions past their lifetime. Sessions end in the order they began (one lifetime for
   * all), so only the head is read. Until then an expired access token keeps answering
   * TOKEN_EXPIRED (refresh) rather than TOKEN_INVALID (log in again).
   */
  private prune(now: number): void {
    for (const record of this.records) {
      if (record.endsAt > now) break;
      this.forget(record);
    }
  }
}
