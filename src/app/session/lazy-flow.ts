/**
 * A flow whose machine comes with its family's chunk (screens/families.ts), as the session invokes
 * it. When the chunk is in — normally: the families are fetched right after the first frame — it is
 * that machine, provided with its actors, from its first snapshot on. When not yet, the flow waits
 * in a snapshot without a state (the session view shows "checking" naming the flow, so the shell
 * waits for the chunk or offers its retry) and starts with the input it was given as soon as the
 * chunk is in; events before that are dropped (none of its screens is up to send them).
 */
import type { AnyActorLogic, AnyActorScope, EventObject } from 'xstate';

const LOADED = 'madoguchi.flowLoaded';

interface Waiting {
  status: 'active';
  output: undefined;
  error: undefined;
  waitingFor: { input: unknown };
}

const isWaiting = (snapshot: unknown): snapshot is Waiting =>
  typeof snapshot === 'object' && snapshot !== null && 'waitingFor' in snapshot;

/** `resolve`: the provided machine once its chunk is in; `loaded`: resolves when it is (loading it). */
export function lazyFlowLogic(
  resolve: () => AnyActorLogic | undefined,
  loaded: () => Promise<unknown>,
): AnyActorLogic {
  const real = (): AnyActorLogic => {
    const logic = resolve();
    if (!logic) throw new Error('lazy flow: its chunk is not in');
    return logic;
  };
  const logic = {
    getInitialSnapshot(scope: AnyActorScope, input: unknown): unknown {
      const machine = resolve();
      if (machine) return machine.getInitialSnapshot(scope, input);
      const waiting: Waiting = {
        status: 'active',
        output: undefined,
        error: undefined,
        waitingFor: { input },
      };
      return waiting;
    },
    start(snapshot: unknown, scope: AnyActorScope): void {
      if (!isWaiting(snapshot)) {
        real().start?.(snapshot, scope);
        return;
      }
      void loaded().then(() => scope.self.send({ type: LOADED }));
    },
    transition(snapshot: unknown, event: EventObject, scope: AnyActorScope): unknown {
      if (!isWaiting(snapshot)) return real().transition(snapshot, event, scope);
      // The machine's first snapshot; the children it invokes start once this step is done.
      return event.type === LOADED ? real().getInitialSnapshot(scope, snapshot.waitingFor.input) : snapshot;
    },
    getPersistedSnapshot(snapshot: unknown, options?: unknown): unknown {
      return isWaiting(snapshot) ? snapshot : real().getPersistedSnapshot(snapshot, options as never);
    },
  };
  return logic as unknown as AnyActorLogic;
}
