/** The login screens, by registry name (see registry.ts); registration's are in registration.ts. */
import type { ScreenClass } from './Screen';
import { PinEntry } from './PinEntry/PinEntry';

export const loginScreens: Record<string, ScreenClass> = {
  'pin-entry': PinEntry as unknown as ScreenClass,
};
