/**
 * The e-post box in the session: home asks for the unread count each time it shows (a failure
 * leaves the count unsaid, the menu item still opens the box), and the inbox flow ends at home, at
 * the logout when the platform ended the session, or in health or booking for a notice's action.
 */
import type { InboxOutput } from '../../inbox/machine/inbox.machine';
import { pairPhoneWanted } from './home-flows';

type Done = { event: { output: InboxOutput } };
const opens =
  (kind: 'health' | 'booking') =>
  ({ event }: Done) =>
    event.output.outcome === 'action' && event.output.action.kind === kind;

/** Booking's input: the facility of the notice whose action opened it (none from home). */
export const noticeFacility = ({ event }: { event: unknown }): { facilityId?: string } => {
  const output = (event as { output?: InboxOutput }).output;
  const facilityId = output?.outcome === 'action' ? output.action.facilityId : undefined;
  return facilityId === undefined ? {} : { facilityId };
};

export const unreadOnHome = {
  id: 'countUnread',
  src: 'countUnread',
  onDone: { actions: 'noteUnread' },
  onError: { actions: 'noteUnread' },
} as const;

export const inboxState = {
  invoke: {
    id: 'inbox',
    src: 'inbox',
    onDone: [
      {
        guard: ({ event }: Done) => event.output.outcome === 'sessionExpired',
        target: '#session.loggingOut',
        actions: 'expired',
      },
      { guard: opens('health'), target: 'health' },
      { guard: opens('booking'), target: 'booking' },
      { guard: pairPhoneWanted, target: 'companion' },
      { target: 'home' },
    ],
  },
} as const;
