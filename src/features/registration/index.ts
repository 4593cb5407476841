/**
 * First-time registration (a card not yet linked to a viewer): customer number, signature password,
 * PIN. Loaded on demand: its screens, the password keypad and its strings are a chunk of their own.
 */
import type { LazyFeature } from '../../app/screens/feature';
import { SecretEntryScreen } from '../secret-entry';

export const RegistrationScreen = {
  customerNumber: 'customer-number',
} as const;

export const registrationFeature: LazyFeature = {
  screens: [RegistrationScreen.customerNumber, SecretEntryScreen.signPassword],
  load: () => import('./screens').then((module) => module.registrationFamily),
};
