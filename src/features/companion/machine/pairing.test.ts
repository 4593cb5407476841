/** The pairing flow, every branch, with fake actors and Jest's clock (the polls' waits, the countdown). */
import { platformErrors } from '../../../machines/testing/fixtures';
import type { PairingAnswer } from '../../../machines/ports';
import { PairingError } from '../../../platform/errors';
import { CODES, NEW_CODES, PAIRING } from '../testing/pairing-data';
import { POLL_FAILURES_SAID } from './pairing.machine';
import { startPairing, type Answer } from './test-support';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const pending = (intervalSeconds: number): PairingAnswer => ({ status: 'pending', intervalSeconds });

describe('pairing: the codes and the polls', () => {
  test('shows the codes, then polls only after the interval, with the device code and the client', async () => {
    const flow = startPairing();
    await flow.wait(0);
    expect(flow.state().matches('showing')).toBe(true);
    expect(flow.scopes).toEqual(['pairing']);
    expect(flow.state().context.codes).toEqual(CODES);
    expect(flow.state().context.secondsLeft).toBe(600);
    await flow.wait(4999);
    expect(flow.polls).toHaveLength(0);
    await flow.wait(1);
    expect(flow.polls).toEqual([
      { clientId: CODES.clientId, deviceCode: CODES.deviceCode, intervalSeconds: 5 },
    ]);
    await flow.wait(5000);
    expect(flow.polls).toHaveLength(2);
  });

  test('slow_down makes every later wait longer (5 s more)', async () => {
    const flow = startPairing({ answers: [pending(10)] });
    await flow.wait(5000);
    expect(flow.polls).toHaveLength(1);
    expect(flow.state().context.intervalSeconds).toBe(10);
    await flow.wait(9999);
    expect(flow.polls).toHaveLength(1);
    await flow.wait(1);
    expect(flow.polls).toHaveLength(2);
    expect(flow.polls[1]!.intervalSeconds).toBe(10);
  });

  test('the time left counts down each second while the code is shown', async () => {
    const flow = startPairing();
    await flow.wait(0);
    await flow.wait(61_000);
    expect(flow.state().context.secondsLeft).toBe(539);
  });

  test('approved on the phone: the success screen, then the pairing is the output', async () => {
    const flow = startPairing({ answers: [pending(5), { status: 'paired', pairing: PAIRING }] });
    await flow.wait(10_000);
    expect(flow.state().value).toBe('paired');
    expect(flow.state().context.pairing).toEqual(PAIRING);
    expect(flow.state().context.codes).toBeUndefined();
    // Nothing polls or counts any more.
    await flow.wait(60_000);
    expect(flow.polls).toHaveLength(2);
    await flow.send({ type: 'OK' });
    expect(flow.state().status).toBe('done');
    expect(flow.state().output).toEqual({ outcome: 'paired', pairing: PAIRING });
  });

  test('BACK on the success screen also keeps the pairing', async () => {
    const flow = startPairing({ answers: [{ status: 'paired', pairing: PAIRING }] });
    await flow.wait(5000);
    await flow.send({ type: 'BACK' });
    expect(flow.state().output).toEqual({ outcome: 'paired', pairing: PAIRING });
  });
});

describe('pairing: the ways it does not pair', () => {
  test('declined on the phone: said, and RETRY shows a new code', async () => {
    const flow = startPairing({ answers: [{ status: 'denied' }] });
    await flow.wait(5000);
    expect(flow.state().value).toBe('denied');
    expect(flow.state().context.codes).toBeUndefined();
    await flow.send({ type: 'RETRY' });
    expect(flow.starts()).toBe(2);
    expect(flow.state().context.codes).toEqual(NEW_CODES);
  });

  test('the platform says the code expired: a new code is offered', async () => {
    const flow = startPairing({ answers: [{ status: 'expired' }] });
    await flow.wait(5000);
    expect(flow.state().value).toBe('expired');
    await flow.send({ type: 'RETRY' });
    expect(flow.state().matches('showing')).toBe(true);
    expect(flow.state().context.codes?.userCode).toBe(NEW_CODES.userCode);
  });

  test('the time runs out on the TV even when no poll says so', async () => {
    const flow = startPairing({ starts: [{ ...CODES, expiresInSeconds: 3, intervalSeconds: 60 }] });
    await flow.wait(2000);
    expect(flow.state().matches('showing')).toBe(true);
    await flow.wait(1000);
    expect(flow.state().value).toBe('expired');
    expect(flow.polls).toHaveLength(0);
  });

  test('the platform cannot be reached for the codes: said, RETRY asks again, BACK leaves', async () => {
    const flow = startPairing({ starts: [platformErrors.network(), CODES] });
    await flow.wait(0);
    expect(flow.state().value).toBe('error');
    expect(flow.state().context.error).toEqual({ kind: 'platformDown', messageKey: 'NETWORK_ERROR' });
    await flow.send({ type: 'RETRY' });
    expect(flow.state().matches('showing')).toBe(true);
    expect(flow.state().context.error).toBeUndefined();
    await flow.send({ type: 'BACK' });
    expect(flow.state().output).toEqual({ outcome: 'closed' });
  });

  test('a box its operator did not set up for pairing is told to call the operator', async () => {
    const flow = startPairing({ starts: [new PairingError('INVALID_CLIENT', { status: 401 })] });
    await flow.wait(0);
    expect(flow.state().context.error).toEqual({ kind: 'pairingRefused', messageKey: 'INVALID_CLIENT' });
  });

  test(`a lost poll keeps the code shown; ${POLL_FAILURES_SAID} in a row are said, with RETRY`, async () => {
    const network = platformErrors.network();
    const flow = startPairing({ answers: [network, network, pending(5), network, network, network] });
    await flow.wait(10_000);
    expect(flow.state().context.pollFailures).toBe(2);
    expect(flow.state().matches('showing')).toBe(true);
    await flow.wait(5000);
    // An answer in between starts the count again.
    expect(flow.state().context.pollFailures).toBe(0);
    await flow.wait(15_000);
    expect(flow.state().value).toBe('error');
    expect(flow.state().context.error?.kind).toBe('platformDown');
    await flow.send({ type: 'RETRY' });
    expect(flow.state().context.codes).toEqual(NEW_CODES);
    expect(flow.state().context.pollFailures).toBe(0);
  });

  test('any other poll failure is said at once', async () => {
    const flow = startPairing({ answers: [new PairingError('UNEXPECTED_RESPONSE')] });
    await flow.wait(5000);
    expect(flow.state().value).toBe('error');
  });

  test('BACK leaves while the code is shown, and nothing polls after', async () => {
    const flow = startPairing();
    await flow.wait(0);
    await flow.send({ type: 'BACK' });
    expect(flow.state().output).toEqual({ outcome: 'closed' });
    await flow.wait(60_000);
    expect(flow.polls).toHaveLength(0);
  });

  test('BACK leaves while asking for codes, after a denial and after expiry', async () => {
    for (const answers of [[{ status: 'denied' }], [{ status: 'expired' }]] as Answer[][]) {
      const flow = startPairing({ answers });
      await flow.wait(5000);
      await flow.send({ type: 'BACK' });
      expect(flow.state().output).toEqual({ outcome: 'closed' });
    }
    const asking = startPairing();
    asking.actor.send({ type: 'BACK' });
    expect(asking.state().output).toEqual({ outcome: 'closed' });
  });
});

describe('pairing: a phone paired already', () => {
  const now = PAIRING.expiresAt - 60_000;

  test('opens at it; つながりを解除 unpairs that pairing, said until OK, then the session forgets it', async () => {
    const flow = startPairing({ input: { scope: 'pairing', pairing: PAIRING, now } });
    await flow.wait(0);
    expect(flow.state().value).toBe('connected');
    expect(flow.starts()).toBe(0);
    await flow.send({ type: 'UNPAIR' });
    expect(flow.unpaired).toEqual([PAIRING]);
    expect(flow.state().value).toBe('unpaired');
    await flow.send({ type: 'OK' });
    expect(flow.state().output).toEqual({ outcome: 'unpaired' });
  });

  test('an unpairing the platform did not take is said, and RETRY tries again', async () => {
    const flow = startPairing({
      input: { scope: 'pairing', pairing: PAIRING, now },
      unpairs: [platformErrors.network()],
    });
    await flow.send({ type: 'UNPAIR' });
    expect(flow.state().value).toBe('unpairFailed');
    expect(flow.state().context.error?.kind).toBe('platformDown');
    await flow.send({ type: 'RETRY' });
    expect(flow.unpaired).toHaveLength(2);
    expect(flow.state().value).toBe('unpaired');
  });

  test.each([
    ['ran out before now', PAIRING.expiresAt + 1],
    ['runs out this very moment', PAIRING.expiresAt],
  ])('a pairing that %s (by the box’s clock) is as none: a new code is shown', async (_, clock) => {
    const flow = startPairing({ input: { scope: 'pairing', pairing: PAIRING, now: clock } });
    await flow.wait(0);
    expect(flow.state().matches('showing')).toBe(true);
    expect(flow.state().context.pairing).toBeUndefined();
  });

  test('the phone login shows its own code even with a phone paired', async () => {
    const flow = startPairing({ input: { scope: 'login', pairing: PAIRING, now } });
    await flow.wait(0);
    expect(flow.state().matches('showing')).toBe(true);
    expect(flow.scopes).toEqual(['login']);
  });

  test('opened with nothing said, it pairs (no pairing known)', async () => {
    const flow = startPairing({ input: undefined });
    await flow.wait(0);
    expect(flow.scopes).toEqual(['pairing']);
    expect(flow.state().matches('showing')).toBe(true);
  });
});
