/**
 * The session's snapshot → what the shell shows. Before login and after it the session's own
 * states choose the screen; inside login, registration, health and booking the child flow's view
 * function does (their snapshots are read from the session's children).
 */
import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { certificateNotice, signCertificateNotice } from '../machine/certificate-expiry';
import type { sessionMachine } from '../machine/session.machine';
import type { AppSettings } from '../../../app/settings/settings';
import { messageView, noticeView, statusView } from '../../../app/view/app-view';
import type { AppView, MessageAction, MessageProps, ScreenView } from '../../../app/view/app-view';
import { loginView } from '../../login/view/login-view';
import { SessionScreen } from '../index';

export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

const childSnapshot = (snapshot: SessionSnapshot, id: string): unknown =>
  (snapshot.children as Record<string, AnyActorRef | undefined>)[id]?.getSnapshot();

const waiting = (titleKey: string, bodyKey = 'common.pleaseWait'): ScreenView =>
  statusView('session', { titleKey, bodyKey });

/** Something happened the viewer should know of; nothing went wrong, so nobody needs calling. */
const notice = (titleKey: string, body: MessageProps['body'], actions: MessageAction[]): ScreenView =>
  noticeView('session', titleKey, body, actions);

/**
 * The card, the reader or the bridge is not usable: nothing to press, the screen changes by itself
 * when it is; `contact` when only the operator can help.
 */
const cannotGoOn = (titleKey: string, body: MessageProps['body'], contact: boolean): ScreenView =>
  messageView('session', { tone: 'error', titleKey, body, actions: [], contact });

const OK: MessageAction[] = [{ labelKey: 'common.ok', event: { type: 'OK' } }];
const MOVED: MessageAction[] = [
  { labelKey: 'shell.startMoving', event: { type: 'OPEN', section: 'moving' } },
  ...OK,
];

/** The flows whose view comes with their family's chunk (loaded on demand), by the flow's id. */
export type LazyFlow = 'registration' | 'health' | 'booking' | 'inbox' | 'moving' | 'companion';
/** A lazy flow's view once its chunk is in (undefined before). */
export type FlowViews = (flow: LazyFlow) => ((snapshot: never) => ScreenView) | undefined;

const noLazyViews: FlowViews = () => undefined;

/**
 * The flow in the foreground, by its view: login's is in the initial bundle; the others come with
 * their family's chunk. Before it is in, the checking status names the flow as its target, so the
 * shell waits for that family (or says it could not load it, with a retry) and derives the view
 * again once it is in.
 */
function flowView(snapshot: SessionSnapshot, id: 'login' | LazyFlow, views: FlowViews): ScreenView {
  const child = childSnapshot(snapshot, id);
  if (!child) return waiting('common.title.checking');
  if (id === 'login') return loginView(child as Parameters<typeof loginView>[0]);
  const view = views(id);
  // A flow started before its chunk was in waits in a snapshot without a state until it is.
  const started = typeof (child as { matches?: unknown }).matches === 'function';
  if (!view || !started)
    return statusView(id, { titleKey: 'common.title.checking', bodyKey: 'common.pleaseWait' });
  return (view as (s: unknown) => ScreenView)(child);
}

function loggedInView(snapshot: SessionSnapshot, settings: AppSettings, views: FlowViews): ScreenView {
  const { profile } = snapshot.context;
  if (snapshot.matches({ loggedIn: { screen: 'certificateNotice' } })) {
    const notice = certificateNotice(profile);
    return {
      screen: SessionScreen.certificateNotice,
      target: 'session',
      props: { days: Number(notice?.params.days ?? 0) },
    };
  }
  if (snapshot.matches({ loggedIn: { screen: 'renewedNotice' } })) {
    return notice('shell.certificateRenewedTitle', { key: 'certificateRenewed' }, OK);
  }
  if (snapshot.matches({ loggedIn: { screen: 'signCertificateNotice' } })) {
    const key = signCertificateNotice(profile) ?? 'signCertificateChanged';
    // After a move the address change can start from here; Back, like OK, goes home.
    return notice('shell.signCertificateTitle', { key }, key === 'signCertificateChanged' ? MOVED : OK);
  }
  if (snapshot.matches({ loggedIn: { screen: SessionScreen.home } })) {
    return {
      screen: SessionScreen.home,
      target: 'session',
      props: {
        displayName: profile?.displayName ?? '',
        services: settings.services,
        ...(snapshot.context.unreadNotices === undefined ? {} : { unread: snapshot.context.unreadNotices }),
        ...(profile?.loginMethod === 'phone' ? { byPhone: true } : {}),
      },
    };
  }
  if (snapshot.matches({ loggedIn: { screen: 'health' } })) return flowView(snapshot, 'health', views);
  if (snapshot.matches({ loggedIn: { screen: 'inbox' } })) return flowView(snapshot, 'inbox', views);
  if (snapshot.matches({ loggedIn: { screen: 'booking' } })) return flowView(snapshot, 'booking', views);
  if (snapshot.matches({ loggedIn: { screen: 'myBookings' } })) return flowView(snapshot, 'booking', views);
  if (snapshot.matches({ loggedIn: { screen: 'moving' } })) return flowView(snapshot, 'moving', views);
  if (snapshot.matches({ loggedIn: { screen: 'companion' } })) return flowView(snapshot, 'companion', views);
  return waiting('common.title.checking');
}

function mainView(snapshot: SessionSnapshot, settings: AppSettings, views: FlowViews): ScreenView {
  const value = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0];
  switch (value) {
    case 'waitingForCard': {
      // Why the viewer is back here (the card was pulled during login, a logout), if they are.
      const reason = snapshot.context.logoutReason;
      return {
        screen: SessionScreen.insertCard,
        target: 'session',
        props: reason ? { notice: { key: reason } } : {},
      };
    }
    case 'unreadableCard':
      // A card the bridge knows is not a My Number card, or one it cannot talk to (mute).
      return snapshot.context.presence === 'unsupported'
        ? cannotGoOn('common.title.card', { key: 'notMyNumberCard' }, false)
        : cannotGoOn('common.title.card', { key: 'cardUnreadable' }, true);
    case 'checkingCard':
      // A card just went in and the bridge is still classifying it.
      return waiting('common.title.checking');
    case 'readerUnavailable':
      // The box restarts its reader service by itself; the screen changes when it is back.
      return cannotGoOn('common.title.connection', { key: 'readerServiceUnavailable' }, false);
    case 'noReader':
      // No reader to put the card in: the card read on the phone logs in instead.
      return messageView('session', {
        tone: 'error',
        titleKey: 'common.title.connection',
        body: { key: 'noReaderOrPhone' },
        actions: [{ labelKey: 'shell.phoneLogin', event: { type: 'PHONE_LOGIN' } }],
        contact: true,
      });
    case 'phoneLogin':
      // Closing a session the viewer left before its home: a moment's wait.
      return snapshot.matches({ phoneLogin: 'closing' })
        ? waiting('common.title.checking')
        : flowView(snapshot, 'companion', views);
    case 'bridgeDown':
      // Nothing to press: the screen changes by itself when the reader or the bridge is back.
      return cannotGoOn('common.title.connection', { key: value }, true);
    case 'bridgeRefused':
      // The box's launch URL carries the bridge's token; reopening the app is what brings it back.
      return cannotGoOn('shell.bridgeRefusedTitle', { key: 'bridgeRefused' }, true);
    case 'bridgeUnsupported':
      // Nothing is wrong with the viewer's card or remote: the box's update brings the login back,
      // and the screen changes by itself when it comes. Said as a notice, with whom to ask.
      return messageView('session', {
        tone: 'notice',
        titleKey: 'shell.bridgeUnsupportedTitle',
        body: { key: 'bridgeUnsupported' },
        actions: [],
        contact: true,
      });
    case 'authenticating':
      return flowView(
        snapshot,
        snapshot.matches({ authenticating: 'registration' }) ? 'registration' : 'login',
        views,
      );
    case 'cardIdle':
      return notice(
        'shell.cardIdleTitle',
        // After a swap: why the flow started again (nothing was sent to the new card).
        { key: snapshot.context.logoutReason === 'cardChanged' ? 'cardChanged' : 'pressOkToLogIn' },
        [{ labelKey: 'shell.logIn', event: { type: 'OK' } }],
      );
    case 'loggedIn':
      return loggedInView(snapshot, settings, views);
    case 'loggingOut':
      return waiting('shell.loggingOut');
    case 'loggedOut':
      return messageView('session', {
        tone: 'notice',
        titleKey: 'shell.loggedOutTitle',
        body: { key: snapshot.context.logoutReason ?? 'loggedOutByViewer' },
        actions: [{ labelKey: 'shell.logInAgain', event: { type: 'OK' } }],
        contact: snapshot.context.logoutReason === 'loggedOutBridgeDown',
      });
    default:
      // connecting, routing
      return statusView('session', { titleKey: 'shell.connecting', body: { key: 'connectingBridge' } });
  }
}

/** `views`: the lazy flows' views loaded so far (the shell's families); none in the session's own tests. */
export function sessionView(
  snapshot: SessionSnapshot,
  settings: AppSettings,
  views: FlowViews = noLazyViews,
): AppView {
  const view: AppView = { main: mainView(snapshot, settings, views) };
  if (snapshot.matches({ loggedIn: { idle: 'warning' } })) {
    view.idleWarning = { seconds: Math.round(snapshot.context.warningLeadMs / 1000) };
  }
  return view;
}
