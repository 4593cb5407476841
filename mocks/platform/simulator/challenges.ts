/**
 * Login and registration challenges: 32 random bytes, single use, 60 s by the injected clock.
 * Memory stays flat under a flood: at most `maxPending` unused challenges are kept (the oldest is
 * forgotten first, and then answers CHALLENGE_UNKNOWN), and spent ones are remembered — to tell a
 * replay from an expiry — for a while and up to a bound. Both maps are in issue order, which is
 * expiry order, so pruning only ever looks at their heads.
 */
import { bytesToBase64Url } from '../../../src/platform/base64';
import type { Challenge, ChallengePurpose } from '../../../src/platform/types';
import { ProblemError } from './problem';

export const CHALLENGE_TTL_MS = 60_000;
/** Unused challenges kept at most (a TV needs one for a few seconds). */
export const MAX_PENDING_CHALLENGES = 10_000;
/** How long a challenge (used or not) is kept after it expired, to answer REPLAYED/EXPIRED precisely. */
const RETENTION_MS = 15 * 60_000;
const MAX_SPENT_CHALLENGES = 10_000;

/** Login and registration (before a session), and the consent signature of a signed-in viewer. */
export type StoredPurpose = ChallengePurpose | 'consent';

interface PendingRecord {
  purpose: StoredPurpose;
  /** The user a consent challenge was issued to: no one else can spend it. */
  userId?: string;
  expiresAt: number;
  /** The challenge's bytes (what its text encodes). */
  bytes: Uint8Array;
}

const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class ChallengeStore {
  private readonly pending = new Map<string, PendingRecord>();
  /** Spent challenge → until when it is remembered, and whether it was used (else it expired unused). */
  private readonly spent = new Map<string, { keepUntil: number; used: boolean }>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = CHALLENGE_TTL_MS,
    private readonly maxPending = MAX_PENDING_CHALLENGES,
  ) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  get spentCount(): number {
    return this.spent.size;
  }

  issue<P extends StoredPurpose>(purpose: P, userId?: string): Omit<Challenge, 'purpose'> & { purpose: P } {
    this.prune();
    while (this.pending.size >= this.maxPending) {
      this.pending.delete(this.pending.keys().next().value as string);
    }
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const challenge = bytesToBase64Url(bytes);
    const expiresAt = this.now().getTime() + this.ttlMs;
    this.pending.set(challenge, { purpose, expiresAt, bytes, ...(userId ? { userId } : {}) });
    return { challenge, purpose, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * Spends the challenge and returns its bytes (what the card signed the SHA-256 of). Any attempt
   * spends it, successful or not, so a failed signature cannot be retried against the same one.
   */
  consume(challenge: unknown, purpose: StoredPurpose, userId?: string): Uint8Array {
    if (typeof challenge !== 'string' || !CHALLENGE_PATTERN.test(challenge)) {
      throw new ProblemError(400, 'VALIDATION_FAILED', 'challenge: 43 characters of base64url', {
        invalidParams: [{ name: 'challenge', reason: 'base64url of 32 bytes (43 characters)' }],
      });
    }
    const record = this.pending.get(challenge);
    if (!record) {
      const spent = this.spent.get(challenge);
      if (!spent) throw new ProblemError(401, 'CHALLENGE_UNKNOWN');
      throw new ProblemError(401, spent.used ? 'CHALLENGE_REPLAYED' : 'CHALLENGE_EXPIRED');
    }
    this.pending.delete(challenge);
    this.remember(challenge, record.expiresAt, true);
    if (this.now().getTime() >= record.expiresAt) throw new ProblemError(401, 'CHALLENGE_EXPIRED');
    if (record.purpose !== purpose) {
      throw new ProblemError(401, 'CHALLENGE_PURPOSE_MISMATCH', `a ${record.purpose} challenge`);
    }
    // Another viewer's consent challenge is as unknown to this one as one never issued.
    if (record.userId !== userId) throw new ProblemError(401, 'CHALLENGE_UNKNOWN');
    return record.bytes;
  }

  clear(): void {
    this.pending.clear();
    this.spent.clear();
  }

  private remember(challenge: string, expiresAt: number, used: boolean): void {
    this.spent.set(challenge, { keepUntil: expiresAt + RETENTION_MS, used });
    while (this.spent.size > MAX_SPENT_CHALLENGES) {
      this.spent.delete(this.spent.keys().next().value as string);
    }
  }

  /** Drops what is past its retention; expired unused challenges become spent ones (EXPIRED). */
  private prune(): void {
    const now = this.now().getTime();
    for (const [key, record] of this.pending) {
      if (record.expiresAt > now) break;
      this.pending.delete(key);
      this.remember(key, record.expiresAt, false);
    }
    for (const [key, { keepUntil }] of this.spent) {
      if (keepUntil > now) break;
      this.spent.delete(key);
    }
  }
}
