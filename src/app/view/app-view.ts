/**
 * What the shell shows, computed from the machines' snapshots by pure functions (one per flow:
 * session-view, login-view, registration-view, health-view, booking-view). The shell mounts
 * `main.screen` from the registry, hands it `main.props`, and routes the screen's events to the
 * actor `main.target`. Screens never read snapshots themselves.
 */
import type { MessageRef } from '../i18n/i18n';
import type { ActorTarget, AppEvent } from '../screens/Screen';

export interface ScreenView<Props = unknown> {
  /** A key of the screen registry (src/app/screens/registry.ts), e.g. 'pin-entry'. */
  screen: string;
  props: Props;
  target: ActorTarget;
}

export interface AppView {
  main: ScreenView;
  /** The idle warning over whatever shows (session.loggedIn.idle.warning). */
  idleWarning?: { seconds: number };
}

/** A button on a message screen: its label's translation key and the event OK on it sends. */
export interface MessageAction {
  labelKey: string;
  event: AppEvent;
}

/**
 * The full-screen message ('message' screen): errors (what happened, what to do, the operator's
 * phone) and notices. The first action has the focus; Back sends the last action's event.
 */
export interface MessageProps {
  tone: 'error' | 'notice';
  /** Translation key of the title, e.g. 'common.title.error'. */
  titleKey: string;
  body: MessageRef;
  /** A second paragraph in both languages (e.g. the facility's cancellation rule). */
  rule?: { ja: string; en: string };
  actions: MessageAction[];
  /** Show "call OPERATOR (PHONE)". */
  contact: boolean;
}

/** 'status': something is in progress (connecting, signing, loading); no keys. */
export interface StatusProps {
  /** Translation key of the title. */
  titleKey: string;
  /** Translation key of the line below (e.g. 'common.working'), or a flow message. */
  bodyKey?: string;
  body?: MessageRef;
}

export const messageView = (target: ActorTarget, props: MessageProps): ScreenView<MessageProps> => ({
  screen: 'message',
  target,
  props,
});

export const statusView = (target: ActorTarget, props: StatusProps): ScreenView<StatusProps> => ({
  screen: 'status',
  target,
  props,
});
