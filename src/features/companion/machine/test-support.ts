/** The pairing flow with fake actors and Jest's clock, as the pairing and phone-login tests run it. */
import { createActor, fromPromise } from 'xstate';
import { signedIn } from '../../../machines/testing/fixtures';
import type {
  PairingAnswer,
  PairingPollInput,
  PairingScope,
  PairingStart,
  SignedIn,
} from '../../../machines/ports';
import { CODES, NEW_CODES } from '../testing/pairing-data';
import { pairingMachine } from './pairing.machine';

export type Answer = PairingAnswer | Error;

/**
 * The flow with its start answering `starts` in turn, each poll the next of `answers` and each
 * profile fetch of a login the next of `signIns`.
 */
export function startPairing(
  options: {
    scope?: PairingScope;
    starts?: Array<PairingStart | Error>;
    answers?: Answer[];
    signIns?: Array<SignedIn | Error | Promise<SignedIn>>;
  } = {},
) {
  const starts = [...(options.starts ?? [CODES, NEW_CODES])];
  const answers = [...(options.answers ?? [])];
  const signIns = [...(options.signIns ?? [])];
  const polls: PairingPollInput[] = [];
  const scopes: PairingScope[] = [];
  let startCalls = 0;
  const machine = pairingMachine.provide({
    actors: {
      startPairing: fromPromise<PairingStart, { scope: PairingScope }>(async ({ input }) => {
        startCalls += 1;
        scopes.push(input.scope);
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
      loadSignedIn: fromPromise<SignedIn>(async () => {
        const next = signIns.shift() ?? signedIn();
        if (next instanceof Error) throw next;
        return await next;
      }),
    },
  });
  const actor = createActor(machine, { input: { scope: options.scope ?? 'pairing' } }).start();
  return {
    actor,
    polls,
    scopes,
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
