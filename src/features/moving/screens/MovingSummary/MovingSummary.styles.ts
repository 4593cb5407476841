/** Layout of the summary before 本人同意: lines in a column, two buttons at the bottom. */
import type { Theme } from '../../../../app/theme/tokens';
import { columnLayout } from '../moving-layout';

export const movingSummaryStyles = (theme: Theme) => columnLayout(theme);
