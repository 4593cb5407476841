/**
 * Telling services of a move (住所変更ワンストップ): consent to the fetch, the services to tell,
 * the summary before 本人同意, and each service's status. Loaded on demand.
 */
import { lazyFeature } from '../../app/screens/feature';

export const MovingScreen = {
  movingConsent: 'moving-consent',
  movingServices: 'moving-services',
  movingSummary: 'moving-summary',
  movingStatus: 'moving-status',
} as const;

export const movingFeature = lazyFeature(MovingScreen, () =>
  import('./screens').then((module) => module.movingFamily),
);
