/**
 * Which screen the session's snapshot shows. Views stay thin: the app shell renders the screen this
 * returns and sends remote events to the session actor. Screens not built yet fall back to
 * `pending` (a plain status text) until their issue lands.
 */
import type { SnapshotFrom } from 'xstate';
import type { sessionMachine } from '../../machines';

export type ScreenName = 'insert-card' | 'pending';

type SessionSnapshot = Pick<SnapshotFrom<typeof sessionMachine>, 'matches'>;

export const screenFor = (snapshot: SessionSnapshot): ScreenName =>
  snapshot.matches('waitingForCard') ? 'insert-card' : 'pending';
