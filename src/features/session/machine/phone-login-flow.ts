/**
 * Logging in by the phone on a box without a reader (スマートフォンでログイン): from the no-reader
 * screen, the pairing flow with scope `login`; the session it opens is the one a card login opens
 * (the same profile, the same home). A card that arrives in a reader meanwhile takes over: its
 * login starts as ever. Logged in by the phone, neither the card's comings and goings nor the
 * bridge's end the session (it never depended on them); logging out, the idle timeout and the
 * platform still do.
 */
import type { PairingOutput } from '../../companion/machine/pairing.machine';
import type { CardPresence } from '../../../machines/ports';

type Done = { event: { output: PairingOutput } };
type Status = { event: { type: string; presence?: CardPresence } };

/** A card in, or going in: the card login is the one to run. */
const cardArrives = ({ event }: Status) =>
  event.type === 'CARD_STATUS' && (event.presence === 'present' || event.presence === 'checking');

export const phoneLoginState = {
  entry: 'startPhoneLogin',
  invoke: {
    // The pairing flow's id: its screens send to 'companion' (never running beside home's pairing).
    id: 'companion',
    src: 'companion',
    input: { scope: 'login' },
    onDone: [
      {
        guard: ({ event }: Done) => event.output.outcome === 'signedIn',
        target: '#session.loggedIn',
        actions: 'setSignedIn',
      },
      // Left after the platform opened the session: closed there first (its tokens are dropped).
      {
        guard: ({ event }: Done) => event.output.outcome === 'abandoned',
        target: '#session.phoneLogin.closing',
      },
      // Left (BACK): the screen for the box as it is now, with the phone login offered again.
      { target: '#session.routing' },
    ],
  },
  on: {
    CARD_STATUS: [
      { guard: cardArrives, target: '#session.routing', actions: 'setPresence' },
      { actions: 'setPresence' },
    ],
  },
  initial: 'pairing',
  states: {
    pairing: {},
    closing: {
      invoke: { id: 'logout', src: 'logout', onDone: '#session.routing', onError: '#session.routing' },
    },
  },
} as const;

/** The bridge gone while logged in: a card login ends (the card cannot be checked); a phone login goes on. */
export const bridgeLost = [
  { guard: 'cardLogin', target: '#session.loggingOut', actions: 'noteBridgeLost' },
  { actions: 'forgetPresence' },
] as const;
