/** healthView against the real health machine, driven through its states with FakeActors. */
import { healthMachine } from '../machine/health.machine';
import type { MessageKey } from '../../../machines/messages';
import { done, fail, platformErrors } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes } from '../../../machines/testing/model';
import { healthSpec } from '../machine/health.test-model';
import { CHECKUP, CHECKUPS, MEDICATIONS, TREND } from '../testing/health-data';
import type { ScreenView, StatusProps } from '../../../app/view/app-view';
import { expectPhoneSendViews, expectRetryOrBack } from '../../../app/testing/screen-harness-views';
import {
  healthView,
  type CheckupListProps,
  type MedicationsProps,
  type TrendChartProps,
} from './health-view';
import { SCREEN, type ScreenId } from '../../../app/screens/ids';
import { HealthScreen } from '../index';

function start() {
  const run = startWithFakes({ ...healthSpec, machine: healthMachine });
  const send = async (...events: Array<{ type: string; [key: string]: unknown }>) => {
    for (const event of events) await dispatch(run as never, event);
  };
  return { run, send, view: () => healthView(run.actor.getSnapshot()) };
}

const props = <P>(view: ScreenView) => view.props as P;
/** The view of health's screen `screen` with `props`. */
const onScreen = (screen: ScreenId, props: unknown): ScreenView => ({ screen, target: 'health', props });

const retryThenBack = (view: ScreenView, messageKey: MessageKey) => {
  expect(view.target).toBe('health');
  expectRetryOrBack(view, messageKey);
};

describe('healthView', () => {
  test('list: loading, then the checkups newest first', async () => {
    const { send, view } = start();
    expect(view()).toEqual(onScreen(SCREEN.checkupList, { checkups: [], loading: true, empty: false }));
    const shuffled = [...CHECKUPS].reverse();
    await send(done('loadCheckups', { checkups: shuffled }));
    const list = props<CheckupListProps>(view());
    expect(view().screen).toBe(SCREEN.checkupList);
    expect(list.loading).toBe(false);
    expect(list.empty).toBe(false);
    expect(list.checkups.map((c) => c.date)).toEqual(CHECKUPS.map((c) => c.date));
  });

  test('list: empty, and the medications are still reachable', async () => {
    const { send, view } = start();
    await send(done('loadCheckups', { checkups: [] }));
    expect(view().props).toEqual({ checkups: [], loading: false, empty: true });
    await send({ type: 'MEDICATIONS' });
    expect(view()).toEqual(onScreen(SCREEN.medications, { medications: [], loading: true, empty: false }));
  });

  test('list: an error offers RETRY then BACK with the contact; RETRY loads again', async () => {
    const { run, send, view } = start();
    await send(fail('loadCheckups', platformErrors.network()));
    retryThenBack(view(), 'NETWORK_ERROR');
    await send({ type: 'RETRY' });
    expect(props<CheckupListProps>(view()).loading).toBe(true);
    await send(done('loadCheckups', { checkups: CHECKUPS }));
    expect(props<CheckupListProps>(view()).checkups).toHaveLength(10);
    expect(run.fakes.inputsOf('loadCheckups')).toHaveLength(2);
  });

  test('checkup: loading, ready, error with retry, and back to the list without reloading it', async () => {
    const { run, send, view } = start();
    await send(done('loadCheckups', { checkups: CHECKUPS }), { type: 'SELECT', id: 'ck-2026' });
    expect(view()).toEqual(onScreen(SCREEN.checkupDetail, { loading: true }));
    await send(fail('loadCheckup', platformErrors.unavailable()));
    retryThenBack(view(), 'PLATFORM_UNAVAILABLE');
    await send({ type: 'RETRY' }, done('loadCheckup', CHECKUP));
    expect(view()).toEqual(onScreen(SCREEN.checkupDetail, { checkup: CHECKUP, loading: false }));
    await send({ type: 'BACK' });
    expect(view().screen).toBe(SCREEN.checkupList);
    expect(props<CheckupListProps>(view()).loading).toBe(false);
    expect(run.fakes.inputsOf('loadCheckups')).toHaveLength(1);
  });

  test('checkup: スマートフォンに送る, sending, not paired, failed, sent, and pairing', async () => {
    const { run, send, view } = start();
    await send(done('loadCheckups', { checkups: CHECKUPS }), { type: 'SELECT', id: 'ck-2026' });
    await send(done('loadCheckup', CHECKUP));
    const output = () => run.actor.getSnapshot().output;
    await expectPhoneSendViews({ send, view, output }, SCREEN.checkupDetail);
  });

  test('checkup error: BACK returns to the list', async () => {
    const { send, view } = start();
    await send(done('loadCheckups', { checkups: CHECKUPS }), { type: 'SELECT', id: 'ck-2025' });
    await send(fail('loadCheckup', platformErrors.notFound()), { type: 'BACK' });
    expect(view().screen).toBe(SCREEN.checkupList);
  });

  test('trend: name and unit from the checkup while loading, then the points oldest first', async () => {
    const { send, view } = start();
    await send(done('loadCheckups', { checkups: CHECKUPS }), { type: 'SELECT', id: 'ck-2026' });
    await send(done('loadCheckup', CHECKUP), { type: 'SELECT', id: '3D010' });
    const loading = props<TrendChartProps>(view());
    expect(view().screen).toBe(SCREEN.trendChart);
    expect(loading).toEqual({
      itemCode: '3D010',
      name: '空腹時血糖',
      unit: 'mg/dL',
      referenceRange: { high: 99, text: '99 以下' },
      points: [],
      loading: true,
      empty: false,
    });
    await send(done('loadTrend', { ...TREND, points: [...TREND.points].reverse() }));
    const ready = props<TrendChartProps>(view());
    expect(ready.loading).toBe(false);
    expect(ready.empty).toBe(false);
    expect(ready.points.map((p) => p.value)).toEqual([94, 98, 108, 118, 126, 132]);
    await send({ type: 'BACK' });
    expect(view()).toEqual(onScreen(SCREEN.checkupDetail, { checkup: CHECKUP, loading: false }));
  });

  test('trend: empty keeps the item name; error retries; BACK from the error returns to the checkup', async () => {
    const { send, view } = start();
    await send(done('loadCheckups', { checkups: CHECKUPS }), { type: 'SELECT', id: 'ck-2026' });
    await send(done('loadCheckup', CHECKUP), { type: 'SELECT', id: '3D046' });
    await send(done('loadTrend', { ...TREND, code: '3D046', points: [] }));
    const empty = props<TrendChartProps>(view());
    expect(empty).toMatchObject({
      itemCode: '3D046',
      name: 'HbA1c（NGSP）',
      unit: '%',
      points: [],
      loading: false,
      empty: true,
    });
    await send(
      { type: 'BACK' },
      { type: 'SELECT', id: '3D046' },
      fail('loadTrend', platformErrors.network()),
    );
    retryThenBack(view(), 'NETWORK_ERROR');
    await send({ type: 'RETRY' });
    expect(props<TrendChartProps>(view()).loading).toBe(true);
    await send(fail('loadTrend', platformErrors.network()), { type: 'BACK' });
    expect(view().screen).toBe(SCREEN.checkupDetail);
  });

  test('medications: loading, ready newest first, empty, error with retry, back to the list', async () => {
    const { send, view } = start();
    await send(done('loadCheckups', { checkups: CHECKUPS }), { type: 'MEDICATIONS' });
    expect(props<MedicationsProps>(view())).toEqual({ medications: [], loading: true, empty: false });
    await send(done('loadMedications', { medications: [...MEDICATIONS].reverse() }));
    const ready = props<MedicationsProps>(view());
    expect(ready.medications.map((m) => m.id)).toEqual(MEDICATIONS.map((m) => m.id));
    expect(ready.loading).toBe(false);
    await send({ type: 'BACK' });
    expect(view().screen).toBe(SCREEN.checkupList);
    await send({ type: 'MEDICATIONS' }, done('loadMedications', { medications: [] }));
    expect(props<MedicationsProps>(view())).toEqual({ medications: [], loading: false, empty: true });
    await send(
      { type: 'BACK' },
      { type: 'MEDICATIONS' },
      fail('loadMedications', platformErrors.unavailable()),
    );
    retryThenBack(view(), 'PLATFORM_UNAVAILABLE');
    await send({ type: 'RETRY' }, done('loadMedications', { medications: MEDICATIONS }));
    expect(props<MedicationsProps>(view()).medications).toHaveLength(MEDICATIONS.length);
    await send({ type: 'BACK' }, { type: 'MEDICATIONS' }, fail('loadMedications', platformErrors.network()), {
      type: 'BACK',
    });
    expect(view().screen).toBe(SCREEN.checkupList);
  });

  test('closed and session expired: a status while the session takes over', async () => {
    const closed = start();
    await closed.send(done('loadCheckups', { checkups: CHECKUPS }), { type: 'BACK' });
    expect(closed.view()).toEqual(
      onScreen(SCREEN.status, {
        titleKey: 'health.title.list',
        bodyKey: 'common.pleaseWait',
      } satisfies StatusProps),
    );
    const expired = start();
    await expired.send(fail('loadCheckups', platformErrors.sessionExpired()));
    expect(expired.view().screen).toBe(SCREEN.status);
  });

  test('every state of the machine maps to a registered health screen, a message or a status', () => {
    const leaves = (node: { key: string; states: Record<string, unknown> }, path: string[]): string[][] => {
      const children = Object.values(node.states) as Array<{ key: string; states: Record<string, unknown> }>;
      return children.length ? children.flatMap((child) => leaves(child, [...path, child.key])) : [path];
    };
    const all = leaves(healthMachine.root as never, []);
    expect(all.length).toBeGreaterThanOrEqual(16);
    const context = {
      ...healthMachine.config.context,
      checkups: CHECKUPS,
      checkup: CHECKUP,
      itemCode: '3D010',
    } as never;
    const known: string[] = [...Object.values(HealthScreen), SCREEN.message, SCREEN.status];
    for (const path of all) {
      const value = path.length === 1 ? path[0]! : { [path[0]!]: path[1]! };
      const snapshot = healthMachine.resolveState({ value, context });
      const view = healthView(snapshot);
      expect({ path, screen: known.includes(view.screen) ? 'known' : view.screen }).toEqual({
        path,
        screen: 'known',
      });
      expect(view.target).toBe('health');
      if (path[1] === 'error') expect(view.screen).toBe(SCREEN.message);
    }
  });
});
