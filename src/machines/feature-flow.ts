/**
 * What the flows the session runs as features (health, booking) do alike: a failure that ends the flow when the platform ended the session (and
 * is the screen's error otherwise), and list screens: loading, then ready, empty or error. Each
 * flow has the `#<id>.sessionExpired` final state these name.
 */
import { assign, type DoneActorEvent, type EventObject } from 'xstate';
import { errorIs, sessionEndReason, toFlowError, type FlowError, type SessionEndReason } from './errors';
import type { FeatureOutput } from './ports';

/**
 * A feature flow's machine types, for `setup({ types: flowTypes<Context, Event>() })`: how it ends
 * (`FeatureOutput` unless said) and what the session starts it with (nothing unless said).
 */
export const flowTypes = <
  Context,
  Event extends EventObject,
  Output = FeatureOutput,
  Input = undefined,
>() => ({
  context: {} as Context,
  events: {} as Event,
  output: {} as Output,
  input: {} as Input,
});

/** What the viewer does on a flow's list screens (listStates) and their messages. */
export type ListEvent =
  { type: 'SELECT'; id: string } | { type: 'BACK' } | { type: 'RETRY' } | { type: 'OK' };

type ErrorEvent = { event: { error?: unknown } };

/** What an invoked actor answered, in a named action (where the event is the flow's own type). */
export const loaded = <T>(event: unknown) => (event as DoneActorEvent<T>).output;

/** Loading failed: the session's end is not this screen's business; anything else can be retried. */
const failure = (flowId: string, errorTarget: string) => [
  {
    guard: ({ event }: ErrorEvent) => errorIs(event, 'sessionExpired'),
    target: `#${flowId}.sessionExpired`,
    actions: 'noteSessionEnd' as const,
  },
  { target: errorTarget, actions: 'setError' as const },
];

/** What a flow keeps of a failure: the error its screen shows, or why the platform ended the session. */
export interface FailureContext {
  error: FlowError | undefined;
  /** Why the platform ended the session, for the signed-out screen. */
  sessionEnd: SessionEndReason | undefined;
}

/** The named actions `failure` takes. */
export function failureActions<C extends FailureContext, E extends EventObject>() {
  const errorOf = (event: E) => (event as { error?: unknown }).error;
  return {
    setError: assign<C, E, undefined, E, never>(
      ({ event }) => ({ error: toFlowError(errorOf(event)) }) as Partial<C>,
    ),
    noteSessionEnd: assign<C, E, undefined, E, never>(
      ({ event }) => ({ sessionEnd: sessionEndReason(errorOf(event)) }) as Partial<C>,
    ),
  };
}

interface ListLoad<TOutput, K extends string, I> {
  input?: I;
  isEmpty: (output: TOutput) => boolean;
  /** What keeps the loaded list (for `ready`); `keepEmpty` for `empty` when that is remembered too. */
  keep: K;
  keepEmpty?: K;
}

/**
 * The loading states of a flow's list screens, `entry` clearing the screen's messages: the actor
 * `src` (also the invocation's id) loads; nothing loaded is `empty`, anything else `ready`.
 */
const listLoader =
  <const E extends string>(flowId: string, entry: E) =>
  <TOutput, const S extends string, const K extends string, I>(src: S, list: ListLoad<TOutput, K, I>) => ({
    entry,
    invoke: {
      id: src,
      src,
      input: list.input,
      onDone: [
        {
          guard: ({ event }: { event: { output: TOutput } }) => list.isEmpty(event.output),
          target: 'empty' as const,
          ...(list.keepEmpty === undefined ? {} : { actions: list.keepEmpty }),
        },
        { target: 'ready' as const, actions: list.keep },
      ],
      onError: failure(flowId, 'error'),
    },
  });

/**
 * A list screen's states once loading ended: `ready` takes the viewer's `choice` (SELECT) and the
 * screen's `links` to other screens, `empty` the links alone; each goes `back`, and so does
 * `error`, where RETRY loads again.
 */
export const listStates = <const B, const L extends Record<string, string>, const C = undefined>(
  back: B,
  links: L = {} as L,
  choice?: C,
) => ({
  ready: { on: { ...(choice === undefined ? {} : { SELECT: choice }), ...links, BACK: back } },
  empty: { on: { ...links, BACK: back } },
  error: { on: { RETRY: 'loading' as const, BACK: back } },
});

/**
 * A list screen's first state: coming back to it shows what was loaded (`ready`, or `empty` when the
 * list came back empty, as the guards `known` and `noneKnown` say); the first time it is `loading`.
 */
const resolvingList = <const K extends string, const N extends string>(known: K, noneKnown: N) => ({
  always: [
    { guard: known, target: 'ready' as const },
    { guard: noneKnown, target: 'empty' as const },
    { target: 'loading' as const },
  ],
});

/** One flow's `failure` and the loading state of its lists, with its machine id and its `entry` action. */
export const featureFlow = <const E extends string>(flowId: string, entry: E) => ({
  failure: (errorTarget: string) => failure(flowId, errorTarget),
  loadingList: listLoader(flowId, entry),
  resolvingList,
});
