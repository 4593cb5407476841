/**
 * The card pulled out at APDU k of a login, for every k: the real session and login machines with
 * real card actors (createActors → BridgeClient → in-process bridge → JpkiCard → virtual card).
 * The platform side answers every call (platform faults are platform-faults.test.ts's subject).
 * Each run must end at "insert card", quickly, and the auth PIN's counter must be what the card
 * says: full unless the viewer's own VERIFY reached the card (and then only a wrong PIN costs a try).
 */
import { createActor, type Actor } from 'xstate';
import { ORIGIN, startTestBridge, type TestBridge } from '../../mocks/dev-bridge/test-bridge';
import { SIMULATED_READER } from '../../mocks/dev-bridge/simulator-backend';
import type { VirtualCardTransport } from '../../mocks/virtual-card/in-process-transport';
import { BridgeClient } from '../../src/card/bridge-client';
import { originWebSocket } from '../../src/card/test-support';
import { createActors, type CardPort } from '../../src/app/session/adapters';
import { messageFor } from '../../src/machines/messages';
import { sessionMachine } from '../../src/features/session/machine/session.machine';
import { acceptingPlatform, until } from './support';
import { allFlows } from '../../src/app/testing/all-flows';

const RIGHT_PIN = '1234';
const WRONG_PIN = '9999';
/** A run that takes longer than this counts as a hang. */
const RUN_LIMIT_MS = 5000;

let bridge: TestBridge;
let client: BridgeClient;

beforeAll(async () => {
  bridge = await startTestBridge();
  client = new BridgeClient({
    url: bridge.url,
    WebSocket: originWebSocket(ORIGIN),
    backoff: { initialMs: 20, maxMs: 100 },
  });
  client.start();
  await until(() => client.connectionState === 'open', 'the client to connect');
}, 60_000);

afterAll(async () => {
  client.close();
  await bridge.close();
});

interface Run {
  /** The session's state when the run ended. */
  state: string;
  /** APDUs the card answered during the login. */
  apdus: number;
  /** Did a VERIFY carrying a PIN reach the card? */
  verifySent: boolean;
  triesLeft: number;
  loginErrorKey?: string;
}

/** One login with `pin`; the card vanishes when APDU `removeAt + 1` of the login arrives. */
async function login(
  pin: string,
  removeAt?: number,
  cardPort: CardPort = client,
  limitMs = RUN_LIMIT_MS,
): Promise<Run> {
  // Every insertion is a new card (a new cardId), also over one already in: wait for this one's
  // announcement, or the session would start for the old one and rightly end at the swap.
  const previous = client.status?.cardId;
  await bridge.simulator.insertCard('normal');
  await bridge.cards.settled();
  await until(
    () => client.status?.token !== undefined && client.status.cardId !== previous,
    'the card to be announced',
  );
  const transport = bridge.simulator.transport(SIMULATED_READER) as VirtualCardTransport;
  const commands: string[] = [];
  const card = transport.card;
  const process = card.process.bind(card);
  card.process = (command: Uint8Array) => {
    commands.push(Buffer.from(command).toString('hex'));
    return process(command);
  };
  const base = transport.apduCount;
  if (removeAt !== undefined) transport.removeAfterApdus = base + removeAt;

  const actors = createActors({ card: cardPort, platform: acceptingPlatform(), flows: allFlows });
  const session: Actor<typeof sessionMachine> = createActor(
    sessionMachine.provide({ actors: actors.session }),
    {
      input: {},
    },
  ).start();
  let loginErrorKey: string | undefined;
  try {
    await until(() => session.getSnapshot().children.login !== undefined, 'the login to start', RUN_LIMIT_MS);
    const loginActor = session.getSnapshot().children.login!;
    loginActor.subscribe((snapshot) => {
      const error = (snapshot as { context?: { error?: { messageKey: string } } }).context?.error;
      if (error) loginErrorKey = error.messageKey;
    });
    for (const digit of pin) loginActor.send({ type: 'DIGIT', digit });
    loginActor.send({ type: 'OK' });
    const done = () => {
      const snapshot = session.getSnapshot();
      if (snapshot.matches('waitingForCard') || snapshot.matches('loggedIn')) return true;
      // A wrong PIN with the card still in: back at the PIN entry with the card's count.
      const login = snapshot.children.login?.getSnapshot() as
        { context?: { error?: { kind: string } } } | undefined;
      return snapshot.matches('authenticating') && login?.context?.error?.kind === 'pinIncorrect';
    };
    await until(done, `the end of the login (removal at ${removeAt})`, limitMs).catch((error: Error) => {
      const login = session.getSnapshot().children.login?.getSnapshot() as
        { value: unknown; context: { error?: unknown } } | undefined;
      throw new Error(
        `${error.message}; session ${JSON.stringify(session.getSnapshot().value)}, ` +
          `login ${JSON.stringify(login?.value)} ${JSON.stringify(login?.context.error)}`,
      );
    });
    // After a wrong PIN the login reads the certificate and count again: let the card go quiet.
    for (let last = -1; last !== transport.apduCount;) {
      last = transport.apduCount;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await until(done, `the end of the login (removal at ${removeAt})`, limitMs);
    return {
      state: JSON.stringify(session.getSnapshot().value),
      apdus: transport.apduCount - base,
      verifySent: commands.some((hex) => hex.startsWith('00200080') && hex.length > 8),
      triesLeft: card.state.triesLeft.auth,
      loginErrorKey,
    };
  } finally {
    session.stop();
  }
}

const insertCard = messageFor('insertCard');

describe('card removed at every APDU of a login', () => {
  // Was BUG-1: the login prefetch ran two card calls at once and the bridge answered one BUSY.
  it('a login through the plain BridgeClient signs in', async () => {
    const run = await login(RIGHT_PIN, undefined, client, 1500);
    expect(run.state).toContain('loggedIn');
  });

  for (const [label, pin, fullTries, afterVerify] of [
    ['right PIN', RIGHT_PIN, 3, 3],
    ['wrong PIN', WRONG_PIN, 3, 2],
  ] as const) {
    test(`${label}: every k ends at insert-card with the PIN counter the card says`, async () => {
      const baseline = await login(pin);
      expect(baseline.verifySent).toBe(true);
      expect(baseline.triesLeft).toBe(afterVerify);
      if (pin === RIGHT_PIN) expect(baseline.state).toContain('loggedIn');
      const total = baseline.apdus;
      expect(total).toBeGreaterThan(3);
      const runs: Run[] = [];
      for (let k = 0; k < total; k++) {
        const run = await login(pin, k);
        runs.push(run);
        expect({ k, state: run.state }).toEqual({ k, state: '"waitingForCard"' });
        expect({ k, triesLeft: run.triesLeft }).toEqual({
          k,
          triesLeft: run.verifySent ? afterVerify : fullTries,
        });
        // The login's own message, when it saw the removal before the session did.
        if (run.loginErrorKey !== undefined && run.loginErrorKey !== 'pinIncorrect') {
          expect(['cardRemoved', 'cardError', 'cardBusy']).toContain(run.loginErrorKey);
        }
      }
      // Removal both before and after the viewer's VERIFY was exercised.
      expect(runs.some((run) => run.verifySent)).toBe(true);
      expect(runs.some((run) => !run.verifySent)).toBe(true);
      expect(insertCard.ja.length).toBeGreaterThan(0);
      expect(insertCard.en.length).toBeGreaterThan(0);
      console.log(
        `${label}: ${total} APDUs; ` +
          `login messages ${[...new Set(runs.map((r) => r.loginErrorKey ?? '-'))].join(',')}`,
      );
    }, 60_000);
  }
});
