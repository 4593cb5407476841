/**
 * The rules that protect the viewer's tries, as every model test of a flow that signs checks them
 * on each path it walks: a sign only for an OK or CONFIRM the viewer pressed, and the last try's
 * one-time value only with a CONFIRM, and only ever the bridge's own.
 */
import type { AnyEventObject } from 'xstate';
import type { FakeActors } from './fake-actors';
import { CONFIRMATION } from './fixtures';

interface WalkedPath {
  path: { steps: ReadonlyArray<{ event: AnyEventObject }> };
}

const pressed = (path: WalkedPath, ...types: string[]) =>
  path.path.steps.filter((step) => types.includes(step.event.type)).length;

/** `signIds`: the invoke ids of the card's sign calls, each with its own secret. */
export function expectOnlyAskedTries(fakes: FakeActors, path: WalkedPath, signIds: readonly string[]): void {
  for (const id of signIds) {
    expect(fakes.inputsOf(id).length).toBeLessThanOrEqual(pressed(path, 'OK', 'CONFIRM'));
  }
  const confirmed = signIds
    .flatMap((id) => fakes.inputsOf(id))
    .map((input) => (input as { confirmLastAttempt?: unknown }).confirmLastAttempt)
    .filter((value) => value !== undefined);
  expect(confirmed.length).toBeLessThanOrEqual(pressed(path, 'CONFIRM'));
  for (const value of confirmed) expect(value).toBe(CONFIRMATION);
}
