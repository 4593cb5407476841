/**
 * Layout of one booking: its lines and the facility's cancellation rule, buttons at the bottom;
 * the cancel question is a panel over the same content box, with its own column inside a margin.
 */
import type { Theme } from '../../../../app/theme/tokens';
import { summaryLayout } from '../booking-summary';

export const bookingDetailStyles = (theme: Theme) => {
  const base = summaryLayout(theme);
  const padding = 40;
  return {
    ...base,
    panel: {
      ...base.content,
      fill: theme.colors.surface,
      radius: 20,
      column: {
        x: base.content.x + padding,
        y: base.content.y + padding / 2,
        w: base.content.w - 2 * padding,
      },
    },
  };
};
