/** Layout of one checkup: place and overall judgement, the items as a Menu, the focused item's panel. */
import type { Theme } from '../../../../app/theme/tokens';
import { healthListLayout } from '../health-layout';

/** `hintLines`: a long place takes the hint line a second line (and the list a row). */
export const checkupDetailStyles = (theme: Theme, hintLines = 1) => {
  const layout = healthListLayout(theme, { hintLines, panelLines: 2 });
  return { ...layout, hintWrap: layout.content.w - 320 };
};
