/**
 * The machines' figures, read through XState's inspection API (the session actor's `inspect`
 * option), so no machine carries telemetry code: a login actor that finishes counts its outcome,
 * the time from the viewer's OK (or the last try's CONFIRM) to logged in is the login latency, and
 * any actor whose context shows a new `error` counts its kind (two wrong PINs in a row count two). Only event types, error kinds and
 * outcomes are read; a PIN digit an event carries is never looked at, nothing is kept but a time.
 */
import type { InspectionEvent } from 'xstate';
import type { FlowError } from '../../machines/errors';
import { errorFigure, LOGIN_OUTCOMES, loginFigure } from './app-figures';
import type { AppTelemetry } from './app-telemetry';

const SUBMIT_EVENTS = new Set(['OK', 'CONFIRM']);

type Ref = InspectionEvent['actorRef'];

export function sessionInspector(
  telemetry: AppTelemetry,
  now: () => number = () => performance.now(),
): (event: InspectionEvent) => void {
  const submittedAt = new WeakMap<Ref, number>();
  const lastError = new WeakMap<Ref, FlowError>();
  return (inspection) => {
    const ref = inspection.actorRef;
    const isLogin = (ref as { src?: unknown }).src === 'login';
    if (inspection.type === '@xstate.event' && isLogin && SUBMIT_EVENTS.has(inspection.event.type)) {
      submittedAt.set(ref, now());
    }
    if (inspection.type !== '@xstate.snapshot') return;
    const snapshot = inspection.snapshot as {
      status?: string;
      output?: { outcome?: unknown };
      context?: { error?: FlowError };
    };
    // A new error is a new object in context (assign makes one); the same object is the same error.
    const error = snapshot.context?.error;
    if (error !== undefined && error !== lastError.get(ref)) telemetry.tally.count(errorFigure(error.kind));
    if (error === undefined) lastError.delete(ref);
    else lastError.set(ref, error);
    if (isLogin && snapshot.status === 'done') {
      const outcome = snapshot.output?.outcome;
      if (!LOGIN_OUTCOMES.includes(outcome as never)) return;
      telemetry.tally.count(loginFigure(outcome as (typeof LOGIN_OUTCOMES)[number]));
      const started = submittedAt.get(ref);
      if (started !== undefined && outcome !== 'cancelled' && outcome !== 'cardChanged') {
        telemetry.tally.latency('app.login.ms', now() - started);
      }
    }
  };
}
