/** Health records: checkups, a checkup's items, the trend chart, medications. Loaded on demand. */
import { lazyFeature } from '../../app/screens/feature';

export const HealthScreen = {
  checkupList: 'checkup-list',
  checkupDetail: 'checkup-detail',
  trendChart: 'trend-chart',
  medications: 'medications',
} as const;

export const healthFeature = lazyFeature(HealthScreen, () =>
  import('./screens').then((module) => module.healthFamily),
);
