/**
 * A platform port that accepts every login, with the viewer's profile: for tests where the card
 * side is under test, not the platform (the adapters' login, the fault suite's card faults); and
 * the bridge's word that the named card is in the reader, which those tests start from.
 */
import { profile } from '../../machines/testing/fixtures';
import type { CardPortEvent, PlatformPort } from '../session/adapters';

/** The card port's status: the reader service running, the card `cardId` present. */
export const namedCardIn = (cardId: string): CardPortEvent => ({
  type: 'status',
  status: {
    readerService: 'running',
    readers: [{ card: 'present' }],
    token: 'JPKIAPICCTOKEN2',
    cardId,
  },
});

export function acceptingPlatform(options: {
  /** The challenge it hands out (43 base64url characters). */
  challenge: string;
  /** When both tokens expire (ISO 8601). */
  expiresAt: string;
  /** The platform's clock (default: the test's). */
  now?: () => number;
}): PlatformPort & { logins: number } {
  const port = {
    logins: 0,
    now: options.now ?? Date.now,
    auth: {
      challenge: async () => ({ challenge: options.challenge }),
      loginWithSignature: async () => {
        port.logins++;
        return {
          tokenType: 'Bearer' as const,
          accessToken: 'at',
          accessTokenExpiresAt: options.expiresAt,
          refreshToken: 'rt',
          refreshTokenExpiresAt: options.expiresAt,
        };
      },
      refresh: async () => {},
      logout: async () => {},
    },
    profile: { get: async () => profile(), savePreferences: async (preferences: unknown) => preferences },
  };
  return port as unknown as PlatformPort & { logins: number };
}
