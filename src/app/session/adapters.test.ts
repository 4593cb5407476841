/** The adapters: the real clients fit the ports, and a whole login runs through them. */
import { createActor } from 'xstate';
import { BridgeErrorCode } from '../../../stb-spec/protocol/errors';
import type { BridgeClient } from '../../card';
import { fromRpcError } from '../../card/errors';
import type { PlatformClient } from '../../platform';
import {
  createActors,
  presenceOf,
  watchBridge,
  type CardPort,
  type CardPortEvent,
  type PlatformPort,
} from './adapters';
import { oneCardCallAtATime } from './card-line';
import { sessionMachine } from '../../features/session/machine/session.machine';
import { pinStatus } from '../../machines/testing/fixtures';
import { acceptingPlatform, namedCardIn } from '../testing/accepting-platform';
import { settle } from '../../machines/testing/fake-actors';
import { allFlows } from '../testing/all-flows';

// Compile-time: the clients as they are satisfy what the machines need.
export const bridgeFits = (client: BridgeClient): CardPort => client;
export const platformFits = (client: PlatformClient): PlatformPort => client;

const CHALLENGE = 'A'.repeat(43);
const CARD = 'Y2FyZC1pZC1maXJzdC0wMQ';

/** Waits (real time: the digest is computed off the main thread) until `done`, at most 3 s. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

function fakes() {
  let listener: ((event: CardPortEvent) => void) | undefined;
  const signed: unknown[] = [];
  /** The card each call named, by method. */
  const cardIds: Array<[string, string | undefined]> = [];
  const card: CardPort = {
    readCertificate: async (_slot, options) => {
      cardIds.push(['readCertificate', options?.cardId]);
      return new Uint8Array([1, 2, 3]);
    },
    getPinStatus: async (_kind, options) => {
      cardIds.push(['getPinStatus', options?.cardId]);
      return pinStatus(3);
    },
    readSignCertificate: async () => new Uint8Array([4]),
    sign: async (request) => {
      cardIds.push(['sign', request.cardId]);
      signed.push(request);
      return new Uint8Array(256);
    },
    subscribe: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
  };
  const platform: PlatformPort = acceptingPlatform({
    challenge: CHALLENGE,
    expiresAt: new Date(1_000_000 + 300_000).toISOString(),
    now: () => 1_000_000,
  });
  return { card, platform, signed, cardIds, emit: (event: CardPortEvent) => listener?.(event) };
}

const CARD_IN: CardPortEvent = {
  type: 'status',
  status: { readers: [{ card: 'present' }], token: 'JPKIAPICCTOKEN2' },
};
const CARD_IN_NAMED = namedCardIn(CARD);
const OPEN: CardPortEvent = { type: 'connection', state: 'open' };

/** The session on the adapters over the fakes (or `card`); once the bridge said `said`, its login. */
async function loginOnAdapters(fake: ReturnType<typeof fakes>, said: CardPortEvent[], card = fake.card) {
  const actors = createActors({ card, platform: fake.platform, flows: allFlows });
  const session = createActor(sessionMachine.provide({ actors: actors.session }), { input: {} }).start();
  for (const event of said) fake.emit(event);
  await until(() => session.getSnapshot().children.login !== undefined);
  return { session, login: session.getSnapshot().children.login! };
}

const typePinThenOk = (login: { send: (event: { type: string; digit?: string }) => void }) => {
  for (const digit of '9753') login.send({ type: 'DIGIT', digit });
  login.send({ type: 'OK' });
};

describe('watchBridge: what the session learns from the connection', () => {
  function watching() {
    const { card, emit } = fakes();
    const seen: string[] = [];
    const stop = watchBridge(card, (event) => seen.push(event.type));
    return { seen, emit, stop };
  }

  test('an attempt that never opened: nothing until the client tells why', () => {
    const { seen, emit } = watching();
    emit({ type: 'connection', state: 'connecting' });
    emit({ type: 'connection', state: 'closed' });
    expect(seen).toEqual([]);
    emit({ type: 'connectFailed', refused: false });
    expect(seen).toEqual(['BRIDGE_DOWN']);
  });

  test('up but refusing the app: BRIDGE_REFUSED on every attempt, never BRIDGE_DOWN', () => {
    const { seen, emit } = watching();
    for (let attempt = 0; attempt < 3; attempt++) {
      emit({ type: 'connection', state: 'connecting' });
      emit({ type: 'connection', state: 'closed' });
      emit({ type: 'connectFailed', refused: true });
    }
    expect(seen).toEqual(['BRIDGE_REFUSED', 'BRIDGE_REFUSED', 'BRIDGE_REFUSED']);
  });

  test('a bridge serving no protocol this app speaks: BRIDGE_UNSUPPORTED, not down nor refused', () => {
    const { seen, emit } = watching();
    emit({ type: 'connection', state: 'connecting' });
    emit({ type: 'connection', state: 'closed' });
    emit({ type: 'connectFailed', refused: false, unsupported: true });
    expect(seen).toEqual(['BRIDGE_UNSUPPORTED']);
  });

  test('an open connection lost: BRIDGE_DOWN at once; a status: CARD_STATUS', () => {
    const { seen, emit, stop } = watching();
    emit({ type: 'status', status: { readers: [{ card: 'absent' }] } });
    emit({ type: 'connection', state: 'open' });
    emit({ type: 'connection', state: 'closed' });
    expect(seen).toEqual(['CARD_STATUS', 'BRIDGE_DOWN']);
    stop();
    emit({ type: 'connectFailed', refused: true });
    expect(seen).toHaveLength(2);
  });
});

describe('adapters', () => {
  test('card status → presence', () => {
    const token = 'JPKIAPICCTOKEN2';
    expect(presenceOf({ readers: [] })).toBe('noReader');
    expect(presenceOf({ readers: [{ card: 'absent' }, { card: 'present' }], token })).toBe('present');
    expect(presenceOf({ readers: [{ card: 'mute' }] })).toBe('unreadable');
    expect(presenceOf({ readers: [{ card: 'unsupported' }] })).toBe('unsupported');
    expect(presenceOf({ readers: [{ card: 'absent' }] })).toBe('absent');
    expect(presenceOf({ readers: [{ card: 'checking' }] })).toBe('checking');
    expect(presenceOf({ readers: [{ card: 'checking' }, { card: 'present' }], token })).toBe('present');
    // A 1.x bridge: a card still being classified shows as present, without the token.
    expect(presenceOf({ readers: [{ card: 'present' }] })).toBe('checking');
    expect(presenceOf({ readers: [], readerService: 'unavailable' })).toBe('serviceUnavailable');
    expect(presenceOf({ readers: [], readerService: 'running' })).toBe('noReader');
  });

  test("the status's cardId reaches the session with the presence", () => {
    const { card, emit } = fakes();
    const seen: unknown[] = [];
    watchBridge(card, (event) => seen.push(event));
    emit(CARD_IN_NAMED);
    expect(seen).toEqual([{ type: 'CARD_STATUS', presence: 'present', cardId: CARD }]);
  });

  test('a login through the adapters names its card in every card call', async () => {
    const fake = fakes();
    const { session, login } = await loginOnAdapters(fake, [CARD_IN_NAMED, OPEN]);
    typePinThenOk(login);
    await until(() => session.getSnapshot().matches('loggedIn'));
    expect(fake.cardIds).toEqual([
      ['readCertificate', CARD],
      ['getPinStatus', CARD],
      ['sign', CARD],
    ]);
    session.stop();
  });

  test('a sign answered CARD_CHANGED: back to the start with the reason, the PIN sent once', async () => {
    const fake = fakes();
    const { signed } = fake;
    fake.card.sign = async (request) => {
      signed.push(request);
      throw fromRpcError({ code: BridgeErrorCode.CARD_CHANGED, data: {} }, 'sign');
    };
    const { session, login } = await loginOnAdapters(fake, [CARD_IN_NAMED]);
    typePinThenOk(login);
    await until(() => session.getSnapshot().matches('cardIdle'));
    expect(session.getSnapshot().value).toBe('cardIdle');
    expect(session.getSnapshot().context.logoutReason).toBe('cardChanged');
    expect(signed).toHaveLength(1);
    session.stop();
  });

  test('a bridge without card identity: another certificate before the PIN goes ends the login, no PIN sent', async () => {
    const fake = fakes();
    let reads = 0;
    fake.card.readCertificate = async () => Uint8Array.of(1, 2, reads++ === 0 ? 3 : 4);
    const { session, login } = await loginOnAdapters(fake, [CARD_IN]);
    typePinThenOk(login);
    await until(() => session.getSnapshot().matches('cardIdle'));
    expect(session.getSnapshot().context.logoutReason).toBe('cardChanged');
    expect(reads).toBe(2);
    expect(fake.signed).toHaveLength(0);
    session.stop();
  });

  test('a login through the adapters signs SHA-256 of the challenge with the PIN', async () => {
    const fake = fakes();
    const { signed, emit } = fake;
    // As the client does on connecting: the status first, then `open`.
    const { session, login } = await loginOnAdapters(fake, [CARD_IN, OPEN]);
    typePinThenOk(login);
    await until(() => session.getSnapshot().matches('loggedIn'));
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

  test('with the challenge prefetched, OK reaches the card in the same step (digest ready)', async () => {
    const fake = fakes();
    const { signed } = fake;
    // A bridge that checks the card's identity: nothing to read again before the PIN goes.
    const { session, login } = await loginOnAdapters(fake, [CARD_IN_NAMED]);
    const context = () => (login.getSnapshot() as unknown as { context: Record<string, unknown> }).context;
    await until(() => context().prefetchedChallenge !== undefined && context().pinStatus !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the digest, computed as the challenge arrived
    typePinThenOk(login);
    expect(signed).toHaveLength(1); // synchronously: no task in between
    const [request] = signed as Array<{ digest: Uint8Array }>;
    const expected = new Uint8Array(
      await crypto.subtle.digest('SHA-256', Buffer.from(CHALLENGE, 'base64url')),
    );
    expect(request!.digest).toEqual(expected);
    session.stop();
  });
});

describe('the last try through the adapters', () => {
  const VALUE = 'dGhlLWJyaWRnZXMtb25lLXRpbWUtdmFsdWU';
  const refusal = (confirmation: string) =>
    fromRpcError(
      { code: BridgeErrorCode.LAST_ATTEMPT_NEEDS_CONFIRMATION, data: { triesLeft: 1, confirmation } },
      'sign',
    );

  test("OK sends no confirmation; only CONFIRM sends the bridge's value, never `true`", async () => {
    const fake = fakes();
    const { card, signed } = fake;
    const answers = [refusal(VALUE), refusal(`${VALUE}-2`)];
    const lastTry: CardPort = {
      ...card,
      getPinStatus: async () => pinStatus(1),
      sign: async (request) => {
        signed.push(request);
        const refused = answers.shift();
        if (refused) throw refused;
        return new Uint8Array(256);
      },
    };
    const { session, login } = await loginOnAdapters(fake, [CARD_IN, OPEN], lastTry);
    const flow = () => JSON.stringify((login.getSnapshot() as unknown as { value: unknown }).value);
    typePinThenOk(login);
    await until(() => flow().includes('confirmingLastAttempt'));
    expect(flow()).toBe('{"active":"confirmingLastAttempt"}');
    login.send({ type: 'CONFIRM' });
    await until(() => signed.length === 2 && flow().includes('confirmingLastAttempt'));
    // The value ran out on the way (the bridge answered -32012 again): the warning again, nothing resent.
    expect(flow()).toBe('{"active":"confirmingLastAttempt"}');
    expect(signed).toHaveLength(2);
    login.send({ type: 'CONFIRM' });
    await until(() => session.getSnapshot().matches('loggedIn'));
    expect(session.getSnapshot().matches('loggedIn')).toBe(true);
    const sent = (signed as Array<{ pin: string; confirmLastAttempt?: unknown }>).map((request) => [
      request.pin,
      request.confirmLastAttempt,
    ]);
    expect(sent).toEqual([
      ['9753', undefined],
      ['9753', VALUE],
      ['9753', `${VALUE}-2`],
    ]);
    session.stop();
  });
});

describe('oneCardCallAtATime', () => {
  const deferred = () => {
    let resolve!: (value: Uint8Array) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<Uint8Array>((ok, fail) => ((resolve = ok), (reject = fail)));
    return { promise, resolve, reject };
  };

  test('a sign on an empty line goes at once; other calls wait their turn, after a failure too', async () => {
    const calls: string[] = [];
    const first = deferred();
    const second = deferred();
    const { card } = fakes();
    const lined = oneCardCallAtATime({
      ...card,
      readCertificate: () => (calls.push('cert'), first.promise),
      getPinStatus: () => (calls.push('status'), second.promise.then(() => pinStatus(3))),
      sign: async () => (calls.push('sign'), new Uint8Array(256)),
    });
    const cert = lined.readCertificate('auth');
    expect(calls).toEqual([]); // a microtask later (never inside the caller's own step)
    await settle();
    expect(calls).toEqual(['cert']);
    const status = lined.getPinStatus('auth');
    const signature = lined.sign({ key: 'auth', pin: '0000', digest: new Uint8Array(32) });
    await settle();
    expect(calls).toEqual(['cert']);
    first.reject(new Error('card removed'));
    await expect(cert).rejects.toThrow('card removed');
    await settle();
    expect(calls).toEqual(['cert', 'status']);
    second.resolve(new Uint8Array());
    await status;
    await signature;
    expect(calls).toEqual(['cert', 'status', 'sign']);
    await settle();
    void lined.sign({ key: 'auth', pin: '0000', digest: new Uint8Array(32) });
    expect(calls).toEqual(['cert', 'status', 'sign', 'sign']); // at once: the line is empty
  });

  test('a call that throws at once becomes a rejection', async () => {
    const { card } = fakes();
    const lined = oneCardCallAtATime({
      ...card,
      sign: () => {
        throw new Error('not open');
      },
    });
    await expect(lined.sign({ key: 'auth', pin: '0000', digest: new Uint8Array(32) })).rejects.toThrow(
      'not open',
    );
  });
});
