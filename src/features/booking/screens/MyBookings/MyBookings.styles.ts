/** Layout of the viewer's bookings: one line of guidance, then the menu of bookings. */
import type { Theme } from '../../../../app/theme/tokens';
import { listLayout } from '../booking-layout';

export const myBookingsStyles = (theme: Theme) => listLayout(theme, 1);
