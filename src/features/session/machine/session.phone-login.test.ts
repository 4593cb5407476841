/**
 * Logging in by the phone on a box without a reader: offered on the no-reader screen, the same
 * session and home as a card login, a card that arrives meanwhile still logs in with the card, and
 * a session opened by the phone that the card's and the bridge's comings and goings do not end.
 */
import { CARD_ID, done, PHONE_SIGNED_IN, signedIn } from '../../../machines/testing/fixtures';
import { startFlow } from '../../../machines/testing/flow-run';
import { DEFAULT_SETTINGS } from '../../../app/settings/settings';
import { SCREEN } from '../../../app/screens/ids';
import { sessionView } from '../view/session-view';
import { sessionSpec } from './session.test-model';

const status = (presence: string, cardId?: string) => ({ type: 'CARD_STATUS', presence, cardId });

/** No reader on the box; the viewer chose 「スマートフォンでログイン」. */
async function loggingInByPhone() {
  const flow = await startFlow(sessionSpec);
  flow.fakes.sendFrom('watchBridge', status('noReader'));
  await flow.send({ type: 'PHONE_LOGIN' });
  return flow;
}

async function loggedInByPhone() {
  const flow = await loggingInByPhone();
  await flow.send(done('companion', { outcome: 'signedIn', signedIn: PHONE_SIGNED_IN }));
  return flow;
}

describe('logging in by the phone', () => {
  test('the no-reader screen starts the pairing flow for a login, and its session reaches home', async () => {
    const flow = await loggingInByPhone();
    expect(flow.snapshot().matches('phoneLogin')).toBe(true);
    expect(flow.fakes.inputsOf('companion')).toEqual([{ scope: 'login' }]);
    // Under the pairing flow's id: its screens (the code, the messages) send to 'companion'.
    expect(flow.snapshot().children.companion).toBeDefined();
    await flow.send(done('companion', { outcome: 'signedIn', signedIn: PHONE_SIGNED_IN }));
    expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
    expect(flow.snapshot().context.profile).toEqual(PHONE_SIGNED_IN.profile);
    expect(flow.snapshot().context.flowCardId).toBeUndefined();
    expect(sessionView(flow.snapshot(), DEFAULT_SETTINGS).main).toMatchObject({
      screen: SCREEN.home,
      props: { displayName: PHONE_SIGNED_IN.profile.displayName, byPhone: true },
    });
  });

  test('left after the phone opened the session (its profile did not come): logged out there, then the box as it is', async () => {
    const flow = await loggingInByPhone();
    await flow.send(done('companion', { outcome: 'abandoned' }));
    expect(flow.snapshot().matches({ phoneLogin: 'closing' })).toBe(true);
    expect(flow.fakes.isPending('logout')).toBe(true);
    expect(sessionView(flow.snapshot(), DEFAULT_SETTINGS).main.screen).toBe(SCREEN.status);
    await flow.send(done('logout', undefined));
    expect(flow.snapshot().value).toBe('noReader');
  });

  test('PHONE_LOGIN means nothing where a reader is (the insert-card screen)', async () => {
    const flow = await startFlow(sessionSpec);
    flow.fakes.sendFrom('watchBridge', status('absent'));
    await flow.send({ type: 'PHONE_LOGIN' });
    expect(flow.snapshot().value).toBe('waitingForCard');
  });

  test('leaving it shows the box as it is now: no reader again, or the insert-card screen', async () => {
    const flow = await loggingInByPhone();
    await flow.send(done('companion', { outcome: 'closed' }));
    expect(flow.snapshot().value).toBe('noReader');
    await flow.send({ type: 'PHONE_LOGIN' });
    // A reader plugged in meanwhile, no card yet: the phone login goes on.
    flow.fakes.sendFrom('watchBridge', status('absent'));
    expect(flow.snapshot().matches('phoneLogin')).toBe(true);
    await flow.send(done('companion', { outcome: 'closed' }));
    expect(flow.snapshot().value).toBe('waitingForCard');
  });

  test.each(['present', 'checking'])(
    'a card %s in a reader meanwhile: the card login takes over',
    async (presence) => {
      const flow = await loggingInByPhone();
      flow.fakes.sendFrom('watchBridge', status(presence, CARD_ID));
      expect(flow.snapshot().value).toEqual(
        presence === 'present' ? { authenticating: 'login' } : 'checkingCard',
      );
      expect(flow.snapshot().children.companion).toBeUndefined();
      if (presence === 'checking') flow.fakes.sendFrom('watchBridge', status('present', CARD_ID));
      await flow.send(done('login', { outcome: 'signedIn', signedIn: signedIn() }));
      expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
      expect(flow.snapshot().context.flowCardId).toBe(CARD_ID);
    },
  );

  test('the bridge going away during the phone login says so (the flow stops)', async () => {
    const flow = await loggingInByPhone();
    flow.fakes.sendFrom('watchBridge', { type: 'BRIDGE_DOWN' });
    expect(flow.snapshot().value).toBe('bridgeDown');
  });
});

describe('a session opened by the phone', () => {
  test('is not ended by a reader or a card coming and going, nor by the bridge', async () => {
    const flow = await loggedInByPhone();
    for (const event of [status('absent'), status('present', CARD_ID), status('noReader')]) {
      flow.fakes.sendFrom('watchBridge', event);
      expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
    }
    expect(flow.snapshot().context.presence).toBe('noReader');
    for (const type of ['BRIDGE_DOWN', 'BRIDGE_REFUSED', 'BRIDGE_UNSUPPORTED']) {
      flow.fakes.sendFrom('watchBridge', { type });
      expect(flow.snapshot().matches({ loggedIn: { screen: 'home' } })).toBe(true);
      expect(flow.snapshot().context.presence).toBe('unknown');
    }
  });

  test('logging out forgets the viewer, and OK offers the phone login again', async () => {
    const flow = await loggedInByPhone();
    await flow.send({ type: 'LOGOUT' }, done('logout', undefined));
    expect(flow.snapshot().value).toBe('loggedOut');
    expect(flow.snapshot().context.profile).toBeUndefined();
    await flow.send({ type: 'OK' });
    expect(flow.snapshot().value).toBe('noReader');
  });

  test('a card login still ends when its card is pulled or the bridge goes away', async () => {
    const flow = await startFlow(sessionSpec);
    flow.fakes.sendFrom('watchBridge', status('present', CARD_ID));
    await flow.send(done('login', { outcome: 'signedIn', signedIn: signedIn() }));
    flow.fakes.sendFrom('watchBridge', { type: 'BRIDGE_DOWN' });
    expect(flow.snapshot().value).toBe('loggingOut');
    expect(flow.snapshot().context.logoutReason).toBe('loggedOutBridgeDown');
  });
});
