/** Layout of the status: the new address and progress, the services' menu, a reason and the inbox note. */
import type { Theme } from '../../../../app/theme/tokens';
import { listLayout } from '../moving-layout';

/** Header: the new address (up to two lines) and the progress; footer: a reason, or the inbox note. */
export const movingStatusStyles = (theme: Theme) => listLayout(theme, 3, 2);
