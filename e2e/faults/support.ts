/**
 * Shared helpers for the fault suite: polling with a deadline, a free-port probe,
 * and a platform port that always answers (for the card-side fault cases, where the platform is
 * not what is under test).
 */
import { acceptingPlatform as acceptingPlatformWith } from '../../src/app/testing/accepting-platform';

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
export const acceptingPlatform = () =>
  acceptingPlatformWith({
    challenge: 'Q'.repeat(43),
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  });
