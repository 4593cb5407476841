/** Session rules with the clock: idle warning and timeout, token refresh, logout and forgetting. */
import { createActor, SimulatedClock } from 'xstate';
import { loginMachine } from '../../login/machine/login.machine';
import { formatMessage, messageFor } from '../../../machines/messages';
import { FakeActors, settle } from '../../../machines/testing/fake-actors';
import {
  CUSTOMER_NUMBER,
  DISPLAY_NAME,
  done,
  fail,
  pinStatus,
  platformErrors,
  profile,
  signedIn,
} from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes, type PathRun } from '../../../machines/testing/model';
import { certificateNotice } from './certificate-expiry';
import { MIN_WARNING_LEAD_MS, sessionMachine, type SessionEmitted } from './session.machine';
import { IDLE_MS, sessionSpec, WARNING_MS } from './session.test-model';
import { loggedIn, refreshFailsWith } from './test-support';

type Run = PathRun<typeof sessionMachine>;

const state = (run: Run) => run.actor.getSnapshot();
const personalIn = (run: Run) => {
  const persisted = JSON.stringify(run.actor.getPersistedSnapshot());
  return persisted.includes(DISPLAY_NAME) || persisted.includes(CUSTOMER_NUMBER);
};

describe('bridge and card', () => {
  test('waits for the bridge, then for a card; a card starts the login', async () => {
    const run = startWithFakes(sessionSpec);
    expect(state(run).value).toBe('connecting');
    run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'absent' });
    expect(state(run).value).toBe('waitingForCard');
    run.fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present' });
    expect(state(run).value).toEqual({ authenticating: 'login' });
    run.fakes.sendFrom('watchBridge', { type: 'BRIDGE_DOWN' });
    expect(state(run).value).toBe('bridgeDown');
    expect(messageFor('bridgeDown').ja).toContain('カード読み取り機');
  });

  test('REGISTRATION_REQUIRED from login leads to registration, then logged in', async () => {
    const run = await loggedIn({ outcome: 'registrationRequired' } as never);
    expect(state(run).value).toEqual({ authenticating: 'registration' });
    await dispatch(run as never, done('registration', { outcome: 'signedIn', signedIn: signedIn() }));
    expect(state(run).matches('loggedIn')).toBe(true);
  });
});

describe('idle timeout (WCAG 2.2.1)', () => {
  test('warns by voice 30 s before, then logs out at 5 min', async () => {
    const run = await loggedIn();
    const announced: SessionEmitted[] = [];
    run.actor.on('announce', (event) => announced.push(event));
    run.clock.increment(IDLE_MS - WARNING_MS - 1);
    expect(state(run).matches({ loggedIn: { idle: 'active' } })).toBe(true);
    run.clock.increment(1);
    expect(state(run).matches({ loggedIn: { idle: 'warning' } })).toBe(true);
    expect(announced).toEqual([{ type: 'announce', messageKey: 'idleWarning', params: { seconds: 30 } }]);
    expect(formatMessage('idleWarning', 'ja', announced[0]!.params)).toContain('30秒後');
    run.clock.increment(WARNING_MS);
    await settle();
    expect(state(run).value).toBe('loggingOut');
    await dispatch(run as never, done('logout', undefined));
    expect(state(run).value).toBe('loggedOut');
    expect(state(run).context.logoutReason).toBe('loggedOutIdle');
    expect(personalIn(run)).toBe(false);
  });

  test('one key in the warning extends; any key before restarts the count', async () => {
    const run = await loggedIn();
    run.clock.increment(IDLE_MS - WARNING_MS - 10_000);
    run.actor.send({ type: 'ACTIVITY' });
    run.clock.increment(IDLE_MS - WARNING_MS - 1);
    expect(state(run).matches({ loggedIn: { idle: 'active' } })).toBe(true);
    run.clock.increment(1);
    run.actor.send({ type: 'EXTEND' });
    run.clock.increment(WARNING_MS);
    expect(state(run).matches({ loggedIn: { idle: 'active' } })).toBe(true);
  });

  test('the warning lead is never under 20 s, whatever the configuration', () => {
    const actor = createActor(sessionMachine, { input: { idleTimeoutMs: 10_000, warningLeadMs: 5_000 } });
    expect(actor.getSnapshot().context.warningLeadMs).toBe(MIN_WARNING_LEAD_MS);
    expect(actor.getSnapshot().context.idleTimeoutMs).toBeGreaterThan(MIN_WARNING_LEAD_MS);
  });
});

describe('tokens', () => {
  test('refreshes when the login said, and again when the refresh says', async () => {
    const run = await loggedIn();
    run.clock.increment(240_000);
    await settle();
    expect(state(run).matches({ loggedIn: { tokens: 'refreshing' } })).toBe(true);
    await dispatch(run as never, done('refreshTokens', { refreshAfterMs: 100_000 }));
    run.clock.increment(100_000);
    expect(run.fakes.inputsOf('refreshTokens')).toHaveLength(2);
  });

  test('a network failure retries later; a refused refresh logs out', async () => {
    const run = await loggedIn();
    await refreshFailsWith(run, platformErrors.network());
    expect(state(run).matches({ loggedIn: { tokens: 'fresh' } })).toBe(true);
    run.clock.increment(30_000);
    await dispatch(run as never, fail('refreshTokens', platformErrors.sessionExpired()));
    expect(state(run).value).toBe('loggingOut');
    expect(state(run).context.logoutReason).toBe('loggedOutSessionExpired');
  });
});

describe('logout forgets the viewer', () => {
  test.each([
    ['card removed', { type: 'CARD_STATUS', presence: 'absent' }, 'loggedOutCardRemoved'],
    ['bridge gone', { type: 'BRIDGE_DOWN' }, 'loggedOutBridgeDown'],
    ['bridge no longer served', { type: 'BRIDGE_UNSUPPORTED' }, 'loggedOutBridgeDown'],
    ['viewer', { type: 'LOGOUT' }, 'loggedOutByViewer'],
  ] as const)('%s: logout on the platform, no profile left', async (_, event, reason) => {
    const run = await loggedIn();
    expect(personalIn(run)).toBe(true);
    run.actor.send(event);
    expect(state(run).value).toBe('loggingOut');
    expect(run.fakes.inputsOf('logout')).toHaveLength(1);
    expect(personalIn(run)).toBe(false);
    await dispatch(run as never, { type: 'xstate.error.actor.logout', error: platformErrors.network() });
    expect(state(run).value).toBe('loggedOut');
    expect(state(run).context.logoutReason).toBe(reason);
    expect(messageFor(reason).en.length).toBeGreaterThan(5);
    expect(personalIn(run)).toBe(false);
  });

  test("the home menu's my bookings opens the booking flow at the viewer's bookings", async () => {
    const run = await loggedIn();
    run.actor.send({ type: 'OPEN', section: 'myBookings' });
    expect(state(run).matches({ loggedIn: { screen: 'myBookings' } })).toBe(true);
    expect(run.fakes.inputsOf('booking')).toEqual([{ start: 'myBookings' }]);
    await dispatch(run as never, done('booking', { outcome: 'closed' }));
    expect(state(run).matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });

  test('a feature flow that meets an expired session logs out', async () => {
    const run = await loggedIn();
    run.actor.send({ type: 'OPEN', section: 'booking' });
    await dispatch(run as never, done('booking', { outcome: 'sessionExpired' }));
    expect(state(run).value).toBe('loggingOut');
  });
});

describe('certificate expiry notice', () => {
  test('within 90 days: notice after login, OK goes home', async () => {
    const run = await loggedIn({
      outcome: 'signedIn',
      signedIn: signedIn({ daysRemaining: 45, renewalWarning: true }),
    });
    expect(state(run).matches({ loggedIn: { screen: 'certificateNotice' } })).toBe(true);
    const notice = certificateNotice(state(run).context.profile)!;
    expect(formatMessage(notice.messageKey, 'ja', notice.params)).toContain('あと45日');
    expect(formatMessage(notice.messageKey, 'en', notice.params)).toContain('45 days');
    run.actor.send({ type: 'OK' });
    expect(state(run).matches({ loggedIn: { screen: 'home' } })).toBe(true);
  });

  test('the day count alone is enough; far from expiry there is no notice', () => {
    expect(certificateNotice(profile({ daysRemaining: 90, renewalWarning: false }))?.params).toEqual({
      days: 90,
    });
    expect(certificateNotice(profile({ daysRemaining: 91, renewalWarning: false }))).toBeUndefined();
    expect(certificateNotice(undefined)).toBeUndefined();
  });
});

/** The session with the real login machine inside: the card's actors and the session's own faked. */
function sessionWithRealLogin(options: { clock?: SimulatedClock } = {}) {
  const card = new FakeActors([
    'readAuthCertificate',
    'readPinStatus',
    'requestChallenge',
    'signChallenge',
    'loginWithSignature',
  ]);
  const session = new FakeActors(
    ['registration', 'health', 'booking', 'refreshTokens', 'logout'],
    ['watchBridge'],
  );
  const login = loginMachine.provide({ actors: card.logic as never });
  const actor = createActor(sessionMachine.provide({ actors: { ...session.logic, login } as never }), {
    input: {},
    ...options,
  });
  actor.start();
  return { card, session, actor };
}

describe('with the real login machine inside', () => {
  test('neither the PIN nor the profile outlives the card', async () => {
    const { card, session, actor } = sessionWithRealLogin({ clock: new SimulatedClock() });
    session.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present' });
    await settle();
    card.resolve('readAuthCertificate', 'Q0VSVA==');
    card.resolve('readPinStatus', pinStatus(3));
    await settle();
    const loginRef = actor.getSnapshot().children.login!;
    for (const digit of '9753') loginRef.send({ type: 'DIGIT', digit });
    loginRef.send({ type: 'OK' });
    card.resolve('requestChallenge', 'Q0g=');
    await settle();
    expect(JSON.stringify(actor.getPersistedSnapshot())).not.toContain('9753');
    card.resolve('signChallenge', 'U0lH');
    await settle();
    card.resolve('loginWithSignature', signedIn());
    await settle();
    expect(actor.getSnapshot().matches('loggedIn')).toBe(true);
    session.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'absent' });
    session.resolve('logout', undefined);
    await settle();
    const after = JSON.stringify(actor.getPersistedSnapshot());
    expect(actor.getSnapshot().value).toBe('loggedOut');
    for (const secret of ['9753', DISPLAY_NAME, CUSTOMER_NUMBER, 'U0lH']) expect(after).not.toContain(secret);
  });

  test('pulling the card while typing drops the login and its digits', async () => {
    const { session, actor } = sessionWithRealLogin();
    session.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present' });
    for (const digit of '975') actor.getSnapshot().children.login!.send({ type: 'DIGIT', digit });
    expect(JSON.stringify(actor.getPersistedSnapshot())).toContain('975');
    session.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'absent' });
    expect(actor.getSnapshot().value).toBe('waitingForCard');
    expect(actor.getSnapshot().children.login).toBeUndefined();
    expect(JSON.stringify(actor.getPersistedSnapshot())).not.toContain('975');
    actor.stop();
  });
});
