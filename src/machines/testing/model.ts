/**
 * Model-based testing: @xstate/graph walks the machine definition with the given event cases
 * (viewer events, and `xstate.done.actor.<id>` / `xstate.error.actor.<id>` for what the actors
 * answer), and every path is then executed against a real actor whose actors are fakes
 * (fake-actors.ts). Paths are the shortest path to every distinct snapshot, plus every edge of the
 * graph appended to the shortest path to its source, so each transition is taken at least once.
 * After each step the running snapshot must serialise exactly like the model's.
 */
import { getAdjacencyMap, getShortestPaths, type StatePath } from '@xstate/graph';
import {
  createActor,
  SimulatedClock,
  type Actor,
  type AnyEventObject,
  type AnyStateMachine,
  type InputFrom,
  type Snapshot,
  type SnapshotFrom,
} from 'xstate';
import { MachineCoverage, transitionKey } from './coverage';
import { FakeActors, settle } from './fake-actors';

export interface ModelSpec<M extends AnyStateMachine> {
  machine: M;
  input?: InputFrom<M>;
  /** Every event case the model may take; only those the current snapshot accepts are tried. */
  events: readonly AnyEventObject[];
  /** Promise actors to fake (by name) and callback actors, if any. */
  promiseActors: readonly string[];
  callbackActors?: readonly string[];
  /** Prunes the model (e.g. typing only up to the shortest valid entry); default: all accepted events. */
  allow?: (snapshot: SnapshotFrom<M>, event: AnyEventObject) => boolean;
  /** Value and the context that matters; defaults to both in full. */
  serialize?: (snapshot: SnapshotFrom<M>) => string;
}

/** A machine snapshot and which of its promise actors have answered (finished ones cannot again). */
type ModelState<M extends AnyStateMachine> = Snapshot<unknown> & {
  snapshot: SnapshotFrom<M>;
  settled: readonly unknown[];
};

export interface ModelPath<M extends AnyStateMachine> {
  description: string;
  path: StatePath<ModelState<M>, AnyEventObject>;
}

/**
 * A serializer of the snapshot's value and status and what `pick` takes of its context (the
 * context that matters to the machine's next steps): `serialize: serializedWith((c: Context) => ({ … }))`.
 */
export const serializedWith =
  <C>(pick: (context: C) => Record<string, unknown>) =>
  (snapshot: { value: unknown; status: string; context: C }): string =>
    JSON.stringify({ value: snapshot.value, status: snapshot.status, ...pick(snapshot.context) });

const defaultSerialize = (snapshot: { value: unknown; context: unknown }): string =>
  JSON.stringify({ value: snapshot.value, context: snapshot.context });

const serializeEvent = (event: AnyEventObject): string => {
  const { type, ...rest } = event as AnyEventObject & { error?: unknown };
  const error = rest.error as { kind?: string; code?: string; details?: unknown } | undefined;
  if (error)
    return `${type}(${error.kind ?? error.code ?? String(error)} ${JSON.stringify(error.details ?? {})})`;
  return Object.keys(rest).length ? `${type} ${JSON.stringify(rest)}` : type;
};

const actorEvent = (event: AnyEventObject): string | undefined =>
  /^xstate\.(?:done|error)\.actor\.(.+)$/.exec(event.type)?.[1];

type Children = Record<string, unknown>;
const childrenOf = (snapshot: unknown): Children => (snapshot as { children: Children }).children;

function serializerOf<M extends AnyStateMachine>(spec: ModelSpec<M>) {
  const serialize = spec.serialize ?? (defaultSerialize as (snapshot: SnapshotFrom<M>) => string);
  /** The snapshot plus its promise actors still waiting for an answer. */
  return (snapshot: SnapshotFrom<M>, isRunning: (id: string) => boolean): string => {
    const running = Object.keys(childrenOf(snapshot))
      .filter((id) => !(spec.callbackActors ?? []).includes(id) && isRunning(id))
      .sort();
    return `${serialize(snapshot)} running=${running.join(',')}`;
  };
}

function describePath(steps: ReadonlyArray<{ event: AnyEventObject }>, end: unknown): string {
  const events = steps.slice(1).map((step) => serializeEvent(step.event).replace(/^xstate\./, ''));
  return `${events.join(' → ') || '(initial)'} ⇒ ${JSON.stringify(end)}`;
}

function modelState<M extends AnyStateMachine>(snapshot: SnapshotFrom<M>, settled: readonly unknown[]) {
  const { status, output, error } = snapshot as Snapshot<unknown>;
  return { snapshot, settled, status, output, error } as ModelState<M>;
}

/**
 * The machine as the graph walks it, remembering which invoked actors already answered: a real
 * promise actor answers once, so its done/error events are offered only while it runs.
 */
function trackingLogic<M extends AnyStateMachine>(machine: M) {
  return {
    getInitialSnapshot: (scope: never, input: unknown): ModelState<M> =>
      modelState(machine.getInitialSnapshot(scope, input) as SnapshotFrom<M>, []),
    transition: (state: ModelState<M>, event: AnyEventObject, scope: never): ModelState<M> => {
      const answered = actorEvent(event);
      const snapshot = machine.transition(state.snapshot, event, scope) as SnapshotFrom<M>;
      const settled = answered ? [...state.settled, childrenOf(state.snapshot)[answered]] : state.settled;
      const present = new Set(Object.values(childrenOf(snapshot)));
      return modelState(
        snapshot,
        settled.filter((ref) => present.has(ref)),
      );
    },
  };
}

const isRunningIn = (state: ModelState<AnyStateMachine>) => (id: string) =>
  !state.settled.includes(childrenOf(state.snapshot)[id]);

export function modelPaths<M extends AnyStateMachine>(spec: ModelSpec<M>): ModelPath<M>[] {
  const serialize = serializerOf(spec);
  const key = (state: ModelState<M>) => serialize(state.snapshot, isRunningIn(state as never));
  const traversal = {
    input: spec.input,
    serializeState: key,
    serializeEvent,
    events: (state: ModelState<M>) =>
      spec.events.filter((event) => {
        const answered = actorEvent(event);
        if (
          answered &&
          (!(answered in childrenOf(state.snapshot)) || !isRunningIn(state as never)(answered))
        ) {
          return false;
        }
        if (spec.allow && !spec.allow(state.snapshot, event)) return false;
        return (state.snapshot as unknown as { can(e: AnyEventObject): boolean }).can(event);
      }),
  };
  const logic = trackingLogic(spec.machine) as never;
  type Path = StatePath<ModelState<M>, AnyEventObject>;
  const shortest = getShortestPaths(logic, traversal as never) as unknown as Path[];
  const bySource = new Map(shortest.map((path) => [key(path.state), path]));
  const paths = [...shortest];
  // Edges are added only where they take a transition no path has taken yet.
  const taken = new Set<string>();
  const takes = (state: ModelState<M>, event: AnyEventObject): string[] =>
    (spec.machine.getTransitionData(state.snapshot as never, event) ?? []).map((t) => transitionKey(t));
  for (const path of shortest) {
    path.steps
      .slice(1)
      .forEach((step, index) => takes(path.steps[index]!.state, step.event).forEach((k) => taken.add(k)));
  }
  const adjacency = getAdjacencyMap(logic, traversal as never) as unknown as Record<
    string,
    { transitions: Record<string, { event: AnyEventObject; state: ModelState<M> }> }
  >;
  for (const [from, { transitions }] of Object.entries(adjacency)) {
    const head = bySource.get(from);
    if (!head) continue;
    for (const { event, state } of Object.values(transitions)) {
      const known = bySource.get(key(state));
      const sameEdge =
        known &&
        known.steps.length === head.steps.length + 1 &&
        serializeEvent(known.steps.at(-1)!.event) === serializeEvent(event) &&
        key(known.steps.at(-2)?.state ?? known.steps[0]!.state) === from;
      const fresh = takes(head.state, event).filter((k) => !taken.has(k));
      if (sameEdge || fresh.length === 0) continue;
      fresh.forEach((k) => taken.add(k));
      paths.push({ state, steps: [...head.steps, { event, state }], weight: head.weight + 1 });
    }
  }
  return paths.map((path) => ({
    description: describePath(path.steps, (path.state.snapshot as { value: unknown }).value),
    path,
  }));
}

export interface PathRun<M extends AnyStateMachine> {
  actor: Actor<M>;
  fakes: FakeActors;
  clock: SimulatedClock;
}

/** Starts the machine with fakes (and coverage), without walking a path. */
export function startWithFakes<M extends AnyStateMachine>(
  spec: ModelSpec<M>,
  coverage?: MachineCoverage,
  input: InputFrom<M> | undefined = spec.input,
): PathRun<M> {
  const fakes = new FakeActors(spec.promiseActors, spec.callbackActors);
  const clock = new SimulatedClock();
  const machine = spec.machine.provide({ actors: fakes.logic }) as M;
  const actor = createActor(machine, { input, clock, ...(coverage ? { inspect: coverage.inspect } : {}) });
  actor.start();
  return { actor, fakes, clock };
}

/** Sends one model event: actor answers through the fakes, viewer and timer events directly. */
export async function dispatch(run: PathRun<AnyStateMachine>, event: AnyEventObject): Promise<void> {
  const done = /^xstate\.done\.actor\.(.+)$/.exec(event.type);
  const error = /^xstate\.error\.actor\.(.+)$/.exec(event.type);
  if (done) run.fakes.resolve(done[1]!, (event as { output?: unknown }).output);
  else if (error) run.fakes.reject(error[1]!, (event as { error?: unknown }).error);
  // Delayed events are delivered as the timer would; the timers themselves are tested with the clock.
  else run.actor.send(event);
  await settle();
}

export async function runPath<M extends AnyStateMachine>(
  spec: ModelSpec<M>,
  model: ModelPath<M>,
  coverage?: MachineCoverage,
): Promise<PathRun<M>> {
  const serialize = serializerOf(spec);
  const run = startWithFakes(spec, coverage);
  await settle();
  for (const [index, step] of model.path.steps.entries()) {
    if (index > 0) await dispatch(run as PathRun<AnyStateMachine>, step.event);
    const actual = serialize(run.actor.getSnapshot() as SnapshotFrom<M>, (id) => run.fakes.isPending(id));
    const expected = serialize(step.state.snapshot, isRunningIn(step.state as never));
    if (actual !== expected) {
      throw new Error(
        `step ${index} (${serializeEvent(step.event)}) of ${model.description}\n` +
          `expected ${expected}\n     got ${actual}`,
      );
    }
  }
  return run;
}

/**
 * How long one end state's group of paths may run. A group replays hundreds of paths in one test,
 * so on a loaded 2-core machine it can take a minute; this bounds a hang, it measures nothing.
 */
export const PATH_GROUP_TIMEOUT_MS = 300_000;

/** Paths grouped by the state they end in: one test per end state keeps the report readable. */
export function pathsByEndState<M extends AnyStateMachine>(
  paths: ModelPath<M>[],
): Array<[string, ModelPath<M>[]]> {
  const groups = new Map<string, ModelPath<M>[]>();
  for (const path of paths) {
    const end = JSON.stringify((path.path.state.snapshot as { value: unknown }).value);
    groups.set(end, [...(groups.get(end) ?? []), path]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A machine's model test: one test per end state that walks every path to it, each run checked by
 * `check` (the rules that must hold wherever the path ends) and then stopped; and one test that the
 * paths took every state and transition of the machine. Returns the paths.
 */
export function testEveryPath<M extends AnyStateMachine>(
  name: string,
  spec: ModelSpec<M>,
  check: (run: PathRun<M>, path: ModelPath<M>) => void = () => undefined,
): ModelPath<M>[] {
  const coverage = new MachineCoverage(name, spec.machine);
  const paths = modelPaths(spec);
  test.each(pathsByEndState(paths))(
    'every path to %s',
    async (_, group) => {
      for (const path of group) {
        const run = await runPath(spec, path, coverage);
        check(run, path);
        run.actor.stop();
      }
    },
    PATH_GROUP_TIMEOUT_MS,
  );
  test('covers every state and transition', () => {
    console.log(`${name}: ${paths.length} model paths executed`);
    const report = coverage.write();
    expect(report.states.missing).toEqual([]);
    expect(report.transitions.missing).toEqual([]);
  });
  return paths;
}
