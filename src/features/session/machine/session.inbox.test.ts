/**
 * The e-post box in the session: home asks for the unread count each time it shows, the inbox
 * flow comes back home, and a notice's action opens health or booking. Fake bridge watcher and
 * child flows.
 */
import { CARD_ID, done, fail, platformErrors, signedIn } from '../../../machines/testing/fixtures';
import { startFlow } from '../../../machines/testing/flow-run';
import { sessionSpec } from './session.test-model';

async function atHome() {
  const flow = await startFlow(sessionSpec);
  flow.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present', cardId: CARD_ID });
  await flow.send(done('login', { outcome: 'signedIn', signedIn: signedIn() }));
  expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
  return flow;
}

describe('the e-post box', () => {
  test('home keeps the unread count, asks again each time it shows, and says nothing after a failure', async () => {
    const flow = await atHome();
    expect(flow.fakes.inputsOf('countUnread')).toHaveLength(1);
    await flow.send(done('countUnread', 3));
    expect(flow.snapshot().context.unreadNotices).toBe(3);
    await flow.send({ type: 'OPEN', section: 'inbox' });
    expect(flow.snapshot().matches({ loggedIn: { screen: 'inbox' } })).toBe(true);
    await flow.send(done('inbox', { outcome: 'closed' }));
    expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
    expect(flow.fakes.inputsOf('countUnread')).toHaveLength(2);
    await flow.send(fail('countUnread', platformErrors.network()));
    expect(flow.snapshot().context.unreadNotices).toBeUndefined();
  });

  test.each([
    ['health' as const, { kind: 'health' }],
    ['booking' as const, { kind: 'booking', facilityId: 'kominkan' }],
  ])("a notice's action opens %s; closing it comes back home", async (screen, action) => {
    const flow = await atHome();
    await flow.send({ type: 'OPEN', section: 'inbox' }, done('inbox', { outcome: 'action', action }));
    expect(flow.snapshot().matches({ loggedIn: { screen } })).toBe(true);
    if (screen === 'booking') expect(flow.fakes.inputsOf('booking')).toEqual([{ facilityId: 'kominkan' }]);
    await flow.send(done(screen, { outcome: 'closed' }));
    expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });

  test('an expired session in the inbox logs out and forgets the count', async () => {
    const flow = await atHome();
    await flow.send(done('countUnread', 2), { type: 'OPEN', section: 'inbox' });
    await flow.send(done('inbox', { outcome: 'sessionExpired', reason: 'loggedOutSessionExpired' }));
    expect(flow.snapshot().value).toBe('loggingOut');
    expect(flow.snapshot().context.unreadNotices).toBeUndefined();
    expect(flow.snapshot().context.logoutReason).toBe('loggedOutSessionExpired');
  });
});
