/** Layout of the medication records: a hint, the medicines as a Menu, the chosen one's details. */
import type { Theme } from '../../../../app/theme/tokens';
import { healthListLayout } from '../health-layout';

export const medicationsStyles = (theme: Theme) => {
  // The panel: the name, how to take it, the pharmacy (a long one fills a line at 特大).
  const layout = healthListLayout(theme, { hintLines: 1, panelLines: 3 });
  return { ...layout, hintWrap: layout.content.w - 320 };
};
