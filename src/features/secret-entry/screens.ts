/** The PIN entry, by screen id, for the initial bundle (registry.ts); the password keypad is bound by registration's chunk. */
import type { ScreenClass } from '../../app/screens/Screen';
import { SecretEntryScreen } from './index';
import { PinEntry } from './screens/PinEntry/PinEntry';

export const secretEntryScreens: Record<string, ScreenClass> = {
  [SecretEntryScreen.pinEntry]: PinEntry as unknown as ScreenClass,
};
