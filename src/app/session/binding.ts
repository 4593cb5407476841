/**
 * Binds the session actor to the screen: the session's snapshot and its foreground child's
 * snapshot (login, registration, health, booking) both change what shows, but a child's change
 * does not make the session emit, so the binding follows the current child too. Every change
 * recomputes the view (pure: sessionView) and hands it on; events from screens go to the actor
 * the view names.
 */
import type { Actor, AnyActorRef, Subscription } from 'xstate';
import type { sessionMachine } from '../../features/session/machine/session.machine';
import type { AppEvent, ActorTarget } from '../screens/Screen';
import type { AppSettings } from '../settings/settings';
import type { AppView } from '../view/app-view';
import { sessionView } from '../../features/session/view/session-view';

export type SessionActor = Actor<typeof sessionMachine>;
const FLOWS = ['login', 'registration', 'health', 'booking'] as const;

export class SessionBinding {
  private child: AnyActorRef | undefined;
  private childSubscription: Subscription | undefined;
  private sessionSubscription: Subscription | undefined;
  private current: AppView | undefined;
  private currentJson = '';

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

  private refresh(): void {
    const snapshot = this.session.getSnapshot();
    const child = FLOWS.map((id) => this.childActor(id)).find((actor) => actor !== undefined);
    if (child !== this.child) {
      this.childSubscription?.unsubscribe();
      this.child = child;
      this.childSubscription = child?.subscribe(() => this.refresh());
    }
    const view = sessionView(snapshot, this.settings);
    // Every key is ACTIVITY for the session, and the session emits for it: hand on only real
    // changes, or the screen would be re-rendered (and its focus reset) before the key arrives.
    const json = JSON.stringify(view);
    if (json === this.currentJson) return;
    this.current = view;
    this.currentJson = json;
    this.onView(view);
  }
}
