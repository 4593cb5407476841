/** The session machine's test model: bridge, card, child flow outcomes and timers. */
import type { SnapshotFrom } from 'xstate';
import {
  CARD_ID,
  OTHER_CARD_ID,
  PHONE_SIGNED_IN,
  done,
  fail,
  platformErrors,
  signedIn,
  signedInWithSign,
} from '../../../machines/testing/fixtures';
import type { ModelSpec } from '../../../machines/testing/model';
import { PAIRING } from '../../companion/testing/pairing-data';
import { sessionMachine } from './session.machine';

type Snapshot = SnapshotFrom<typeof sessionMachine>;

const after = (delay: string, state: string) => ({ type: `xstate.after.${delay}.session.${state}` });

export const IDLE_MS = 300_000;
export const WARNING_MS = 30_000;

export const sessionSpec: ModelSpec<typeof sessionMachine> = {
  machine: sessionMachine,
  input: { idleTimeoutMs: IDLE_MS, warningLeadMs: WARNING_MS },
  promiseActors: [
    'login',
    'registration',
    'health',
    'booking',
    'inbox',
    'countUnread',
    'moving',
    'companion',
    'phoneRemote',
    'refreshTokens',
    'logout',
  ],
  callbackActors: ['watchBridge'],
  events: [
    { type: 'CARD_STATUS', presence: 'present', cardId: CARD_ID },
    // The same reader, another card (a swap faster than the bridge's polling).
    { type: 'CARD_STATUS', presence: 'present', cardId: OTHER_CARD_ID },
    ...(['checking', 'serviceUnavailable', 'absent', 'noReader', 'unreadable', 'unsupported'] as const).map(
      (presence) => ({ type: 'CARD_STATUS' as const, presence }),
    ),
    ...(
      [
        'BRIDGE_DOWN',
        'BRIDGE_REFUSED',
        'BRIDGE_UNSUPPORTED',
        'OK',
        'ACTIVITY',
        'EXTEND',
        'LOGOUT',
        'PHONE_LOGIN',
      ] as const
    ).map((type) => ({ type })),
    ...(['health', 'booking', 'myBookings', 'inbox', 'moving', 'companion'] as const).map((section) => ({
      type: 'OPEN' as const,
      section,
    })),
    done('login', { outcome: 'signedIn', signedIn: signedIn() }),
    done('login', { outcome: 'signedIn', signedIn: signedIn({ daysRemaining: 45, renewalWarning: true }) }),
    done('login', { outcome: 'signedIn', signedIn: signedInWithSign('holderInformationChanged') }),
    done('login', { outcome: 'signedIn', signedIn: signedIn({ renewed: true }) }),
    done('login', { outcome: 'registrationRequired' }),
    done('login', { outcome: 'cancelled' }),
    done('login', { outcome: 'cardChanged' }),
    done('registration', { outcome: 'signedIn', signedIn: signedIn() }),
    done('registration', { outcome: 'cancelled' }),
    done('registration', { outcome: 'cardChanged' }),
    // The phone's remote stopped: the platform said the pairing ended.
    done('phoneRemote', { outcome: 'unpaired' }),
    // The flows that send to the phone end alike.
    ...(['health', 'booking', 'inbox'] as const).flatMap((flow) =>
      (['closed', 'sessionExpired', 'pairPhone'] as const).map((outcome) => done(flow, { outcome })),
    ),
    done('inbox', { outcome: 'action', action: { kind: 'health' } }),
    done('inbox', { outcome: 'action', action: { kind: 'booking', facilityId: 'kominkan' } }),
    done('countUnread', 2),
    fail('countUnread', platformErrors.network()),
    done('moving', { outcome: 'closed' }),
    done('moving', { outcome: 'sessionExpired' }),
    done('companion', { outcome: 'closed' }),
    done('companion', { outcome: 'paired', pairing: PAIRING }),
    done('companion', { outcome: 'signedIn', signedIn: PHONE_SIGNED_IN }),
    done('companion', { outcome: 'unpaired' }),
    done('companion', { outcome: 'abandoned' }),
    done('refreshTokens', { refreshAfterMs: 240_000 }),
    fail('refreshTokens', platformErrors.network()),
    fail('refreshTokens', platformErrors.sessionExpired()),
    done('logout', undefined),
    fail('logout', platformErrors.network()),
    after('idleWarning', 'loggedIn.idle.active'),
    after('warningLead', 'loggedIn.idle.warning'),
    after('refreshDelay', 'loggedIn.tokens.fresh'),
  ],
  // Logged in, the timers only matter at home (the screens in between add states, not behaviour).
  // Logged in by the phone, only what differs from a card login: the card and the bridge events.
  allow: (snapshot: Snapshot, event) =>
    (!event.type.startsWith('xstate.after.') || snapshot.matches({ loggedIn: { screen: 'home' } })) &&
    (snapshot.context.profile?.loginMethod !== 'phone' || /^(CARD_STATUS|BRIDGE_|LOGOUT)/.test(event.type)),
  serialize: (snapshot: Snapshot) => {
    const { presence, cardId, flowCardId, profile, refreshAfterMs, logoutReason, unreadNotices, pairing } =
      snapshot.context;
    return JSON.stringify({
      value: snapshot.value,
      presence,
      cardId,
      flowCardId,
      profile: profile && [profile.displayName, profile.certificate.daysRemaining, profile.loginMethod],
      refreshAfterMs,
      logoutReason,
      unreadNotices,
      pairing: pairing?.pairingId,
    });
  },
};
