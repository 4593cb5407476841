/**
 * Binds the session actor to the screen: the session's snapshot and its foreground child's
 * snapshot (login, registration, health, booking) both change what shows, but a child's change
 * does not make the session emit, so the binding follows the current child too. The view (pure:
 * sessionView) is derived again only when what it reads changed (the session's state and context,
 * the flows' snapshots), and the new view keeps the parts of the old one that did not change, so
 * the shell can tell by identity what to patch. Events from screens go to the actor the view names.
 * A flow that runs the secret entry as a child of its own (moving) shows that child's typing: the
 * binding follows it too.
 */
import type { Actor, AnyActorRef, Subscription } from 'xstate';
import type { sessionMachine } from '../../features/session/machine/session.machine';
import type { AppEvent, ActorTarget } from '../screens/Screen';
import type { AppSettings } from '../settings/settings';
import type { AppView } from '../view/app-view';
import { sessionView } from '../../features/session/view/session-view';
import { lazyView, loadedCount } from '../screens/families';
import { sameValue } from '../view/same-value';

export type SessionActor = Actor<typeof sessionMachine>;
const FLOWS = ['login', 'registration', 'health', 'booking', 'inbox', 'moving', 'companion'] as const;
/** The id a flow gives the secret entry it invokes (its snapshot changes without the flow's). */
const ENTRY = 'passwordEntry';

const childOf = (actor: AnyActorRef | undefined, id: string): AnyActorRef | undefined =>
  (actor?.getSnapshot().children as Record<string, AnyActorRef | undefined> | undefined)?.[id];

export class SessionBinding {
  private child: AnyActorRef | undefined;
  private childSubscription: Subscription | undefined;
  private entry: AnyActorRef | undefined;
  private entrySubscription: Subscription | undefined;
  private sessionSubscription: Subscription | undefined;
  private current: AppView | undefined;
  /** What the current view was derived from: the session's context and value, each flow's snapshot. */
  private readonly derivedFrom: unknown[] = [];

  constructor(
    readonly session: SessionActor,
    private readonly settings: AppSettings,
    private readonly onView: (view: AppView) => void,
  ) {}

  start(): void {
    this.sessionSubscription = this.session.subscribe(() => this.refresh());
    this.refresh();
  }

  stop(): void {
    this.sessionSubscription?.unsubscribe();
    this.childSubscription?.unsubscribe();
    this.entrySubscription?.unsubscribe();
  }

  get view(): AppView | undefined {
    return this.current;
  }

  /** The flow in the foreground (login, registration, health, booking), if one runs. */
  get flow(): AnyActorRef | undefined {
    return this.child;
  }

  /** Sends a screen's event to the actor its view targets (a vanished child ignores it). */
  send(target: ActorTarget, event: AppEvent): void {
    const actor = target === 'session' ? this.session : this.childActor(target);
    actor?.send(event as never);
  }

  private childActor(id: string): AnyActorRef | undefined {
    return (this.session.getSnapshot().children as Record<string, AnyActorRef | undefined>)[id];
  }

  /** Derives the view again if anything it reads changed (also: a family's chunk came in). */
  refresh(): void {
    const snapshot = this.session.getSnapshot();
    let child: AnyActorRef | undefined;
    for (const id of FLOWS) child ??= this.childActor(id);
    if (child !== this.child) {
      this.childSubscription?.unsubscribe();
      this.child = child;
      this.childSubscription = child?.subscribe(() => this.refresh());
    }
    const entry = childOf(child, ENTRY);
    if (entry !== this.entry) {
      this.entrySubscription?.unsubscribe();
      this.entry = entry;
      this.entrySubscription = entry?.subscribe(() => this.refresh());
    }
    // Every key is ACTIVITY for the session, and the session emits for it: nothing the view reads
    // changes then, so nothing is derived, and the screen is not touched before the key arrives.
    if (!this.inputsChanged(snapshot)) return;
    const next = sessionView(snapshot, this.settings, lazyView);
    const previous = this.current;
    const main = previous && sameValue(next.main, previous.main) ? previous.main : next.main;
    const idleWarning =
      previous && sameValue(next.idleWarning, previous.idleWarning) ? previous.idleWarning : next.idleWarning;
    if (previous && main === previous.main && idleWarning === previous.idleWarning) return;
    this.current = idleWarning ? { main, idleWarning } : { main };
    this.onView(this.current);
  }

  /** Records what sessionView reads (of `snapshot`, the families loaded); false when all is as last time. */
  private inputsChanged(snapshot: ReturnType<SessionActor['getSnapshot']>): boolean {
    const inputs = this.derivedFrom;
    let changed =
      inputs.length === 0 || snapshot.context !== inputs[0] || !sameValue(snapshot.value, inputs[1]);
    inputs[0] = snapshot.context;
    inputs[1] = snapshot.value;
    for (let i = 0; i < FLOWS.length; i += 1) {
      const flow = this.childActor(FLOWS[i]!)?.getSnapshot();
      changed ||= flow !== inputs[2 + i];
      inputs[2 + i] = flow;
    }
    const entry = childOf(this.child, ENTRY)?.getSnapshot();
    changed ||= entry !== inputs[2 + FLOWS.length];
    inputs[2 + FLOWS.length] = entry;
    // A flow's view comes with its family's chunk: one arriving may change the view.
    changed ||= loadedCount() !== inputs[3 + FLOWS.length];
    inputs[3 + FLOWS.length] = loadedCount();
    return changed;
  }
}
