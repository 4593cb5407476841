/**
 * What the shell shows, computed from the machines' snapshots by pure functions (one per feature:
 * src/features/<feature>/view/<feature>-view.ts). The shell mounts `main.screen` from the registry,
 * hands it `main.props`, and routes the screen's events to the actor `main.target`. Screens never
 * read snapshots themselves. Below: the shell's message and status views, and the helpers the
 * flows' views share (a snapshot's state name, an error's message, the two error screens).
 */
import type { FlowError } from '../../machines/errors';
import type { MessageRef } from '../i18n/i18n';
import type { ActorTarget, AppEvent } from '../screens/Screen';
import { ShellScreen, type ScreenId } from '../screens/ids';

export interface ScreenView<Props = unknown> {
  /** A screen id as its feature's index.ts declares it (src/app/screens/ids.ts has them all). */
  screen: ScreenId;
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
  /** Which action starts with the focus (default the first): the harmless one where an action cannot be undone. */
  focus?: number;
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
  screen: ShellScreen.message,
  target,
  props,
});

export const statusView = (target: ActorTarget, props: StatusProps): ScreenView<StatusProps> => ({
  screen: ShellScreen.status,
  target,
  props,
});

/** "active.typing", "locked", …: the snapshot's state as one dotted name. */
export const stateName = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const [parent, child] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
  return `${parent}.${stateName(child)}`;
};

/** The message a flow error carries, with the tries left when the card told them. */
export const errorRef = (
  error: FlowError | undefined,
  fallback: MessageRef['key'] = 'unexpected',
): MessageRef => {
  if (!error) return { key: fallback };
  return error.triesLeft === undefined
    ? { key: error.messageKey }
    : { key: error.messageKey, params: { triesLeft: error.triesLeft } };
};

/** The shared shape of the error screens: OK ends a dead end; RETRY (focused) or CANCEL otherwise. */
export const deadEndView = (target: ActorTarget, titleKey: string, body: MessageRef): ScreenView =>
  messageView(target, {
    tone: 'error',
    titleKey,
    body,
    actions: [{ labelKey: 'login.understood', event: { type: 'OK' } }],
    contact: true,
  });

/** A notice, not an error: nothing to contact anyone about; `focus` is the action to start on. */
export const noticeView = (
  target: ActorTarget,
  titleKey: string,
  body: MessageRef,
  actions: MessageAction[],
  focus?: number,
): ScreenView =>
  messageView(target, {
    tone: 'notice',
    titleKey,
    body,
    actions,
    ...(focus === undefined ? {} : { focus }),
    contact: false,
  });

export const retryableView = (target: ActorTarget, titleKey: string, body: MessageRef): ScreenView => {
  const actions: MessageAction[] = [
    { labelKey: 'common.retry', event: { type: 'RETRY' } },
    { labelKey: 'common.cancel', event: { type: 'CANCEL' } },
  ];
  return messageView(target, { tone: 'error', titleKey, body, actions, contact: true });
};
