/**
 * Health records: the checkup list, one checkup, the trend of one item over the years, and the
 * dispensed medications. Every screen loads, then shows its data, an "empty" message, or an error
 * with RETRY. An expired platform session ends the flow (the session logs out); BACK at the list
 * closes it. The data stays only as long as this actor: the session stops it on logout.
 */
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import {
  errorIs,
  sessionEndReason,
  toFlowError,
  type FlowError,
  type SessionEndReason,
} from '../../../machines/errors';
import type {
  Checkup,
  CheckupInput,
  CheckupList,
  FeatureOutput,
  MedicationList,
  Trend,
  TrendInput,
} from '../../../machines/ports';
import type { CheckupItemCode } from '../../../platform/types';

export interface HealthContext {
  checkups: CheckupList['checkups'] | undefined;
  checkupId: string | undefined;
  checkup: Checkup | undefined;
  itemCode: CheckupItemCode | undefined;
  trend: Trend | undefined;
  medications: MedicationList['medications'] | undefined;
  error: FlowError | undefined;
  /** Why the platform ended the session, for the signed-out screen. */
  sessionEnd: SessionEndReason | undefined;
}

export type HealthEvent =
  { type: 'SELECT'; id: string } | { type: 'MEDICATIONS' } | { type: 'BACK' } | { type: 'RETRY' };

const notProvided = (name: string) => () => Promise.reject(new Error(`actor '${name}' not provided`));
type ErrorEvent = { event: { error?: unknown } };
const sessionExpired = ({ event }: ErrorEvent) => errorIs(event, 'sessionExpired');

/** Loading failed: the session's end is not this screen's business; anything else can be retried. */
const failure = (errorTarget: string) => [
  { guard: sessionExpired, target: '#health.sessionExpired', actions: 'noteSessionEnd' as const },
  { target: errorTarget, actions: 'setError' as const },
];

export const healthMachine = setup({
  types: {
    context: {} as HealthContext,
    events: {} as HealthEvent,
    output: {} as FeatureOutput,
  },
  actors: {
    loadCheckups: fromPromise<CheckupList>(notProvided('loadCheckups')),
    loadCheckup: fromPromise<Checkup, CheckupInput>(notProvided('loadCheckup')),
    loadTrend: fromPromise<Trend, TrendInput>(notProvided('loadTrend')),
    loadMedications: fromPromise<MedicationList>(notProvided('loadMedications')),
  },
  actions: {
    setError: assign({ error: ({ event }) => toFlowError((event as { error?: unknown }).error) }),
    clearError: assign({ error: undefined }),
    noteSessionEnd: assign({
      sessionEnd: ({ event }) => sessionEndReason((event as { error?: unknown }).error),
    }),
    forgetAll: assign({
      checkups: undefined,
      checkupId: undefined,
      checkup: undefined,
      itemCode: undefined,
      trend: undefined,
      medications: undefined,
    }),
  },
  guards: {
    listedCheckup: ({ context, event }) =>
      event.type === 'SELECT' && (context.checkups ?? []).some((checkup) => checkup.id === event.id),
    itemOfCheckup: ({ context, event }) =>
      event.type === 'SELECT' && (context.checkup?.items ?? []).some((item) => item.code === event.id),
    checkupsKnown: ({ context }) => (context.checkups?.length ?? 0) > 0,
    noCheckupsKnown: ({ context }) => context.checkups?.length === 0,
  },
}).createMachine({
  id: 'health',
  context: {
    checkups: undefined,
    checkupId: undefined,
    checkup: undefined,
    itemCode: undefined,
    trend: undefined,
    medications: undefined,
    error: undefined,
    sessionEnd: undefined,
  },
  initial: 'list',
  output: ({ event }) => (event as unknown as DoneActorEvent<FeatureOutput>).output,
  states: {
    list: {
      initial: 'resolving',
      states: {
        /** Coming back to the list shows what was loaded; the first time loads it. */
        resolving: {
          always: [
            { guard: 'checkupsKnown', target: 'ready' },
            { guard: 'noCheckupsKnown', target: 'empty' },
            { target: 'loading' },
          ],
        },
        loading: {
          entry: 'clearError',
          invoke: {
            id: 'loadCheckups',
            src: 'loadCheckups',
            onDone: [
              {
                guard: ({ event }) => event.output.checkups.length === 0,
                target: 'empty',
                actions: assign({ checkups: [] }),
              },
              { target: 'ready', actions: assign({ checkups: ({ event }) => event.output.checkups }) },
            ],
            onError: failure('#health.list.error'),
          },
        },
        ready: {
          on: {
            SELECT: {
              guard: 'listedCheckup',
              target: '#health.checkup',
              actions: assign({ checkupId: ({ event }) => event.id }),
            },
            MEDICATIONS: '#health.medications',
            BACK: '#health.closed',
          },
        },
        empty: { on: { MEDICATIONS: '#health.medications', BACK: '#health.closed' } },
        error: { on: { RETRY: 'loading', BACK: '#health.closed' } },
      },
    },
    checkup: {
      initial: 'loading',
      states: {
        loading: {
          entry: 'clearError',
          invoke: {
            id: 'loadCheckup',
            src: 'loadCheckup',
            input: ({ context }) => ({ checkupId: context.checkupId ?? '' }),
            onDone: { target: 'ready', actions: assign({ checkup: ({ event }) => event.output }) },
            onError: failure('#health.checkup.error'),
          },
        },
        ready: {
          on: {
            SELECT: {
              guard: 'itemOfCheckup',
              target: '#health.trend',
              actions: assign({ itemCode: ({ event }) => event.id as CheckupItemCode }),
            },
            BACK: { target: '#health.list', actions: assign({ checkup: undefined }) },
          },
        },
        error: { on: { RETRY: 'loading', BACK: '#health.list' } },
      },
    },
    trend: {
      initial: 'loading',
      exit: assign({ trend: undefined }),
      states: {
        loading: {
          entry: 'clearError',
          invoke: {
            id: 'loadTrend',
            src: 'loadTrend',
            input: ({ context }) => ({ itemCode: context.itemCode ?? '3D046' }),
            onDone: [
              { guard: ({ event }) => event.output.points.length === 0, target: 'empty' },
              { target: 'ready', actions: assign({ trend: ({ event }) => event.output }) },
            ],
            onError: failure('#health.trend.error'),
          },
        },
        ready: { on: { BACK: '#health.checkup.ready' } },
        empty: { on: { BACK: '#health.checkup.ready' } },
        error: { on: { RETRY: 'loading', BACK: '#health.checkup.ready' } },
      },
    },
    medications: {
      initial: 'loading',
      exit: assign({ medications: undefined }),
      states: {
        loading: {
          entry: 'clearError',
          invoke: {
            id: 'loadMedications',
            src: 'loadMedications',
            onDone: [
              { guard: ({ event }) => event.output.medications.length === 0, target: 'empty' },
              { target: 'ready', actions: assign({ medications: ({ event }) => event.output.medications }) },
            ],
            onError: failure('#health.medications.error'),
          },
        },
        ready: { on: { BACK: '#health.list' } },
        empty: { on: { BACK: '#health.list' } },
        error: { on: { RETRY: 'loading', BACK: '#health.list' } },
      },
    },
    closed: { type: 'final', entry: 'forgetAll', output: { outcome: 'closed' as const } },
    sessionExpired: {
      type: 'final',
      entry: 'forgetAll',
      output: ({ context }) => ({ outcome: 'sessionExpired' as const, reason: context.sessionEnd }),
    },
  },
});
