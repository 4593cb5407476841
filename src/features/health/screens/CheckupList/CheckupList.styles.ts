/** Layout of the checkup list: a hint, then the checkups (and the medications row) as a Menu. */
import type { Theme } from '../../../../app/theme/tokens';
import { healthListLayout } from '../health-layout';

export const checkupListStyles = (theme: Theme) => {
  const layout = healthListLayout(theme, { hintLines: 1, panelLines: 0 });
  // The hint stops short of the "▲ more" mark at the menu's right end.
  return { ...layout, hintWrap: layout.content.w - 320 };
};
