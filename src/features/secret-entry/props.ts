/**
 * What the keypad screens show, computed by the flows that use them (login's and registration's
 * views): never the secret itself, only how much of it is typed, the tries left and the last-try
 * confirmation.
 */
import type { MessageRef } from '../../app/i18n/i18n';

/** 'pin-entry': the 4-digit auth PIN, for login or as the last step of registration. */
export interface PinEntryProps {
  purpose: 'login' | 'registration';
  /** How many digits are typed (the digits themselves never leave the machine). */
  digits: number;
  maxDigits: number;
  triesLeft?: number;
  maxTries?: number;
  error?: MessageRef;
  /** One try left: the viewer must CONFIRM before the PIN goes to the card. */
  confirmingLastAttempt: boolean;
  /** OK was pressed; the card is still being read, or the bridge is asked about the last try. */
  waiting: boolean;
}

/** 'sign-password': the signature certificate's password on the on-screen keypad. */
export interface SignPasswordProps {
  /** The flow's title for the screen; registration's step title without one. */
  titleKey?: string;
  /** How many characters are typed (shown as ●). */
  length: number;
  minLength: number;
  maxLength: number;
  error?: MessageRef;
  triesLeft?: number;
  maxTries?: number;
  confirmingLastAttempt: boolean;
}
