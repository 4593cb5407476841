/** The viewer's text size as the box keeps it (Lightning Storage), and the Yellow key's order. */
import { Storage } from '@lightningjs/sdk';
import { isTextSize, TEXT_SIZES, type TextSize } from './tokens';

const TEXT_SIZE_KEY = 'madoguchi.textSize';

/** The size chosen on this box before, if any (anything else stored is ignored). */
export const storedTextSize = (): TextSize | undefined => {
  const stored: unknown = Storage.get(TEXT_SIZE_KEY);
  return isTextSize(stored) ? stored : undefined;
};

export const rememberTextSize = (size: TextSize): void => {
  Storage.set(TEXT_SIZE_KEY, size);
};

/** 標準 → 大 → 特大 → 標準. */
export const nextTextSize = (size: TextSize): TextSize =>
  TEXT_SIZES[(TEXT_SIZES.indexOf(size) + 1) % TEXT_SIZES.length] ?? 'standard';
