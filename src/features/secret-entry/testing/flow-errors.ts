/**
 * The errors every signing flow meets and shows alike (card-flow.ts, signing-flow-view.ts), for the
 * flows' view tests: where a failure is met, and the error screen expected for it, spelled out
 * here rather than built by the view's own helpers so that a test still catches them going wrong.
 */
import type { AnyEventObject, AnyStateMachine } from 'xstate';
import type { ActorTarget } from '../../../app/screens/Screen';
import { SCREEN } from '../../../app/screens/ids';
import { fail } from '../../../machines/testing/fixtures';
import { send } from '../../../machines/testing/flow-run';
import type { PathRun } from '../../../machines/testing/model';

const errorScreen =
  (actions: { labelKey: string; event: { type: string } }[]) =>
  (target: ActorTarget, titleKey: string, key: string) => ({
    screen: SCREEN.message,
    target,
    props: { tone: 'error', titleKey, body: { key }, actions, contact: true },
  });

/** A dead end: one OK, and the flow ends. */
export const deadEndScreen = errorScreen([{ labelKey: 'login.understood', event: { type: 'OK' } }]);
/** A way back: RETRY first, then CANCEL. */
const retryScreen = errorScreen([
  { labelKey: 'common.retry', event: { type: 'RETRY' } },
  { labelKey: 'common.cancel', event: { type: 'CANCEL' } },
]);

/** A failure where it is met: the step that reaches the call, and the answer that fails it. */
export interface Failure<Run> {
  reach: () => Promise<Run>;
  event: AnyEventObject;
}

/** The failures of `actor`'s call, reached by `reach`. */
export const failing =
  <Run>(reach: () => Promise<Run>, actor: string) =>
  (error: unknown): Failure<Run> => ({ reach, event: fail(actor, error) });

/** The flow meets `failure` and stops in state `end`. */
export async function meet<Run extends PathRun<AnyStateMachine>>(
  failure: Failure<Run>,
  end: string,
): Promise<Run> {
  const run = await failure.reach();
  await send(run, failure.event);
  expect(run.actor.getSnapshot().value).toBe(end);
  return run;
}

/** An end state's expected screen: its title, the reason's message, and the failure that leads there. */
export type ErrorEnd<Run> = [titleKey: string, key: string, failure: Failure<Run>];

/** What a flow's view tests give the table tests below: the flow's view and where its events go. */
export interface FlowViewed<Run> {
  view: (run: Run) => unknown;
  target: ActorTarget;
}

/** A test per end: the flow meets the failure, shows `expected`, and the answer leads to what `after` checks. */
function itMeetsEach<Run extends PathRun<AnyStateMachine>>(
  name: string,
  expected: typeof deadEndScreen,
  answer: string,
  { view, target }: FlowViewed<Run>,
  ends: Record<string, ErrorEnd<Run>>,
  after: (run: Run) => void,
): void {
  test.each(Object.entries(ends))(name, async (end, [title, key, failure]) => {
    const run = await meet(failure, end);
    expect(view(run)).toEqual(expected(target, title, key));
    await send(run, { type: answer });
    after(run);
  });
}

/** A test per dead end: the reason with one OK (and the phone), and OK ends the flow. */
export const itShowsDeadEnds = <Run extends PathRun<AnyStateMachine>>(
  flow: FlowViewed<Run>,
  deadEnds: Record<string, ErrorEnd<Run>>,
): void =>
  itMeetsEach('dead end %s: the reason, one OK, the phone', deadEndScreen, 'OK', flow, deadEnds, (run) =>
    expect(run.actor.getSnapshot().value).toBe('cancelled'),
  );

/** A test per way back: the reason with RETRY first, then CANCEL; `retried` checks where RETRY leads. */
export const itShowsWaysBack = <Run extends PathRun<AnyStateMachine>>(
  flow: FlowViewed<Run>,
  waysBack: Record<string, ErrorEnd<Run>>,
  retried: (run: Run) => void,
): void =>
  itMeetsEach('retryable %s: RETRY first, then CANCEL', retryScreen, 'RETRY', flow, waysBack, retried);
