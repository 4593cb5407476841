/**
 * The pairing flow with scope `login` (the viewer logs in by the phone, no reader on the box): every
 * branch of its own, with fake actors and Jest's clock.
 */
import { platformErrors, signedIn } from '../../../machines/testing/fixtures';
import { CODES, NEW_CODES } from '../testing/pairing-data';
import { startPairing } from './test-support';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const login = (options: Omit<Parameters<typeof startPairing>[0] & object, 'scope'> = {}) =>
  startPairing({ ...options, scope: 'login' });

describe('phone login: the session opened by the card read on the phone', () => {
  test('asks for login codes, and a poll that finds the session open fetches who logged in', async () => {
    const viewer = signedIn();
    const flow = login({
      answers: [{ status: 'pending', intervalSeconds: 5 }, { status: 'loggedIn' }],
      signIns: [viewer],
    });
    await flow.wait(0);
    expect(flow.scopes).toEqual(['login']);
    expect(flow.state().context.codes).toEqual(CODES);
    await flow.wait(10_000);
    expect(flow.state().status).toBe('done');
    expect(flow.state().output).toEqual({ outcome: 'signedIn', signedIn: viewer });
    expect(flow.state().context.codes).toBeUndefined();
    expect(flow.polls).toHaveLength(2);
  });

  test('the profile does not come: said, and RETRY asks for it again with no new code', async () => {
    const viewer = signedIn();
    const flow = login({ answers: [{ status: 'loggedIn' }], signIns: [platformErrors.network(), viewer] });
    await flow.wait(5000);
    expect(flow.state().value).toBe('signInFailed');
    expect(flow.state().context.error?.kind).toBe('platformDown');
    // Nothing polls or counts down: the session is open, only its profile is missing.
    await flow.wait(60_000);
    expect(flow.polls).toHaveLength(1);
    await flow.send({ type: 'RETRY' });
    expect(flow.starts()).toBe(1);
    expect(flow.state().output).toEqual({ outcome: 'signedIn', signedIn: viewer });
  });

  test('BACK after the profile failed, or while it loads, leaves a session to be ended', async () => {
    const failed = login({ answers: [{ status: 'loggedIn' }], signIns: [platformErrors.network()] });
    await failed.wait(5000);
    await failed.send({ type: 'BACK' });
    expect(failed.state().output).toEqual({ outcome: 'abandoned' });
    const loading = login({ answers: [{ status: 'loggedIn' }], signIns: [new Promise(() => undefined)] });
    await loading.wait(5000);
    expect(loading.state().value).toBe('signingIn');
    await loading.send({ type: 'BACK' });
    expect(loading.state().output).toEqual({ outcome: 'abandoned' });
  });

  test('BACK before the phone logged in leaves with no session to end', async () => {
    const flow = login({ answers: [{ status: 'pending', intervalSeconds: 5 }] });
    await flow.wait(5000);
    await flow.send({ type: 'BACK' });
    expect(flow.state().output).toEqual({ outcome: 'closed' });
  });
});

describe('phone login: the ways it does not log in', () => {
  test('the platform refused the card read on the phone: its reason is kept, RETRY a new code', async () => {
    const flow = login({ answers: [{ status: 'denied', reason: 'REGISTRATION_REQUIRED' }] });
    await flow.wait(5000);
    expect(flow.state().value).toBe('denied');
    expect(flow.state().context.refusal).toBe('REGISTRATION_REQUIRED');
    await flow.send({ type: 'RETRY' });
    expect(flow.scopes).toEqual(['login', 'login']);
    expect(flow.state().context.codes).toEqual(NEW_CODES);
    expect(flow.state().context.refusal).toBeUndefined();
  });

  test('declined on the phone: no reason, as for pairing', async () => {
    const flow = login({ answers: [{ status: 'denied' }] });
    await flow.wait(5000);
    expect(flow.state().value).toBe('denied');
    expect(flow.state().context.refusal).toBeUndefined();
  });

  test('the code runs out, or the platform goes away: said, with a new code on RETRY', async () => {
    const expired = login({ starts: [{ ...CODES, expiresInSeconds: 2, intervalSeconds: 60 }] });
    await expired.wait(2000);
    expect(expired.state().value).toBe('expired');
    const network = platformErrors.network();
    const down = login({ answers: [network, network, network] });
    await down.wait(15_000);
    expect(down.state().value).toBe('error');
    await down.send({ type: 'RETRY' });
    expect(down.scopes).toEqual(['login', 'login']);
    expect(down.state().matches('showing')).toBe(true);
  });
});
