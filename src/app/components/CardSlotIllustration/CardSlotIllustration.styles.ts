/**
 * Geometry of the insertion illustration: a set-top box's card reader with its slot, and the card
 * sliding down into it (chip first). Everything is relative to the component's own box.
 */
import type { ThemeColors } from '../../theme/tokens';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CardSlotStyles {
  size: { w: number; h: number };
  reader: Box & { color: number; radius: number };
  slot: Box & { color: number };
  card: Box & { color: number; radius: number };
  chip: Box & { color: number; radius: number };
  stripe: Box & { color: number };
  /** The card's y at the start and the end of one insertion (seconds per loop in `duration`). */
  motion: { fromY: number; toY: number; duration: number };
}

export const cardSlotStyles = (colors: ThemeColors): CardSlotStyles => {
  const size = { w: 640, h: 440 };
  const card = { w: 340, h: 214 }; // ID-1 card proportion (85.6 × 54 mm)
  const cardX = (size.w - card.w) / 2;
  const readerY = 250;
  return {
    size,
    reader: { x: 40, y: readerY, w: size.w - 80, h: 170, color: colors.reader, radius: 24 },
    slot: { x: cardX - 20, y: readerY + 34, w: card.w + 40, h: 18, color: colors.readerSlot },
    card: { x: cardX, y: 0, w: card.w, h: card.h, color: colors.cardBody, radius: 16 },
    chip: { x: 34, y: 120, w: 64, h: 50, color: colors.cardChip, radius: 8 },
    stripe: { x: 0, y: 28, w: card.w, h: 30, color: colors.accent },
    motion: { fromY: 0, toY: readerY + 43 - card.h, duration: 2.4 },
  };
};
