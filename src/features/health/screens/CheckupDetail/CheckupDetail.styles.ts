/** Layout of one checkup: place and overall judgement, the items as a Menu, the focused item's panel. */
import type { Theme } from '../../../../app/theme/tokens';
import { healthListLayout } from '../health-layout';

export const checkupDetailStyles = (theme: Theme) => {
  const layout = healthListLayout(theme, { hintLines: 1, panelLines: 2 });
  return { ...layout, hintWrap: layout.content.w - 320 };
};
