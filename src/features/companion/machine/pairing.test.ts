/** The pairing flow, every branch, with fake actors and Jest's clock (the polls' waits, the countdown). */
import { createActor, fromPromise } from 'xstate';
import { platformErrors } from '../../../machines/testing/fixtures';
import type { PairingAnswer, PairingPollInput, PairingStart } from '../../../machines/ports';
import { PairingError } from '../../../platform/errors';
import { CODES, NEW_CODES, PAIRING } from '../testing/pairing-data';
import { pairingMachine, POLL_FAILURES_SAID } from './pairing.machine';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

type Answer = PairingAnswer | Error;

/** The flow with its start answering `starts` in turn and each poll the next of `answers`. */
function startPairing(options: { starts?: Array<PairingStart | Error>; answers?: Answer[] } = {}) {
  const starts = [...(options.starts ?? [CODES, NEW_CODES])];
  const answers = [...(options.answers ?? [])];
  const polls: PairingPollInput[] = [];
  let startCalls = 0;
  const machine = pairingMachine.provide({
    actors: {
      startPairing: fromPromise(async () => {
        startCalls += 1;
        const next = starts.shift() ?? CODES;
        if (next instanceof Error) throw next;
        return next;
      }),
      pollPairing: fromPromise<PairingAnswer, PairingPollInput>(async ({ input }) => {
        polls.push(input);
        const next = answers.shift() ?? { status: 'pending', intervalSeconds: input.intervalSeconds };
        if (next instanceof Error) throw next;
        return next;
      }),
    },
  });
  const actor = createActor(machine, { input: {} }).start();
  return {
    actor,
    polls,
    starts: () => startCalls,
    state: () => actor.getSnapshot(),
    /** Lets `ms` pass on the clock, with the promises settling in between. */
    async wait(ms: number) {
      await jest.advanceTimersByTimeAsync(ms);
    },
    async send(...events: Parameters<typeof actor.send>[0][]) {
      for (const event of events) {
        actor.send(event);
        await jest.advanceTimersByTimeAsync(0);
      }
    },
  };
}

const pending = (intervalSeconds: number): PairingAnswer => ({ status: 'pending', intervalSeconds });

describe('pairing: the codes and the polls', () => {
  test('shows the codes, then polls only after the interval, with the device code and the client', async () => {
    const flow = startPairing();
    await flow.wait(0);
    expect(flow.state().matches('showing')).toBe(true);
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
