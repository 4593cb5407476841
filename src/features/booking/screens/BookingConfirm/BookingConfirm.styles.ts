/** Layout of the booking summary before it is sent: the question, large lines, two buttons. */
import type { Theme } from '../../../../app/theme/tokens';
import { summaryLayout } from '../booking-summary';

export const bookingConfirmStyles = (theme: Theme) => summaryLayout(theme);
