/**
 * The health screens, by screen id, and their strings: a chunk loaded on demand
 * (its index.ts, the shell's families.ts), so nothing in the initial bundle imports this file.
 */
import health from './strings.json';
import { familyOf } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { healthMachine } from './machine/health.machine';
import { healthView } from './view/health-view';
import { HealthScreen } from './index';
import { CheckupDetail } from './screens/CheckupDetail/CheckupDetail';
import { CheckupList } from './screens/CheckupList/CheckupList';
import { Medications } from './screens/Medications/Medications';
import { TrendChart } from './screens/TrendChart/TrendChart';

export const healthFamily = familyOf(
  strings(health),
  {
    [HealthScreen.checkupList]: CheckupList,
    [HealthScreen.checkupDetail]: CheckupDetail,
    [HealthScreen.trendChart]: TrendChart,
    [HealthScreen.medications]: Medications,
  },
  { machine: healthMachine, view: healthView },
);
