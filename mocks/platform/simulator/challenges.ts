/**
 * Login and registration challenges: 32 random bytes, single use, 60 s by the injected clock.
 * Used challenges are remembered past their expiry so a replay is told apart from an expiry.
 */
import { base64UrlToBytes, bytesToBase64Url } from '../../../src/platform/base64';
import type { Challenge, ChallengePurpose } from '../../../src/platform/types';
import { ProblemError } from './problem';

export const CHALLENGE_TTL_MS = 60_000;
/** How long a challenge (used or not) is kept after it expired, to answer REPLAYED/EXPIRED precisely. */
const RETENTION_MS = 15 * 60_000;

interface ChallengeRecord {
  purpose: ChallengePurpose;
  expiresAt: number;
  used: boolean;
}

export class ChallengeStore {
  private readonly records = new Map<string, ChallengeRecord>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = CHALLENGE_TTL_MS,
  ) {}

  issue(purpose: ChallengePurpose): Challenge {
    this.prune();
    const challenge = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    const expiresAt = this.now().getTime() + this.ttlMs;
    this.records.set(challenge, { purpose, expiresAt, used: false });
    return { challenge, purpose, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * Spends the challenge and returns its bytes (what the card signed the SHA-256 of). Any attempt
   * spends it, successful or not, so a failed signature cannot be retried against the same one.
   */
  consume(challenge: unknown, purpose: ChallengePurpose): Uint8Array {
    if (typeof challenge !== 'string') throw new ProblemError(400, 'VALIDATION_FAILED', 'challenge missing');
    const record = this.records.get(challenge);
    if (!record) throw new ProblemError(401, 'CHALLENGE_UNKNOWN');
    if (record.used) throw new ProblemError(401, 'CHALLENGE_REPLAYED');
    record.used = true;
    if (this.now().getTime() >= record.expiresAt) throw new ProblemError(401, 'CHALLENGE_EXPIRED');
    if (record.purpose !== purpose) {
      throw new ProblemError(401, 'CHALLENGE_PURPOSE_MISMATCH', `a ${record.purpose} challenge`);
    }
    return base64UrlToBytes(challenge);
  }

  clear(): void {
    this.records.clear();
  }

  private prune(): void {
    const cutoff = this.now().getTime() - RETENTION_MS;
    for (const [key, record] of this.records) if (record.expiresAt < cutoff) this.records.delete(key);
  }
}
