/**
 * Screen name → component for the screens in the initial bundle (before and at login, and home).
 * Each screen family registers its screens in its own file (screens/<family>.ts) so families are
 * added without touching each other; the families not needed for a login (registration, health,
 * booking) are loaded on demand: families.ts.
 */
import type { ScreenClass } from './Screen';
import { InsertCard } from './InsertCard/InsertCard';
import { commonScreens } from './common';
import { loginScreens } from './login';

export const SCREENS: Record<string, ScreenClass> = {
  'insert-card': InsertCard as unknown as ScreenClass,
  ...commonScreens,
  ...loginScreens,
};
