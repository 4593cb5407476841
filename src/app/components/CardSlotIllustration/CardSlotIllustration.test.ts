import { defaultTheme } from '../../theme/tokens';
import { cardSlotStyles, type Box } from './CardSlotIllustration.styles';

const inside = (inner: Box, outer: { w: number; h: number }) =>
  inner.x >= 0 && inner.y >= 0 && inner.x + inner.w <= outer.w && inner.y + inner.h <= outer.h;

describe('CardSlotIllustration styles', () => {
  const s = cardSlotStyles(defaultTheme.colors);

  it('keeps the reader and the card inside the component box', () => {
    expect(inside(s.reader, s.size)).toBe(true);
    expect(inside(s.card, s.size)).toBe(true);
    expect(inside(s.slot, s.size)).toBe(true);
  });

  it('keeps the chip and stripe on the card', () => {
    expect(inside(s.chip, s.card)).toBe(true);
    expect(inside(s.stripe, s.card)).toBe(true);
  });

  it('moves the card down until its lower part is inside the slot', () => {
    expect(s.motion.toY).toBeGreaterThan(s.motion.fromY);
    expect(s.motion.toY + s.card.h).toBeGreaterThan(s.slot.y);
    expect(s.slot.w).toBeGreaterThan(s.card.w);
  });
});
