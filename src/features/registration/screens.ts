/**
 * The registration screens (a card not yet linked to a viewer), by screen id, and their
 * strings: a chunk loaded on demand (its index.ts, the shell's families.ts), so nothing in the initial bundle imports this
 * file. The PIN entry they end with is secret-entry's, in the initial bundle.
 */
import registration from './strings.json';
import { familyOf } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { registrationMachine } from './machine/registration.machine';
import { registrationView } from './view/registration-view';
import { RegistrationScreen } from './index';
import { CustomerNumber } from './screens/CustomerNumber/CustomerNumber';
import { SecretEntryScreen } from '../secret-entry';
import { SignPassword } from '../secret-entry/screens/SignPassword/SignPassword';

export const registrationFamily = familyOf(
  strings(registration),
  {
    [RegistrationScreen.customerNumber]: CustomerNumber,
    [SecretEntryScreen.signPassword]: SignPassword,
  },
  { machine: registrationMachine, view: registrationView },
);
