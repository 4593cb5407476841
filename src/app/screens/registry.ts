/**
 * Screen name → component. Each screen family registers its screens in its own file
 * (screens/<family>.ts) so families are added without touching each other.
 */
import type { ScreenClass } from './Screen';
import { InsertCard } from './InsertCard/InsertCard';
import { bookingScreens } from './booking';
import { commonScreens } from './common';
import { healthScreens } from './health';
import { loginScreens } from './login';

export const SCREENS: Record<string, ScreenClass> = {
  'insert-card': InsertCard as unknown as ScreenClass,
  ...commonScreens,
  ...loginScreens,
  ...healthScreens,
  ...bookingScreens,
};
