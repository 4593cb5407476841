/**
 * Health flow snapshot → screen. Every state of healthMachine maps to one view: the four data
 * screens (with `loading` / `empty` flags so the screen keeps its title while it loads), the
 * shared error message with RETRY then BACK, and a 'status' while the flow has ended (the session
 * takes over right after).
 */
import type { SnapshotFrom } from 'xstate';
import type { healthMachine } from '../machine/health.machine';
import type {
  Checkup,
  CheckupItemCode,
  CheckupSummary,
  Medication,
  ReferenceRange,
  TrendPoint,
} from '../../../platform/types';
import { messageView, statusView, type ScreenView } from '../../../app/view/app-view';
import { phoneSendStep, phoneSendView } from '../../../app/view/phone-send-view';
import { HealthScreen } from '../index';

type HealthSnapshot = SnapshotFrom<typeof healthMachine>;

export interface CheckupListProps {
  /** Newest first. */
  checkups: CheckupSummary[];
  loading: boolean;
  empty: boolean;
}

export interface CheckupDetailProps {
  checkup?: Checkup;
  loading: boolean;
}

export interface TrendChartProps {
  itemCode: CheckupItemCode;
  /** Known from the checkup while the trend loads or when it is empty. */
  name: string;
  unit: string;
  referenceRange?: ReferenceRange;
  /** Oldest first. */
  points: TrendPoint[];
  loading: boolean;
  empty: boolean;
}

export interface MedicationsProps {
  /** Newest first. */
  medications: Medication[];
  loading: boolean;
  empty: boolean;
}

const TARGET = 'health' as const;

const newestFirst = <T>(items: readonly T[], dateOf: (item: T) => string): T[] =>
  [...items].sort((a, b) => dateOf(b).localeCompare(dateOf(a)));

function errorView(snapshot: HealthSnapshot): ScreenView {
  const error = snapshot.context.error;
  return messageView(TARGET, {
    tone: 'error',
    titleKey: 'common.title.error',
    body: { key: error?.messageKey ?? 'unexpected' },
    actions: [
      { labelKey: 'common.retry', event: { type: 'RETRY' } },
      { labelKey: 'common.back', event: { type: 'BACK' } },
    ],
    contact: true,
  });
}

function trendProps(snapshot: HealthSnapshot, loading: boolean, empty: boolean): TrendChartProps {
  const { trend, itemCode, checkup } = snapshot.context;
  const code = trend?.code ?? itemCode ?? '3D046';
  const item = checkup?.items.find((result) => result.code === code);
  const referenceRange = trend?.referenceRange ?? item?.referenceRange;
  return {
    itemCode: code,
    name: trend?.name ?? item?.name ?? '',
    unit: trend?.unit ?? item?.unit ?? '',
    ...(referenceRange ? { referenceRange } : {}),
    points: [...(trend?.points ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
    loading,
    empty,
  };
}

export function healthView(snapshot: HealthSnapshot): ScreenView {
  const { context } = snapshot;
  if (snapshot.matches('closed') || snapshot.matches('sessionExpired') || snapshot.status !== 'active') {
    return statusView(TARGET, { titleKey: 'health.title.list', bodyKey: 'common.pleaseWait' });
  }
  if (
    snapshot.matches({ list: 'error' }) ||
    snapshot.matches({ checkup: 'error' }) ||
    snapshot.matches({ trend: 'error' }) ||
    snapshot.matches({ medications: 'error' })
  ) {
    return errorView(snapshot);
  }
  const phoneStep = phoneSendStep((step) => snapshot.matches({ checkup: { phone: step } }));
  if (phoneStep) return phoneSendView(TARGET, phoneStep, context.error);
  if (snapshot.matches('checkup')) {
    const props: CheckupDetailProps = {
      ...(context.checkup ? { checkup: context.checkup } : {}),
      loading: snapshot.matches({ checkup: 'loading' }),
    };
    return { screen: HealthScreen.checkupDetail, target: TARGET, props };
  }
  if (snapshot.matches('trend')) {
    const props = trendProps(
      snapshot,
      snapshot.matches({ trend: 'loading' }),
      snapshot.matches({ trend: 'empty' }),
    );
    return { screen: HealthScreen.trendChart, target: TARGET, props };
  }
  if (snapshot.matches('medications')) {
    const props: MedicationsProps = {
      medications: newestFirst(context.medications ?? [], (m) => m.dispensedOn),
      loading: snapshot.matches({ medications: 'loading' }),
      empty: snapshot.matches({ medications: 'empty' }),
    };
    return { screen: HealthScreen.medications, target: TARGET, props };
  }
  // list.resolving passes at once; it shows as loading for the instant it could be seen.
  const props: CheckupListProps = {
    checkups: newestFirst(context.checkups ?? [], (c) => c.date),
    loading: snapshot.matches({ list: 'loading' }) || snapshot.matches({ list: 'resolving' }),
    empty: snapshot.matches({ list: 'empty' }),
  };
  return { screen: HealthScreen.checkupList, target: TARGET, props };
}
