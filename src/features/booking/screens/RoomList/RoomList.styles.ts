/** Layout of the room list: facility and date, two lines for guidance or a notice, then the rooms. */
import type { Theme } from '../../../../app/theme/tokens';
import { listLayout } from '../booking-layout';

export const roomListStyles = (theme: Theme) => {
  const base = listLayout(theme, 3);
  return {
    ...base,
    place: { ...base.header, maxLines: 1 },
    guide: { ...base.header, y: base.header.y + base.line, maxLines: 2 },
  };
};
