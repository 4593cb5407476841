/** Layout of the choice: the new address and a hint, the services' menu, the focused one's address. */
import type { Theme } from '../../../../app/theme/tokens';
import { listLayout } from '../moving-layout';

/** Header: the new address (up to two lines) and the hint or notice; footer: the held address. */
export const movingServicesStyles = (theme: Theme) => listLayout(theme, 3, 2);
