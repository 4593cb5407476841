/** Layout of the facility list: one line of guidance, then the menu of facilities. */
import type { Theme } from '../../../../app/theme/tokens';
import { listLayout } from '../booking-layout';

export const facilityListStyles = (theme: Theme) => listLayout(theme, 1);
