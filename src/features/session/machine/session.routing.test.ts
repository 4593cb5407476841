/**
 * Where the session takes the viewer for each reader state, the flows the home menu opens, and the
 * idle timing it is configured with. Fake bridge watcher and child flows.
 */
import { createActor } from 'xstate';
import { CARD_ID, done, signedIn } from '../../../machines/testing/fixtures';
import { startFlow } from '../../../machines/testing/flow-run';
import { signCertificateNotice } from './certificate-expiry';
import { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_WARNING_LEAD_MS, sessionMachine } from './session.machine';
import { sessionSpec } from './session.test-model';

async function started() {
  const flow = await startFlow(sessionSpec);
  const status = (presence: string, cardId?: string) =>
    flow.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence, ...(cardId ? { cardId } : {}) });
  return { ...flow, status };
}

async function atHome() {
  const flow = await started();
  flow.status('present', CARD_ID);
  await flow.send(done('login', { outcome: 'signedIn', signedIn: signedIn() }));
  expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
  return flow;
}

describe('the reader states', () => {
  test.each([
    ['noReader', 'noReader'],
    ['unreadable', 'unreadableCard'],
    ['unsupported', 'unreadableCard'],
    ['absent', 'waitingForCard'],
  ])('%s: the viewer is told so (%s), and no login starts', async (presence, screen) => {
    const flow = await started();
    flow.status(presence);
    expect(flow.snapshot().value).toBe(screen);
    expect(flow.fakes.inputsOf('login')).toEqual([]);
  });

  test('a card first reported without its identity: the status that names it is no swap', async () => {
    const flow = await started();
    flow.status('present');
    flow.status('present', CARD_ID);
    expect(flow.snapshot().value).toEqual({ authenticating: 'login' });
  });
});

describe('leaving the login', () => {
  test('the viewer leaves the login: the card waits in the reader, OK starts the login again', async () => {
    const flow = await started();
    flow.status('present', CARD_ID);
    await flow.send(done('login', { outcome: 'cancelled' }));
    expect(flow.snapshot().value).toBe('cardIdle');
    expect(flow.fakes.inputsOf('registration')).toEqual([]);
    await flow.send({ type: 'OK' });
    expect(flow.snapshot().value).toEqual({ authenticating: 'login' });
    expect(flow.fakes.inputsOf('login')).toHaveLength(2);
  });
});

describe('the home menu', () => {
  test('booking opens the booking flow at the facilities; closing it comes back home', async () => {
    const flow = await atHome();
    await flow.send({ type: 'OPEN', section: 'booking' });
    expect(flow.snapshot().matches({ loggedIn: { screen: 'booking' } })).toBe(true);
    expect(flow.fakes.inputsOf('booking')).toEqual([{}]);
    await flow.send(done('booking', { outcome: 'closed' }));
    expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });

  test('moving opens the address change with the card the viewer logged in with; closing it comes back home', async () => {
    const flow = await atHome();
    await flow.send({ type: 'OPEN', section: 'moving' });
    expect(flow.snapshot().matches({ loggedIn: { screen: 'moving' } })).toBe(true);
    expect(flow.fakes.inputsOf('moving')).toEqual([{ cardId: CARD_ID }]);
    await flow.send(done('moving', { outcome: 'closed' }));
    expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });

  test('a session the platform ended while telling of the move logs out, saying why', async () => {
    const flow = await atHome();
    await flow.send({ type: 'OPEN', section: 'moving' });
    await flow.send(done('moving', { outcome: 'sessionExpired', reason: 'loggedOutCertificateRevoked' }));
    expect(flow.snapshot().value).toBe('loggingOut');
    expect(flow.snapshot().context.logoutReason).toBe('loggedOutCertificateRevoked');
  });

  test.each(['health', 'inbox'] as const)(
    '「スマートフォンとつなぐ」 in %s with no phone paired opens the pairing, then home',
    async (section) => {
      const flow = await atHome();
      await flow.send({ type: 'OPEN', section }, done(section, { outcome: 'pairPhone' }));
      expect(flow.snapshot().matches({ loggedIn: { screen: 'companion' } })).toBe(true);
      await flow.send(done('companion', { outcome: 'closed' }));
      expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
    },
  );

  test('health records open the health flow; closing it comes back home', async () => {
    const flow = await atHome();
    await flow.send({ type: 'OPEN', section: 'health' });
    expect(flow.snapshot().matches({ loggedIn: { screen: 'health' } })).toBe(true);
    await flow.send(done('health', { outcome: 'closed' }));
    expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });

  test('before a login there is no certificate to tell about', () => {
    expect(signCertificateNotice(undefined)).toBeUndefined();
  });
});

describe('idle timing', () => {
  const timing = (input: { idleTimeoutMs?: number; warningLeadMs?: number }) => {
    const { idleTimeoutMs, warningLeadMs } = createActor(sessionMachine, { input }).getSnapshot().context;
    return { idleTimeoutMs, warningLeadMs };
  };

  test('by default 5 minutes, warned 30 seconds before', () => {
    expect(timing({})).toEqual({
      idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
      warningLeadMs: DEFAULT_WARNING_LEAD_MS,
    });
    expect(DEFAULT_IDLE_TIMEOUT_MS).toBe(300_000);
    expect(DEFAULT_WARNING_LEAD_MS).toBe(30_000);
  });

  test("the operator's timeout is kept; one shorter than the warning is lengthened to a second past it", () => {
    expect(timing({ idleTimeoutMs: 120_000, warningLeadMs: 45_000 })).toEqual({
      idleTimeoutMs: 120_000,
      warningLeadMs: 45_000,
    });
    expect(timing({ idleTimeoutMs: 10_000, warningLeadMs: 25_000 })).toEqual({
      idleTimeoutMs: 26_000,
      warningLeadMs: 25_000,
    });
  });
});

describe('without its bridge watcher', () => {
  test('the session stops with an error naming what is missing', () => {
    const actor = createActor(sessionMachine, { input: {} });
    actor.subscribe({ error: () => undefined });
    actor.start();
    expect(actor.getSnapshot().status).toBe('error');
    expect(String(actor.getSnapshot().error)).toContain("actor 'watchBridge' not provided");
  });
});
