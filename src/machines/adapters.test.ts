/** The adapters: the real clients fit the ports, and a whole login runs through them. */
import { createActor } from 'xstate';
import type { BridgeClient } from '../card';
import type { PlatformClient } from '../platform';
import { createActors, presenceOf, type CardPort, type CardPortEvent, type PlatformPort } from './adapters';
import { sessionMachine } from './session/session.machine';
import { pinStatus, profile } from './testing/fixtures';
import { settle } from './testing/fake-actors';

// Compile-time: the clients as they are satisfy what the machines need.
export const bridgeFits = (client: BridgeClient): CardPort => client;
export const platformFits = (client: PlatformClient): PlatformPort => client;

const CHALLENGE = 'A'.repeat(43);

function fakes() {
  let listener: ((event: CardPortEvent) => void) | undefined;
  const signed: unknown[] = [];
  const card: CardPort = {
    readCertificate: async () => new Uint8Array([1, 2, 3]),
    getPinStatus: async () => pinStatus(3),
    readSignCertificate: async () => new Uint8Array([4]),
    sign: async (request) => {
      signed.push(request);
      return new Uint8Array(256);
    },
    subscribe: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
  };
  const expires = new Date(1_000_000 + 300_000).toISOString();
  const platform = {
    auth: {
      challenge: async () => ({ challenge: CHALLENGE }),
      loginWithSignature: async () => ({
        tokenType: 'Bearer' as const,
        accessToken: 'at',
        accessTokenExpiresAt: expires,
        refreshToken: 'rt',
        refreshTokenExpiresAt: expires,
      }),
      refresh: async () => {},
      logout: async () => {},
    },
    profile: { get: async () => profile() },
  } as unknown as PlatformPort;
  return { card, platform, signed, emit: (event: CardPortEvent) => listener?.(event) };
}

describe('adapters', () => {
  test('card status → presence', () => {
    expect(presenceOf([])).toBe('noReader');
    expect(presenceOf([{ card: 'absent' }, { card: 'present' }])).toBe('present');
    expect(presenceOf([{ card: 'mute' }])).toBe('unreadable');
    expect(presenceOf([{ card: 'unsupported' }])).toBe('unsupported');
    expect(presenceOf([{ card: 'absent' }])).toBe('absent');
  });

  test('a login through the adapters signs SHA-256 of the challenge with the PIN', async () => {
    const { card, platform, signed, emit } = fakes();
    const actors = createActors({ card, platform, now: () => 1_000_000 });
    const session = createActor(sessionMachine.provide({ actors: actors.session }), { input: {} }).start();
    emit({ type: 'status', status: { readers: [{ card: 'present' }] } });
    await settle();
    const login = session.getSnapshot().children.login!;
    for (const digit of '9753') login.send({ type: 'DIGIT', digit });
    login.send({ type: 'OK' });
    for (let i = 0; i < 10 && !session.getSnapshot().matches('loggedIn'); i++) await settle();
    expect(session.getSnapshot().matches('loggedIn')).toBe(true);
    expect(session.getSnapshot().context.refreshAfterMs).toBe(240_000);
    const [request] = signed as Array<{ key: string; pin: string; digest: Uint8Array }>;
    expect(request!.key).toBe('auth');
    expect(request!.pin).toBe('9753');
    expect(request!.digest).toHaveLength(32);
    emit({ type: 'connection', state: 'closed' });
    expect(session.getSnapshot().value).toBe('loggingOut');
    session.stop();
  });
});
