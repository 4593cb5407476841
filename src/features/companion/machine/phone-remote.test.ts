/** The phone's touch remote on the TV, without a screen: polls, hands each answer on, backs off, stops. */
import { createActor, fromPromise } from 'xstate';
import { platformErrors } from '../../../machines/testing/fixtures';
import type { RemoteInput } from '../../../machines/ports';
import { phoneRemoteMachine, REMOTE_BACKOFF_MAX_MS, REMOTE_POLL_MS } from './phone-remote.machine';

type Answer = RemoteInput[] | Error;

/** The machine with its polls answering `answers` in turn (then nothing), and what it delivered. */
function start(answers: Answer[]) {
  const queue = [...answers];
  let polls = 0;
  const delivered: RemoteInput[][] = [];
  const actor = createActor(
    phoneRemoteMachine.provide({
      actors: {
        takeRemoteInputs: fromPromise<RemoteInput[]>(async () => {
          polls += 1;
          const next = queue.shift() ?? [];
          if (next instanceof Error) throw next;
          return next;
        }),
      },
      actions: { deliverRemoteInputs: (_, { inputs }) => void delivered.push(inputs) },
    }),
  ).start();
  return { actor, delivered, polls: () => polls };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('hands each answer on in order and polls again after the interval', async () => {
  const keys: RemoteInput[] = [
    { kind: 'key', key: 'down' },
    { kind: 'key', key: 'ok' },
  ];
  const text: RemoteInput[] = [{ kind: 'text', text: '1001' }];
  const { actor, delivered, polls } = start([keys, text]);
  await jest.advanceTimersByTimeAsync(0);
  expect(delivered).toEqual([keys]);
  expect(actor.getSnapshot().value).toBe('waiting');
  await jest.advanceTimersByTimeAsync(REMOTE_POLL_MS);
  expect(delivered).toEqual([keys, text]);
  expect(polls()).toBe(2);
  actor.stop();
});

it('backs off after failures (doubling, at most a minute), and starts over after a success', async () => {
  const failures = Array.from({ length: 9 }, () => platformErrors.network());
  const { actor, polls } = start([...failures, [{ kind: 'key', key: 'up' }]]);
  await jest.advanceTimersByTimeAsync(0);
  expect(actor.getSnapshot().value).toBe('backingOff');
  expect(actor.getSnapshot().context.failures).toBe(1);
  await jest.advanceTimersByTimeAsync(REMOTE_POLL_MS * 2 - 1);
  expect(polls()).toBe(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(polls()).toBe(2);
  // 4, 8, … 256 intervals: the eighth wait is capped at a minute.
  await jest.advanceTimersByTimeAsync(REMOTE_POLL_MS * (4 + 8 + 16 + 32 + 64));
  expect(polls()).toBe(7);
  await jest.advanceTimersByTimeAsync(REMOTE_BACKOFF_MAX_MS * 3);
  expect(polls()).toBe(10);
  expect(actor.getSnapshot().value).toBe('waiting');
  expect(actor.getSnapshot().context.failures).toBe(0);
  actor.stop();
});

it.each([
  ['the pairing ended', platformErrors.notPaired()],
  ['the session ended', platformErrors.sessionExpired()],
])('stops when %s, saying the pairing is gone for the session', async (_, error) => {
  const { actor, polls } = start([error]);
  await jest.advanceTimersByTimeAsync(REMOTE_BACKOFF_MAX_MS);
  expect(actor.getSnapshot().status).toBe('done');
  expect(actor.getSnapshot().output).toEqual({ outcome: 'unpaired' });
  expect(polls()).toBe(1);
});
