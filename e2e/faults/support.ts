/**
 * Shared helpers for the fault suite: polling with a deadline, a free-port probe,
 * and a platform port that always answers (for the card-side fault cases, where the platform is
 * not what is under test).
 */
import type { PlatformPort } from '../../src/app/session/adapters';
import { profile } from '../../src/machines/testing/fixtures';

/** The long variants run only with MADOGUCHI_LONG_FAULTS=1. */
export const LONG = process.env.MADOGUCHI_LONG_FAULTS === '1';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
