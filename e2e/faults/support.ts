/**
 * Shared helpers for the fault suite: a seeded PRNG, polling with a deadline, a free-port probe,
 * and a platform port that always answers (for the card-side fault cases, where the platform is
 * not what is under test).
 */
import type { PlatformPort } from '../../src/app/session/adapters';
import { profile } from '../../src/machines/testing/fixtures';

/** The long variants run only with MADOGUCHI_LONG_FAULTS=1. */
export const LONG = process.env.MADOGUCHI_LONG_FAULTS === '1';

/** mulberry32: small, fast, seeded; good enough to pick fuzz cases reproducibly. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true; rejects with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await wait(5);
  }
}

export { freePort } from '../harness/ports';

/** A platform that accepts every login (its own faults are platform-faults.test.ts's business). */
export function acceptingPlatform(): PlatformPort & { logins: number } {
  const expires = new Date(Date.now() + 15 * 60_000).toISOString();
  const port = {
    logins: 0,
    auth: {
      challenge: async () => ({ challenge: 'Q'.repeat(43) }),
      loginWithSignature: async () => {
        port.logins++;
        return {
          tokenType: 'Bearer' as const,
          accessToken: 'at',
          accessTokenExpiresAt: expires,
          refreshToken: 'rt',
          refreshTokenExpiresAt: expires,
        };
      },
      refresh: async () => {},
      logout: async () => {},
    },
    profile: { get: async () => profile() },
  };
  return port as unknown as PlatformPort & { logins: number };
}
