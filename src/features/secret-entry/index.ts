/**
 * Typing a secret with the remote: the 4-digit PIN (number keys) and the signature password (A–Z,
 * 0–9 on an on-screen keypad). The PIN entry is in the initial bundle (login); the password keypad
 * is met only while registering, so registration's chunk binds it (features/registration/screens.ts).
 * Their strings are still the flows' (login.*, registration.*).
 */
export const SecretEntryScreen = {
  pinEntry: 'pin-entry',
  signPassword: 'sign-password',
} as const;
