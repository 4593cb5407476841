/** Layout of the consent to the fetch: lines in a column, two buttons at the bottom. */
import type { Theme } from '../../../../app/theme/tokens';
import { columnLayout } from '../moving-layout';

export const movingConsentStyles = (theme: Theme) => columnLayout(theme);
