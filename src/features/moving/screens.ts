/**
 * The moving screens, by screen id, and their strings: a chunk loaded on demand (its index.ts, the
 * shell's families.ts), so nothing in the initial bundle imports this file. The password entry
 * it signs with is secret-entry's keypad, bound by registration's chunk.
 */
import moving from './strings.json';
import { familyOf } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { movingMachine } from './machine/moving.machine';
import { movingView } from './view/moving-view';
import { MovingScreen } from './index';
import { MovingConsent } from './screens/MovingConsent/MovingConsent';
import { MovingServices } from './screens/MovingServices/MovingServices';
import { MovingStatus } from './screens/MovingStatus/MovingStatus';
import { MovingSummary } from './screens/MovingSummary/MovingSummary';

export const movingFamily = familyOf(
  strings(moving),
  {
    [MovingScreen.movingConsent]: MovingConsent,
    [MovingScreen.movingServices]: MovingServices,
    [MovingScreen.movingSummary]: MovingSummary,
    [MovingScreen.movingStatus]: MovingStatus,
  },
  { machine: movingMachine, view: movingView },
);
