/**
 * Every screen id, as the features declared them (each feature's index.ts) plus the shell's own,
 * in one object for the shell and the tools: `SCREEN.slotGrid`. Nothing here spells an id twice.
 */
import { BookingScreen } from '../../features/booking';
import { HealthScreen } from '../../features/health';
import { CompanionScreen } from '../../features/companion';
import { InboxScreen } from '../../features/inbox';
import { MovingScreen } from '../../features/moving';
import { RegistrationScreen } from '../../features/registration';
import { SecretEntryScreen } from '../../features/secret-entry';
import { SessionScreen } from '../../features/session';

/** The shell's screens, shown by every feature: a full-screen message, work in progress. */
export const ShellScreen = {
  message: 'message',
  status: 'status',
} as const;

export const SCREEN = {
  ...ShellScreen,
  ...SessionScreen,
  ...SecretEntryScreen,
  ...RegistrationScreen,
  ...HealthScreen,
  ...BookingScreen,
  ...InboxScreen,
  ...MovingScreen,
  ...CompanionScreen,
} as const;

export type ScreenId = (typeof SCREEN)[keyof typeof SCREEN];
