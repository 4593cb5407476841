/**
 * The companion screens, by screen id, and their strings: a chunk loaded on demand (its index.ts,
 * the shell's families.ts), so the QR encoder is never in the initial bundle.
 */
import companion from './strings.json';
import type { FamilyModule } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { CompanionScreen } from './index';
import type { ScreenClass } from '../../app/screens/Screen';
import { PairingCode } from './screens/PairingCode/PairingCode';
import { pairingMachine } from './machine/pairing.machine';
import { companionView } from './view/companion-view';

const companionScreens: Record<string, ScreenClass> = {
  [CompanionScreen.pairingCode]: PairingCode as unknown as ScreenClass,
};

export const companionFamily: FamilyModule = {
  screens: companionScreens,
  translations: strings(companion),
  machine: pairingMachine,
  view: companionView,
};
