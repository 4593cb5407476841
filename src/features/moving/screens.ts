/**
 * The moving screens, by screen id, and their strings: a chunk loaded on demand (its index.ts, the
 * shell's families.ts), so nothing in the initial bundle imports this file. The password entry
 * it signs with is secret-entry's keypad, bound by registration's chunk.
 */
import moving from './strings.json';
import type { FamilyModule } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { MovingScreen } from './index';
import type { ScreenClass } from '../../app/screens/Screen';
import { MovingConsent } from './screens/MovingConsent/MovingConsent';
import { MovingServices } from './screens/MovingServices/MovingServices';
import { MovingStatus } from './screens/MovingStatus/MovingStatus';
import { MovingSummary } from './screens/MovingSummary/MovingSummary';

const movingScreens: Record<string, ScreenClass> = {
  [MovingScreen.movingConsent]: MovingConsent as unknown as ScreenClass,
  [MovingScreen.movingServices]: MovingServices as unknown as ScreenClass,
  [MovingScreen.movingSummary]: MovingSummary as unknown as ScreenClass,
  [MovingScreen.movingStatus]: MovingStatus as unknown as ScreenClass,
};

export const movingFamily: FamilyModule = { screens: movingScreens, translations: strings(moving) };
