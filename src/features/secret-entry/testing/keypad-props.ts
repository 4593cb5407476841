/**
 * The keypad screens' props partway through an entry, with a fresh card's tries (two PIN digits,
 * three password characters typed), for the screens' tests, the flows' view tests and the
 * screenshot gallery: one spelling of what these screens are given.
 */
import type { PinEntryProps, SignPasswordProps } from '../props';

export const pinEntryTyping = (overrides: Partial<PinEntryProps> = {}): PinEntryProps => ({
  purpose: 'login',
  digits: 2,
  maxDigits: 4,
  triesLeft: 3,
  maxTries: 3,
  confirmingLastAttempt: false,
  waiting: false,
  ...overrides,
});

export const signPasswordTyping = (overrides: Partial<SignPasswordProps> = {}): SignPasswordProps => ({
  length: 3,
  minLength: 6,
  maxLength: 16,
  triesLeft: 5,
  maxTries: 5,
  confirmingLastAttempt: false,
  ...overrides,
});
