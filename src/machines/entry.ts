/**
 * The rules of what the viewer types with the remote: the 4-digit auth PIN, the signature password
 * (6–16 of A–Z 0–9, on the on-screen keypad) and the customer number. Pure functions, shared by the
 * login and registration machines. Input that breaks a rule is ignored key by key rather than
 * refused later, so the viewer cannot type something the card would reject (PIN_FORMAT never
 * spends a try, but an elderly viewer should not see it either).
 */
export const PIN_LENGTH = 4;
export const PASSWORD_MIN = 6;
export const PASSWORD_MAX = 16;
export const CUSTOMER_NUMBER_MIN = 6;
export const CUSTOMER_NUMBER_MAX = 12;

const DIGIT = /^[0-9]$/;
const PASSWORD_CHAR = /^[A-Z0-9]$/;

const isDigit = (key: string): boolean => DIGIT.test(key);
const isPasswordChar = (key: string): boolean => PASSWORD_CHAR.test(key);

export const canAddPinDigit = (pin: string, digit: string): boolean =>
  isDigit(digit) && pin.length < PIN_LENGTH;
export const isPinComplete = (pin: string): boolean => pin.length === PIN_LENGTH;

export const canAddPasswordChar = (password: string, char: string): boolean =>
  isPasswordChar(char) && password.length < PASSWORD_MAX;
export const isPasswordComplete = (password: string): boolean =>
  password.length >= PASSWORD_MIN && password.length <= PASSWORD_MAX;

export const canAddCustomerDigit = (value: string, digit: string): boolean =>
  isDigit(digit) && value.length < CUSTOMER_NUMBER_MAX;
export const isCustomerNumberComplete = (value: string): boolean =>
  value.length >= CUSTOMER_NUMBER_MIN && value.length <= CUSTOMER_NUMBER_MAX;

export const dropLast = (value: string): string => value.slice(0, -1);
