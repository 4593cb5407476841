/** The health screens, by registry name (see registry.ts). */
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
