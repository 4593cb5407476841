/** Layout of the booking confirmation: what happened, the number in large type, the booking, buttons. */
import type { Theme } from '../../../../app/theme/tokens';
import { summaryLayout } from '../booking-summary';

export const bookingDoneStyles = (theme: Theme) => summaryLayout(theme);
