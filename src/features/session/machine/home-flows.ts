/**
 * The flows home opens: which state each menu section goes to, and how a flow opened from home ends
 * (home again, or the logout when the platform ended the session).
 */
import type { FeatureOutput } from '../../../machines/ports';

type Section = 'health' | 'booking' | 'myBookings' | 'inbox' | 'moving' | 'companion';
type Open = { event: { type: string; section?: Section } };

const opens = (section: Section) => ({
  guard: ({ event }: Open) => event.section === section,
  target: section,
});

/** Home's OPEN: each section to its state; anything else is booking (as the menu had it first). */
export const HOME_SECTIONS = [
  opens('health'),
  opens('inbox'),
  opens('myBookings'),
  opens('moving'),
  opens('companion'),
  { target: 'booking' },
] as const;

const sessionEnded = ({ event }: { event: { output: FeatureOutput } }) =>
  event.output.outcome === 'sessionExpired';
/** 「スマートフォンとつなぐ」 where nothing was paired to send to: pairing opens, home after it. */
export const pairPhoneWanted = ({ event }: { event: { output: { outcome: string } } }) =>
  event.output.outcome === 'pairPhone';

/**
 * A flow opened from home: home again when it ends, the logout when the platform ended the session,
 * pairing a phone when the viewer asked for it.
 */
export const fromHome = <Id extends 'health' | 'booking' | 'moving'>(id: Id) =>
  ({
    id,
    src: id,
    onDone: [
      { guard: sessionEnded, target: '#session.loggingOut', actions: 'expired' },
      // Moving offers nothing to send to a phone.
      ...(id === 'moving' ? [] : [{ guard: pairPhoneWanted, target: 'companion' }]),
      { target: 'home' },
    ],
  }) as const;
