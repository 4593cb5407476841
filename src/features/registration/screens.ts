/**
 * The registration screens (a card not yet linked to a viewer), by screen id, and their
 * strings: a chunk loaded on demand (its index.ts, the shell's families.ts), so nothing in the initial bundle imports this
 * file. The PIN entry they end with is secret-entry's, in the initial bundle.
 */
import registration from './strings.json';
import type { FamilyModule } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { RegistrationScreen } from './index';
import type { ScreenClass } from '../../app/screens/Screen';
import { CustomerNumber } from './screens/CustomerNumber/CustomerNumber';
import { SecretEntryScreen } from '../secret-entry';
import { SignPassword } from '../secret-entry/screens/SignPassword/SignPassword';

const registrationScreens: Record<string, ScreenClass> = {
  [RegistrationScreen.customerNumber]: CustomerNumber as unknown as ScreenClass,
  [SecretEntryScreen.signPassword]: SignPassword as unknown as ScreenClass,
};

export const registrationFamily: FamilyModule = {
  screens: registrationScreens,
  translations: strings(registration),
};
