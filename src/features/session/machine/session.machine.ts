/**
 * The viewer's session at the TV counter: the card bridge's connection and the card's presence
 * decide everything. A card in → login (→ registration the first time) → logged in, with the
 * renewal notice when the certificate runs out within 90 days (or the word that it was renewed),
 * the 変更確認 notice when the signature certificate was revoked or expired, the home menu, the
 * feature flows and, while a phone is paired, its touch remote. Logged in, the session ends when the card is removed, the bridge goes away, the viewer logs out,
 * the platform refuses the token refresh, or nobody touches the remote for the idle timeout; a
 * spoken warning comes `warningLeadMs` (≥ 20 s, WCAG 2.2.1) before, and one key extends.
 * Logging out forgets the profile (nothing personal stays in context; the child flows holding
 * screens of data are stopped). The machine never stores anything in Storage.
 */
import { and, assign, emit, fromCallback, fromPromise, or, setup, type AnyActorLogic } from 'xstate';
import type { bookingMachine } from '../../booking/machine/booking.machine';
import type { pairingMachine } from '../../companion/machine/pairing.machine';
import { phoneRemoteMachine } from '../../companion/machine/phone-remote.machine';
import { errorIs, sessionEndReason } from '../../../machines/errors';
import type { healthMachine } from '../../health/machine/health.machine';
import type { inboxMachine } from '../../inbox/machine/inbox.machine';
import { loginMachine, type LoginOutput } from '../../login/machine/login.machine';
import type { movingMachine } from '../../moving/machine/moving.machine';
import type { FlowMessageKey, MessageKey, MessageParams } from '../../../machines/messages';
import {
  notProvided,
  type BridgeWatchEvent,
  type CardPresence,
  type FeatureOutput,
  type PhonePairing,
  type Profile,
  type RefreshOutput,
} from '../../../machines/ports';
import type {
  registrationMachine,
  RegistrationOutput,
} from '../../registration/machine/registration.machine';
import { certificateNotice, signCertificateNotice } from './certificate-expiry';
import { companionState, pairingAfter, phoneRemoteRegion } from './companion-flow';
import { fromHome, HOME_SECTIONS } from './home-flows';
import { inboxState, noticeFacility, unreadOnHome } from './inbox-flow';
import { bridgeLost, phoneLoginState } from './phone-login-flow';

export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_WARNING_LEAD_MS = 30_000;
/** WCAG 2.2.1: at least 20 seconds to extend. */
export const MIN_WARNING_LEAD_MS = 20_000;
/** A refresh that failed for the network is tried again this much later. */
const REFRESH_RETRY_MS = 30_000;

export interface SessionInput {
  idleTimeoutMs?: number;
  warningLeadMs?: number;
}

export interface SessionContext {
  idleTimeoutMs: number;
  warningLeadMs: number;
  presence: CardPresence | 'unknown';
  /** The My Number Card's identity in the latest status (new at every insertion). */
  cardId: string | undefined;
  /** The card login and registration were started for; another one ends them. */
  flowCardId: string | undefined;
  profile: Profile | undefined;
  refreshAfterMs: number;
  /** Why the viewer is back at the start (logged out, or the card pulled during login), shown on
   * the next screen; cleared when a login starts. */
  logoutReason: FlowMessageKey | undefined;
  /** The e-post box's unread notices, for home (undefined when the platform did not say). */
  unreadNotices: number | undefined;
  /** A phone paired during this session (for the phone features), forgotten at logout. */
  pairing: PhonePairing | undefined;
}

export type SessionEvent =
  | BridgeWatchEvent
  | { type: 'OK' }
  | { type: 'ACTIVITY' }
  | { type: 'EXTEND' }
  | { type: 'LOGOUT' }
  | { type: 'PHONE_LOGIN' }
  | { type: 'OPEN'; section: 'health' | 'booking' | 'myBookings' | 'inbox' | 'moving' | 'companion' };

/** For the speech output (and the on-screen banner): subscribe with `actor.on('announce', …)`. */
export type SessionEmitted = { type: 'announce'; messageKey: MessageKey; params: MessageParams };

type Done<T> = { event: { output: T } };
const signedInOutput = ({ event }: Done<LoginOutput | RegistrationOutput>) =>
  event.output.outcome === 'signedIn';
const cardChangedOutput = ({ event }: Done<LoginOutput | RegistrationOutput>) =>
  event.output.outcome === 'cardChanged';
/** The flow ended because another card answered: start again, saying so, with no PIN sent to it. */
const restartForNewCard = {
  guard: cardChangedOutput,
  target: '#session.cardIdle',
  actions: 'noteCardChanged' as const,
};
/**
 * Login or registration for the card the flow started with: signed in goes to the home menu,
 * another card starts again; `otherOutcomes` come before the default (back to waiting for a card).
 */
const signingIn = <const O extends object[]>(src: 'login' | 'registration', ...otherOutcomes: O) => ({
  invoke: {
    id: src,
    src,
    input: ({ context }: { context: SessionContext }) => ({ cardId: context.flowCardId }),
    onDone: [
      { guard: signedInOutput, target: '#session.loggedIn', actions: 'setSignedIn' as const },
      restartForNewCard,
      ...otherOutcomes,
      { target: '#session.cardIdle' },
    ],
  },
});

/**
 * A flow whose machine comes with its feature's chunk, loaded on demand: always provided by the
 * runtime (src/app/session/adapters.ts), typed here as that machine.
 */
const providedLater = <T extends AnyActorLogic>(id: string): T =>
  fromPromise(notProvided(id)) as unknown as T;

export const sessionMachine = setup({
  types: {
    input: {} as SessionInput,
    context: {} as SessionContext,
    events: {} as SessionEvent,
    emitted: {} as SessionEmitted,
  },
  actors: {
    watchBridge: fromCallback(() => {
      throw new Error("actor 'watchBridge' not provided");
    }),
    login: loginMachine,
    registration: providedLater<typeof registrationMachine>('registration'),
    health: providedLater<typeof healthMachine>('health'),
    booking: providedLater<typeof bookingMachine>('booking'),
    inbox: providedLater<typeof inboxMachine>('inbox'),
    countUnread: fromPromise<number>(notProvided('countUnread')),
    moving: providedLater<typeof movingMachine>('moving'),
    companion: providedLater<typeof pairingMachine>('companion'),
    phoneRemote: phoneRemoteMachine,
    refreshTokens: fromPromise<RefreshOutput>(notProvided('refreshTokens')),
    logout: fromPromise<void>(notProvided('logout')),
  },
  actions: {
    setPresence: assign(({ context, event }) =>
      event.type === 'CARD_STATUS'
        ? { presence: event.presence, cardId: event.cardId }
        : { presence: context.presence, cardId: context.cardId },
    ),
    setSignedIn: assign(({ event }) => {
      const output = (event as unknown as { output: LoginOutput | RegistrationOutput }).output;
      return output.outcome === 'signedIn'
        ? {
            profile: output.signedIn.profile,
            refreshAfterMs: output.signedIn.refreshAfterMs,
            logoutReason: undefined,
          }
        : {};
    }),
    forgetPersonal: assign({
      profile: undefined,
      flowCardId: undefined,
      unreadNotices: undefined,
      pairing: undefined,
    }),
    keepPairing: assign({ pairing: pairingAfter }),
    noteCardChanged: assign({ logoutReason: 'cardChanged' }),
    startPhoneLogin: assign({ logoutReason: undefined, flowCardId: undefined }),
    forgetPresence: assign({ presence: 'unknown' }),
    noteBridgeLost: assign({ presence: 'unknown', logoutReason: 'loggedOutBridgeDown' }),
    noteUnread: assign({ unreadNotices: ({ event }) => (event as unknown as { output?: number }).output }),
    /** The platform ended the session: a feature flow's output or the refresh's error says why. */
    expired: assign({
      logoutReason: ({ event }) => {
        const { output, error } = event as unknown as { output?: FeatureOutput; error?: unknown };
        if (output)
          return (output.outcome === 'sessionExpired' && output.reason) || 'loggedOutSessionExpired';
        return sessionEndReason(error);
      },
    }),
    announceIdleWarning: emit(({ context }) => ({
      type: 'announce' as const,
      messageKey: 'idleWarning' as const,
      params: { seconds: Math.round(context.warningLeadMs / 1000) },
    })),
  },
  guards: {
    cardPresent: ({ context }) => context.presence === 'present',
    noReader: ({ context }) => context.presence === 'noReader',
    cardUnreadable: ({ context }) => context.presence === 'unreadable' || context.presence === 'unsupported',
    cardGone: ({ event }) => event.type === 'CARD_STATUS' && event.presence !== 'present',
    /** Another card than the flow's (a swap faster than the reader's polling shows as just this). */
    cardSwapped: ({ context, event }) =>
      event.type === 'CARD_STATUS' && context.flowCardId !== undefined && event.cardId !== context.flowCardId,
    /** Logged in with the card in the box's reader (not by the phone): the card's presence matters. */
    cardLogin: ({ context }) => context.profile?.loginMethod !== 'phone',
    renewalDue: ({ context }) => certificateNotice(context.profile) !== undefined,
    signNoticeDue: ({ context }) => signCertificateNotice(context.profile) !== undefined,
    renewedNow: ({ context }) => context.profile?.certificate.renewed === true,
  },
  delays: {
    idleWarning: ({ context }) => context.idleTimeoutMs - context.warningLeadMs,
    warningLead: ({ context }) => context.warningLeadMs,
    refreshDelay: ({ context }) => context.refreshAfterMs,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => {
    const warningLeadMs = Math.max(MIN_WARNING_LEAD_MS, input.warningLeadMs ?? DEFAULT_WARNING_LEAD_MS);
    return {
      warningLeadMs,
      idleTimeoutMs: Math.max(warningLeadMs + 1000, input.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS),
      presence: 'unknown',
      cardId: undefined,
      flowCardId: undefined,
      profile: undefined,
      refreshAfterMs: 0,
      logoutReason: undefined,
      unreadNotices: undefined,
      pairing: undefined,
    };
  },
  invoke: { id: 'watchBridge', src: 'watchBridge' },
  on: {
    BRIDGE_DOWN: { target: '.bridgeDown', actions: assign({ presence: 'unknown' }) },
    // Up, but this app is turned away (no token, or a wrong one): only reopening the app helps.
    BRIDGE_REFUSED: { target: '.bridgeRefused', actions: assign({ presence: 'unknown' }) },
    // It answers, but serves no protocol this app speaks: the box's update brings it back.
    BRIDGE_UNSUPPORTED: { target: '.bridgeUnsupported', actions: assign({ presence: 'unknown' }) },
    CARD_STATUS: { actions: 'setPresence' },
  },
  initial: 'connecting',
  states: {
    connecting: { on: { CARD_STATUS: { target: 'routing', actions: 'setPresence' } } },
    bridgeDown: { on: { CARD_STATUS: { target: 'routing', actions: 'setPresence' } } },
    /** The client keeps retrying in the background: a connection that opens ends this. */
    bridgeRefused: { on: { CARD_STATUS: { target: 'routing', actions: 'setPresence' } } },
    bridgeUnsupported: { on: { CARD_STATUS: { target: 'routing', actions: 'setPresence' } } },
    routing: {
      always: [
        { guard: 'cardPresent', target: 'authenticating' },
        { guard: ({ context }) => context.presence === 'checking', target: 'checkingCard' },
        { guard: ({ context }) => context.presence === 'serviceUnavailable', target: 'readerUnavailable' },
        { guard: 'noReader', target: 'noReader' },
        { guard: 'cardUnreadable', target: 'unreadableCard' },
        { target: 'waitingForCard' },
      ],
    },
    noReader: {
      on: { CARD_STATUS: { target: 'routing', actions: 'setPresence' }, PHONE_LOGIN: 'phoneLogin' },
    },
    /** No reader: the viewer's card read on the phone logs in (phone-login-flow.ts). */
    phoneLogin: phoneLoginState,
    /** A card just inserted, not yet classified by the bridge: no login until it is. */
    checkingCard: { on: { CARD_STATUS: { target: 'routing', actions: 'setPresence' } } },
    /** The box's reader service is down or restarting: the bridge says when it is back. */
    readerUnavailable: { on: { CARD_STATUS: { target: 'routing', actions: 'setPresence' } } },
    waitingForCard: { on: { CARD_STATUS: { target: 'routing', actions: 'setPresence' } } },
    unreadableCard: { on: { CARD_STATUS: { target: 'routing', actions: 'setPresence' } } },
    authenticating: {
      entry: assign(({ context }) => ({ logoutReason: undefined, flowCardId: context.cardId })),
      // Pulling the card stops login or registration (and with it whatever was typed); so does
      // another card, whose status names another identity.
      on: {
        CARD_STATUS: [
          {
            guard: 'cardGone',
            target: 'routing',
            actions: ['setPresence', assign({ logoutReason: 'cardRemoved' })],
          },
          { guard: 'cardSwapped', target: 'cardIdle', actions: ['setPresence', 'noteCardChanged'] },
        ],
      },
      initial: 'login',
      states: {
        login: signingIn('login', {
          guard: ({ event }: Done<LoginOutput>) => event.output.outcome === 'registrationRequired',
          target: 'registration' as const,
        }),
        registration: signingIn('registration'),
      },
    },
    /**
     * A card is in but the viewer left the login: OK starts it again, or pull the card. Also where
     * a flow ends when another card answered: the viewer reads why, and OK starts that card's login.
     */
    cardIdle: {
      on: {
        OK: 'authenticating',
        CARD_STATUS: { guard: 'cardGone', target: 'routing', actions: 'setPresence' },
      },
    },
    loggedIn: {
      type: 'parallel',
      exit: 'forgetPersonal',
      on: {
        // Another card's identity means this one was taken out, however fast the swap.
        CARD_STATUS: {
          guard: and(['cardLogin', or(['cardGone', 'cardSwapped'])]),
          target: 'loggingOut',
          actions: ['setPresence', assign({ logoutReason: 'loggedOutCardRemoved' })],
        },
        BRIDGE_DOWN: bridgeLost,
        BRIDGE_REFUSED: bridgeLost,
        BRIDGE_UNSUPPORTED: bridgeLost,
        LOGOUT: { target: 'loggingOut', actions: assign({ logoutReason: 'loggedOutByViewer' }) },
      },
      states: {
        screen: {
          initial: 'checkingCertificate',
          states: {
            checkingCertificate: {
              always: [
                { guard: 'renewalDue', target: 'certificateNotice' },
                { guard: 'renewedNow', target: 'renewedNotice' },
                { target: 'checkingSignCertificate' },
              ],
            },
            certificateNotice: { on: { OK: 'checkingSignCertificate' } },
            /** The first login with a renewed certificate (新旧紐付け): said once. */
            renewedNotice: { on: { OK: 'checkingSignCertificate' } },
            /** 変更確認: the signature certificate revoked (e.g. after a move) or expired, told once. */
            checkingSignCertificate: {
              always: [{ guard: 'signNoticeDue', target: 'signCertificateNotice' }, { target: 'home' }],
            },
            /** After a move, the address change can start from here; OK is home as before. */
            signCertificateNotice: {
              on: {
                OK: 'home',
                OPEN: { guard: ({ event }) => event.section === 'moving', target: 'moving' },
              },
            },
            home: {
              invoke: unreadOnHome,
              on: {
                OPEN: HOME_SECTIONS,
              },
            },
            health: { invoke: fromHome('health') },
            booking: { invoke: { ...fromHome('booking'), input: noticeFacility } },
            inbox: inboxState,
            companion: companionState,
            /** The home menu's "my bookings": the booking flow, started at the viewer's bookings. */
            myBookings: { invoke: { ...fromHome('booking'), input: { start: 'myBookings' } } },
            /** Telling services of a move (from home or the 変更確認 notice), with the login's card. */
            moving: {
              invoke: { ...fromHome('moving'), input: ({ context }) => ({ cardId: context.flowCardId }) },
            },
          },
        },
        phone: phoneRemoteRegion,
        idle: {
          initial: 'active',
          states: {
            active: {
              after: { idleWarning: 'warning' },
              on: { ACTIVITY: { target: 'active', reenter: true } },
            },
            warning: {
              entry: 'announceIdleWarning',
              after: {
                warningLead: {
                  target: '#session.loggingOut',
                  actions: assign({ logoutReason: 'loggedOutIdle' }),
                },
              },
              on: { ACTIVITY: 'active', EXTEND: 'active' },
            },
          },
        },
        tokens: {
          initial: 'fresh',
          states: {
            fresh: { after: { refreshDelay: 'refreshing' } },
            refreshing: {
              invoke: {
                id: 'refreshTokens',
                src: 'refreshTokens',
                onDone: {
                  target: 'fresh',
                  actions: assign({ refreshAfterMs: ({ event }) => event.output.refreshAfterMs }),
                },
                onError: [
                  // The network, not the session, failed: try again a little later.
                  {
                    guard: ({ event }) => errorIs(event, 'platformDown'),
                    target: 'fresh',
                    actions: assign({ refreshAfterMs: REFRESH_RETRY_MS }),
                  },
                  { target: '#session.loggingOut', actions: 'expired' },
                ],
              },
            },
          },
        },
      },
    },
    loggingOut: {
      entry: 'forgetPersonal',
      invoke: { id: 'logout', src: 'logout', onDone: 'loggedOut', onError: 'loggedOut' },
    },
    loggedOut: {
      on: {
        OK: [{ guard: 'cardPresent', target: 'authenticating' }, { target: 'routing' }],
        CARD_STATUS: { guard: 'cardGone', target: 'routing', actions: 'setPresence' },
      },
    },
  },
});
