/**
 * The health screens, by registry name, and their strings: a chunk loaded on demand
 * (families.ts), so nothing in the initial bundle imports this file.
 */
import health from '../i18n/translations/health.json';
import type { FamilyModule } from './families';
import './family-shared';
import type { ScreenClass } from './Screen';
import { CheckupDetail } from './CheckupDetail/CheckupDetail';
import { CheckupList } from './CheckupList/CheckupList';
import { Medications } from './Medications/Medications';
import { TrendChart } from './TrendChart/TrendChart';

export const healthScreens: Record<string, ScreenClass> = {
  'checkup-list': CheckupList as unknown as ScreenClass,
  'checkup-detail': CheckupDetail as unknown as ScreenClass,
  'trend-chart': TrendChart as unknown as ScreenClass,
  medications: Medications as unknown as ScreenClass,
};

export const healthFamily: FamilyModule = { screens: healthScreens, translations: health };
