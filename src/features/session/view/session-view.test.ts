/** The session's own states → screens (the flows' views have their own tests). */
import {
  CARD_ID,
  DISPLAY_NAME,
  OTHER_CARD_ID,
  platformErrors,
  signedIn,
  signedInWithSign,
} from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes, type PathRun } from '../../../machines/testing/model';
import { sessionSpec } from '../machine/session.test-model';
import { loggedIn, refreshFailsWith } from '../machine/test-support';
import type { sessionMachine } from '../machine/session.machine';
import { DEFAULT_SETTINGS } from '../../../app/settings/settings';
import { messageFor } from '../../../machines/messages';
import { allTranslations } from '../../../app/i18n/i18n';
import { sessionView } from './session-view';
import { SCREEN } from '../../../app/screens/ids';
import { okNotice } from '../../../app/testing/screen-harness-views';

type Run = PathRun<typeof sessionMachine>;
const settings = { ...DEFAULT_SETTINGS, services: ['health' as const] };
const view = (run: Run) => sessionView(run.actor.getSnapshot(), settings);
const card = (run: Run, presence: 'present' | 'absent' | 'noReader' | 'unreadable' | 'unsupported') =>
  run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence });

describe('session view', () => {
  test('connecting, then the card reader states, each with a screen', async () => {
    const run = startWithFakes(sessionSpec) as Run;
    expect(view(run).main).toMatchObject({
      screen: SCREEN.status,
      props: { body: { key: 'connectingBridge' } },
    });
    card(run, 'absent');
    expect(view(run).main).toEqual({ screen: SCREEN.insertCard, target: 'session', props: {} });
    card(run, 'noReader');
    expect(view(run).main).toMatchObject({
      screen: SCREEN.message,
      props: {
        tone: 'error',
        body: { key: 'noReaderOrPhone' },
        actions: [{ labelKey: 'shell.phoneLogin', event: { type: 'PHONE_LOGIN' } }],
        contact: true,
      },
    });
    card(run, 'unreadable');
    expect(view(run).main.props).toMatchObject({ body: { key: 'cardUnreadable' } });
    card(run, 'unsupported');
    expect(view(run).main.props).toMatchObject({ body: { key: 'notMyNumberCard' } });
    run.fakes.sendFrom('watchBridge', { type: 'BRIDGE_DOWN' });
    expect(view(run).main.props).toMatchObject({ body: { key: 'bridgeDown' }, contact: true });
  });

  test.each([
    // Refused (a missing or wrong token): reopening the app is the way forward.
    ['BRIDGE_REFUSED', 'error', 'bridgeRefused', ['開き直して', '電源を入れ直して'], 'open it again'],
    // Serves no protocol this app speaks: nothing is wrong with card or remote; the box's update helps.
    ['BRIDGE_UNSUPPORTED', 'notice', 'bridgeUnsupported', ['更新されると'], 'once the box'],
  ] as const)(
    'a bridge that answers %s: its message with the way forward, again on each retry, until a connection opens',
    async (type, tone, key, ja, en) => {
      const run = startWithFakes(sessionSpec) as Run;
      run.fakes.sendFrom('watchBridge', { type });
      const titleKey = `shell.${key}Title`;
      expect(view(run).main).toEqual({
        screen: SCREEN.message,
        target: 'session',
        props: { tone, titleKey, body: { key }, actions: [], contact: true },
      });
      const message = messageFor(key);
      for (const words of ja) expect(message.ja).toContain(words);
      expect(message.en).toContain(en);
      const title = allTranslations();
      expect(title.ja[titleKey]).toBeTruthy();
      expect(title.en[titleKey]).toBeTruthy();
      // Retries go on quietly: the same message, no spinner in between; a connection ends it.
      run.fakes.sendFrom('watchBridge', { type });
      expect(view(run).main.props).toMatchObject({ body: { key } });
      card(run, 'absent');
      expect(view(run).main.screen).toBe(SCREEN.insertCard);
    },
  );

  test('a card pulled during login brings the insert-card screen back, saying so', async () => {
    const run = startWithFakes(sessionSpec) as Run;
    card(run, 'present');
    expect(run.actor.getSnapshot().value).toEqual({ authenticating: 'login' });
    card(run, 'absent');
    expect(view(run).main).toEqual({
      screen: SCREEN.insertCard,
      target: 'session',
      props: { notice: { key: 'cardRemoved' } },
    });
    card(run, 'present');
    card(run, 'absent');
    card(run, 'noReader');
    card(run, 'absent');
    expect(view(run).main.props).toEqual({ notice: { key: 'cardRemoved' } });
  });

  test('a card being classified, and the reader service away, each with its screen', () => {
    const run = startWithFakes(sessionSpec) as Run;
    run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'checking' });
    expect(view(run).main).toMatchObject({
      screen: SCREEN.status,
      props: { titleKey: 'common.title.checking' },
    });
    run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'serviceUnavailable' });
    expect(view(run).main).toMatchObject({
      screen: SCREEN.message,
      props: { tone: 'error', body: { key: 'readerServiceUnavailable' }, actions: [], contact: false },
    });
  });

  test('another card during login: the reason, and OK to log in with the new card', () => {
    const run = startWithFakes(sessionSpec) as Run;
    run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present', cardId: CARD_ID });
    run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present', cardId: OTHER_CARD_ID });
    expect(view(run).main).toMatchObject({
      screen: SCREEN.message,
      props: { body: { key: 'cardChanged' }, actions: [{ labelKey: 'shell.logIn', event: { type: 'OK' } }] },
    });
    // Left by the viewer's own choice, the same screen asks to press OK, with no reason.
    run.actor.send({ type: 'OK' });
    expect(run.actor.getSnapshot().context.logoutReason).toBeUndefined();
  });

  test("home shows the viewer's name and only the operator's services", async () => {
    const run = await loggedIn();
    expect(view(run).main).toEqual({
      screen: SCREEN.home,
      target: 'session',
      props: { displayName: DISPLAY_NAME, services: ['health'] },
    });
    expect(view(run).idleWarning).toBeUndefined();
  });

  test('the renewal notice comes first when the certificate runs out soon', async () => {
    const run = await loggedIn({
      outcome: 'signedIn',
      signedIn: signedIn({ daysRemaining: 45, renewalWarning: true }),
    });
    expect(view(run).main).toEqual({
      screen: SCREEN.certificateNotice,
      target: 'session',
      props: { days: 45 },
    });
  });

  test('変更確認: a signature certificate revoked after a move asks once, with the address change or OK', async () => {
    const run = await loggedIn({
      outcome: 'signedIn',
      signedIn: signedInWithSign('holderInformationChanged'),
    });
    expect(view(run).main).toMatchObject({
      screen: SCREEN.message,
      target: 'session',
      props: {
        ...okNotice('shell.signCertificateTitle', 'signCertificateChanged'),
        actions: [
          { labelKey: 'shell.startMoving', event: { type: 'OPEN', section: 'moving' } },
          { labelKey: 'common.ok', event: { type: 'OK' } },
        ],
      },
    });
    for (const language of ['ja', 'en'] as const) {
      expect(allTranslations()[language]['shell.signCertificateTitle']).toBeTruthy();
      expect(allTranslations()[language]['shell.startMoving']).toBeTruthy();
    }
    run.actor.send({ type: 'OK' });
    expect(view(run).main.screen).toBe(SCREEN.home);
  });

  test('a flow whose chunk is not in yet shows the checking status naming it, so the shell waits for that family', async () => {
    const run = await loggedIn();
    run.actor.send({ type: 'OPEN', section: 'booking' });
    const checking = {
      screen: SCREEN.status,
      target: 'booking',
      props: { titleKey: 'common.title.checking' },
    };
    expect(view(run).main).toMatchObject(checking);
    // The view is in but the flow started before it (it waits without a state): still checking.
    const bookingView = jest.fn();
    expect(sessionView(run.actor.getSnapshot(), settings, () => bookingView).main).toMatchObject(checking);
    expect(bookingView).not.toHaveBeenCalled();
  });

  test('変更確認: the address change starts from the notice, with the login card, and ends at home', async () => {
    const run = await loggedIn({
      outcome: 'signedIn',
      signedIn: signedInWithSign('holderInformationChanged'),
    });
    run.actor.send({ type: 'OPEN', section: 'moving' });
    expect(run.actor.getSnapshot().matches({ loggedIn: { screen: 'moving' } })).toBe(true);
    expect(run.fakes.inputsOf('moving')).toEqual([{ cardId: run.actor.getSnapshot().context.flowCardId }]);
    await dispatch(run as never, { type: 'xstate.done.actor.moving', output: { outcome: 'closed' } });
    expect(view(run).main.screen).toBe(SCREEN.home);
  });

  test('an expired signature certificate is told with OK alone', async () => {
    const run = await loggedIn({ outcome: 'signedIn', signedIn: signedInWithSign('expired') });
    expect(view(run).main.props).toEqual(okNotice('shell.signCertificateTitle', 'signCertificateExpired'));
  });

  test('signed out by the platform: why, and the way back in', async () => {
    const run = await loggedIn();
    await refreshFailsWith(run, platformErrors.sessionCertificateRevoked());
    await dispatch(run as never, { type: 'xstate.done.actor.logout', output: undefined });
    expect(view(run).main).toMatchObject({
      screen: SCREEN.message,
      props: {
        titleKey: 'shell.loggedOutTitle',
        body: { key: 'loggedOutCertificateRevoked' },
        actions: [{ labelKey: 'shell.logInAgain', event: { type: 'OK' } }],
      },
    });
    card(run, 'absent');
    expect(view(run).main).toMatchObject({
      screen: SCREEN.insertCard,
      props: { notice: { key: 'loggedOutCertificateRevoked' } },
    });
  });

  test('the idle warning shows over the screen with the seconds left', async () => {
    const run = await loggedIn();
    run.clock.increment(300_000 - 30_000);
    expect(view(run)).toMatchObject({ main: { screen: SCREEN.home }, idleWarning: { seconds: 30 } });
  });

  test('a login the viewer left waits for OK; logging out says why', async () => {
    const run = await loggedIn({ outcome: 'cancelled' } as never);
    expect(view(run).main).toMatchObject({
      screen: SCREEN.message,
      props: { body: { key: 'pressOkToLogIn' }, actions: [{ event: { type: 'OK' } }] },
    });
    const again = await loggedIn();
    again.actor.send({ type: 'LOGOUT' });
    expect(view(again).main.screen).toBe(SCREEN.status);
    await dispatch(again as never, { type: 'xstate.error.actor.logout', error: platformErrors.network() });
    expect(view(again).main).toMatchObject({
      screen: SCREEN.message,
      target: 'session',
      props: { tone: 'notice', body: { key: 'loggedOutByViewer' }, actions: [{ event: { type: 'OK' } }] },
    });
  });
});
