/**
 * The check each signing flow's view test ends with: every state of the machine has a view of its
 * own (not the "please wait" a state added without one falls back to), and every translation key
 * that view names exists. Japanese is the reference; the i18n test holds the languages' parity.
 */
import type { AnyStateMachine } from 'xstate';
import type { MessageProps, ScreenView, StatusProps } from '../../../app/view/app-view';
import { startWithFakes, type ModelSpec } from '../../../machines/testing/model';

export function expectEveryStateViewed<M extends AnyStateMachine>(
  spec: ModelSpec<M>,
  view: (snapshot: never) => ScreenView,
  japanese: Record<string, unknown>,
  stateCount: number,
): void {
  const { context } = startWithFakes(spec).actor.getSnapshot();
  const values = Object.entries(spec.machine.root.states).flatMap(([key, node]): unknown[] =>
    Object.keys(node.states).length ? Object.keys(node.states).map((child) => ({ [key]: child })) : [key],
  );
  expect(values.length).toBe(stateCount);
  for (const value of values) {
    const shown = view({ value, context } as never);
    expect([value, (shown.props as StatusProps).titleKey]).not.toEqual([value, 'common.pleaseWait']);
    const props = shown.props as Partial<StatusProps & MessageProps>;
    const keys = [props.titleKey, props.bodyKey, ...(props.actions ?? []).map((action) => action.labelKey)];
    for (const key of keys.filter(Boolean)) expect([key, key! in japanese]).toEqual([key, true]);
  }
}
