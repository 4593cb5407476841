/**
 * Health records: the checkup list, one checkup, the trend of one item over the years, and the
 * dispensed medications. Every screen loads, then shows its data, an "empty" message, or an error
 * with RETRY. An expired platform session ends the flow (the session logs out); BACK at the list
 * closes it. The data stays only as long as this actor: the session stops it on logout.
 */
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import {
  notProvided,
  type Checkup,
  type CheckupInput,
  type CheckupList,
  type FeatureOutput,
  type MedicationList,
  type Trend,
  type TrendInput,
} from '../../../machines/ports';
import type { CheckupItemCode } from '../../../platform/types';
import { failureActions, featureFlow, flowTypes, listStates, loaded } from '../../../machines/feature-flow';
import type { FailureContext, ListEvent } from '../../../machines/feature-flow';
import type { PhoneSendContext, PhoneSendEvent } from '../../../machines/phone-send';
import { phoneSendActions, phoneSendActors } from '../../../machines/phone-send';
import { flowEndStates, phoneSendStates, sendToPhone } from '../../../machines/phone-send';

export interface HealthContext extends PhoneSendContext, FailureContext {
  checkups: CheckupList['checkups'] | undefined;
  checkupId: string | undefined;
  checkup: Checkup | undefined;
  itemCode: CheckupItemCode | undefined;
  trend: Trend | undefined;
  medications: MedicationList['medications'] | undefined;
}

export type HealthEvent = ListEvent | { type: 'MEDICATIONS' } | PhoneSendEvent;

const { failure, loadingList, resolvingList } = featureFlow('health', 'clearError');
const selected = (event: HealthEvent) => (event.type === 'SELECT' ? event.id : '');
/** The health data and the choices made on it: none at the start, none kept when the flow ends. */
const NOTHING_LOADED = {
  checkups: undefined,
  checkupId: undefined,
  checkup: undefined,
  itemCode: undefined,
  trend: undefined,
  medications: undefined,
} as const;

export const healthMachine = setup({
  types: flowTypes<HealthContext, HealthEvent>(),
  actors: {
    loadCheckups: fromPromise<CheckupList>(notProvided('loadCheckups')),
    loadCheckup: fromPromise<Checkup, CheckupInput>(notProvided('loadCheckup')),
    loadTrend: fromPromise<Trend, TrendInput>(notProvided('loadTrend')),
    loadMedications: fromPromise<MedicationList>(notProvided('loadMedications')),
    ...phoneSendActors,
  },
  actions: {
    ...failureActions<HealthContext, HealthEvent>(),
    ...phoneSendActions<HealthContext, HealthEvent>(),
    clearError: assign({ error: undefined }),
    chooseCheckup: assign({ checkupId: ({ event }) => selected(event) }),
    keepCheckups: assign({ checkups: ({ event }) => loaded<CheckupList>(event).checkups }),
    keepNoCheckups: assign({ checkups: [] }),
    keepTrend: assign({ trend: ({ event }) => loaded<Trend>(event) }),
    keepMedications: assign({ medications: ({ event }) => loaded<MedicationList>(event).medications }),
    forgetAll: assign(NOTHING_LOADED),
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
  context: { ...NOTHING_LOADED, error: undefined, sessionEnd: undefined, phoneItem: undefined },
  initial: 'list',
  output: ({ event }) => (event as unknown as DoneActorEvent<FeatureOutput>).output,
  states: {
    list: {
      initial: 'resolving',
      states: {
        /** Coming back to the list shows what was loaded; the first time loads it. */
        resolving: resolvingList('checkupsKnown', 'noCheckupsKnown'),
        loading: loadingList('loadCheckups', {
          isEmpty: (output: CheckupList) => output.checkups.length === 0,
          keep: 'keepCheckups',
          keepEmpty: 'keepNoCheckups',
        }),
        ...listStates(
          '#health.closed',
          { MEDICATIONS: '#health.medications' },
          { guard: 'listedCheckup', target: '#health.checkup', actions: 'chooseCheckup' },
        ),
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
            SEND_TO_PHONE: sendToPhone('phone'),
          },
        },
        error: { on: { RETRY: 'loading', BACK: '#health.list' } },
        /** 「スマートフォンに送る」 from the checkup's summary: back to it after. */
        phone: phoneSendStates('health', '#health.checkup.ready'),
      },
    },
    trend: {
      initial: 'loading',
      exit: assign({ trend: undefined }),
      states: {
        loading: loadingList('loadTrend', {
          input: ({ context }: { context: HealthContext }) => ({ itemCode: context.itemCode ?? '3D046' }),
          isEmpty: (output: Trend) => output.points.length === 0,
          keep: 'keepTrend',
        }),
        ...listStates('#health.checkup.ready'),
      },
    },
    medications: {
      initial: 'loading',
      exit: assign({ medications: undefined }),
      states: {
        loading: loadingList('loadMedications', {
          isEmpty: (output: MedicationList) => output.medications.length === 0,
          keep: 'keepMedications',
        }),
        ...listStates('#health.list'),
      },
    },
    ...flowEndStates('forgetAll'),
  },
});
