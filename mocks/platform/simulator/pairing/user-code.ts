/**
 * User codes (RFC 8628 §6.1): 8 characters from 20 consonants, shown as 4-4. Without vowels no
 * words are spelt, and without digits neither O/0 nor I/1 can be confused. 20^8 ≈ 2.6 × 10^10 codes (34.5 bits): with the guessing limits (limits.ts) and a
 * 10-minute life, a guesser's odds of hitting one live code stay far below one in a million.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_LENGTH = 8;

/** A fresh code from the CSPRNG (rejection sampling: every letter equally likely). */
export function newUserCode(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const letters: string[] = [];
  // 240 = 12 × 20: bytes from 240 up would favour the first letters.
  while (letters.length < USER_CODE_LENGTH) {
    for (const byte of random(new Uint8Array(16))) {
      if (byte < 240 && letters.length < USER_CODE_LENGTH) letters.push(USER_CODE_ALPHABET[byte % 20]!);
    }
  }
  return letters.join('');
}

/** `BCDFGHJK` → `BCDF-GHJK`, as the TV and the phone page show it. */
export const formatUserCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

/**
 * What the viewer typed, as a code: full-width letters (a Japanese keyboard) folded by NFKC, any
 * case, the dash, spaces and other punctuation optional. Undefined when it cannot be a code (wrong
 * length or a letter outside the alphabet) — such input is refused without a lookup.
 */
export function normalizeUserCode(input: string): string | undefined {
  if (input.length > 64) return undefined;
  const code = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑–—ー_.]/g, '');
  if (code.length !== USER_CODE_LENGTH) return undefined;
  for (const letter of code) if (!USER_CODE_ALPHABET.includes(letter)) return undefined;
  return code;
}
