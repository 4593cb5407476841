/**
 * Driving a flow machine in a test as the viewer and the card would: keys typed on the remote,
 * actor answers through the fakes, and what the card actors were handed, secrets unwrapped.
 */
import type { AnyEventObject, AnyStateMachine, SnapshotFrom } from 'xstate';
import type { Secret } from '../secret';
import { settle } from './fake-actors';
import { dispatch, startWithFakes, type ModelSpec, type PathRun } from './model';

export type TestEvent = { type: string; [key: string]: unknown };

/** The PIN or a number on the number keys. */
export const digits = (value: string): TestEvent[] => [...value].map((digit) => ({ type: 'DIGIT', digit }));
/** The signature password on the on-screen keypad. */
export const chars = (value: string): TestEvent[] => [...value].map((char) => ({ type: 'CHAR', char }));

export interface FlowRun<M extends AnyStateMachine> extends PathRun<M> {
  send(...events: AnyEventObject[]): Promise<void>;
  snapshot(): SnapshotFrom<M>;
}

/** Delivers events to a running machine one by one, letting each settle. */
export async function send<M extends AnyStateMachine>(
  run: PathRun<M>,
  ...events: AnyEventObject[]
): Promise<void> {
  for (const event of events) await dispatch(run as never, event);
}

/** Starts the machine with fakes; `send` delivers events one by one, letting each settle. */
export async function startFlow<M extends AnyStateMachine>(spec: ModelSpec<M>): Promise<FlowRun<M>> {
  const run = startWithFakes(spec);
  await settle();
  return {
    ...run,
    send: (...events) => send(run, ...events),
    snapshot: () => run.actor.getSnapshot() as SnapshotFrom<M>,
  };
}

/**
 * A card actor's inputs as the card sees them: the secret (`secretField`) unwrapped as `secret`,
 * and the card named, which `expectCard` checks for every call.
 */
export function revealedInputs(inputs: unknown[], secretField: string, expectCard?: string): unknown[] {
  return inputs.map((input) => {
    const { [secretField]: wrapped, cardId, ...rest } = input as Record<string, unknown>;
    if (expectCard !== undefined) expect(cardId).toBe(expectCard);
    return { secret: (wrapped as Secret).reveal(), ...rest };
  });
}

/** A step of a test's way through a flow: the run `reach` gives, after `events`. */
export const reachAfter =
  <R extends PathRun<AnyStateMachine>>(reach: () => Promise<R>, ...events: AnyEventObject[]) =>
  async (): Promise<R> => {
    const run = await reach();
    await send(run, ...events);
    return run;
  };
