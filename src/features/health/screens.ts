/**
 * The health screens, by screen id, and their strings: a chunk loaded on demand
 * (its index.ts, the shell's families.ts), so nothing in the initial bundle imports this file.
 */
import health from './strings.json';
import type { FamilyModule } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { HealthScreen } from './index';
import type { ScreenClass } from '../../app/screens/Screen';
import { CheckupDetail } from './screens/CheckupDetail/CheckupDetail';
import { CheckupList } from './screens/CheckupList/CheckupList';
import { Medications } from './screens/Medications/Medications';
import { TrendChart } from './screens/TrendChart/TrendChart';

const healthScreens: Record<string, ScreenClass> = {
  [HealthScreen.checkupList]: CheckupList as unknown as ScreenClass,
  [HealthScreen.checkupDetail]: CheckupDetail as unknown as ScreenClass,
  [HealthScreen.trendChart]: TrendChart as unknown as ScreenClass,
  [HealthScreen.medications]: Medications as unknown as ScreenClass,
};

export const healthFamily: FamilyModule = { screens: healthScreens, translations: strings(health) };
