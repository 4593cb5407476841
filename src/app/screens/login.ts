/** The login and registration screens, by registry name (see registry.ts). */
import type { ScreenClass } from './Screen';
import { CustomerNumber } from './CustomerNumber/CustomerNumber';
import { PinEntry } from './PinEntry/PinEntry';
import { SignPassword } from './SignPassword/SignPassword';

export const loginScreens: Record<string, ScreenClass> = {
  'pin-entry': PinEntry as unknown as ScreenClass,
  'customer-number': CustomerNumber as unknown as ScreenClass,
  'sign-password': SignPassword as unknown as ScreenClass,
};
