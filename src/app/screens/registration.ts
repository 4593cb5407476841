/**
 * The registration screens (a card not yet linked to a viewer), by registry name, and their
 * strings: a chunk loaded on demand (families.ts), so nothing in the initial bundle imports this
 * file. The PIN entry they end with is the login family's (initial bundle).
 */
import registration from '../i18n/translations/registration.json';
import type { FamilyModule } from './families';
import './family-shared';
import type { ScreenClass } from './Screen';
import { CustomerNumber } from './CustomerNumber/CustomerNumber';
import { SignPassword } from './SignPassword/SignPassword';

export const registrationScreens: Record<string, ScreenClass> = {
  'customer-number': CustomerNumber as unknown as ScreenClass,
  'sign-password': SignPassword as unknown as ScreenClass,
};

export const registrationFamily: FamilyModule = { screens: registrationScreens, translations: registration };
