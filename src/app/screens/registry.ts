/**
 * Screen id → component for the screens in the initial bundle (before and at login, and home): the
 * shell's own and those of the features a viewer meets first, each bound in its feature's
 * screens.ts. The features not needed for a login (registration, health, booking) are loaded on
 * demand: families.ts.
 */
import { secretEntryScreens } from '../../features/secret-entry/screens';
import { sessionScreens } from '../../features/session/screens';
import { commonScreens } from './common';
import type { ScreenClass } from './Screen';

export const SCREENS: Record<string, ScreenClass> = {
  ...sessionScreens,
  ...commonScreens,
  ...secretEntryScreens,
};
