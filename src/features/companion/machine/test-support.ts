/** The pairing flow with fake actors and Jest's clock, as the pairing and phone-login tests run it. */
import { createActor, fromPromise } from 'xstate';
import { signedIn } from '../../../machines/testing/fixtures';
import type {
  PairingAnswer,
  PairingPollInput,
  PairingScope,
  PairingStart,
  PhonePairing,
  SignedIn,
} from '../../../machines/ports';
import { CODES, NEW_CODES } from '../testing/pairing-data';
import { pairingMachine, type PairingInput } from './pairing.machine';

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
    /** Each unpairing's answer in turn (then done). */
    unpairs?: Array<Error | undefined>;
    /** The flow's input as the session gives it (a pairing it has, the box's clock), else just the scope. */
    input?: PairingInput | undefined;
  } = {},
) {
  const starts = [...(options.starts ?? [CODES, NEW_CODES])];
  const answers = [...(options.answers ?? [])];
  const signIns = [...(options.signIns ?? [])];
  const unpairs = [...(options.unpairs ?? [])];
  const unpaired: PhonePairing[] = [];
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
      unpairPhone: fromPromise<void, PhonePairing>(async ({ input }) => {
        unpaired.push(input);
        const next = unpairs.shift();
        if (next instanceof Error) throw next;
      }),
      loadSignedIn: fromPromise<SignedIn>(async () => {
        const next = signIns.shift() ?? signedIn();
        if (next instanceof Error) throw next;
        return await next;
      }),
    },
  });
  const input = 'input' in options ? options.input : { scope: options.scope ?? 'pairing' };
  const actor = createActor(machine, { input }).start();
  return {
    actor,
    polls,
    scopes,
    unpaired,
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
