/**
 * The insertion illustration, drawn with Lightning rectangles (no image assets): the reader, the
 * card with its chip, and a loop of the card going into the slot. The part of the card inside the
 * slot is hidden by clipping the card's holder at the slot's line.
 */
import { Lightning } from '@lightningjs/sdk';
import { defaultTheme } from '../../theme/tokens';
import { cardSlotStyles, type Box } from './CardSlotIllustration.styles';

const rounded = (radius: number) => ({ type: Lightning.shaders.RoundedRectangle, radius });
const place = ({ x, y, w, h }: Box) => ({ x, y, w, h });

export class CardSlotIllustration extends Lightning.Component {
  static override _template() {
    const s = cardSlotStyles(defaultTheme.colors);
    return {
      w: s.size.w,
      h: s.size.h,
      Reader: { ...place(s.reader), rect: true, color: s.reader.color, shader: rounded(s.reader.radius) },
      // Only what is above the slot's line shows: the card disappears into the reader.
      CardHolder: {
        x: 0,
        y: 0,
        w: s.size.w,
        h: s.slot.y + s.slot.h / 2,
        clipping: true,
        Card: {
          ...place(s.card),
          rect: true,
          color: s.card.color,
          shader: rounded(s.card.radius),
          Stripe: { ...place(s.stripe), rect: true, color: s.stripe.color },
          Chip: { ...place(s.chip), rect: true, color: s.chip.color, shader: rounded(s.chip.radius) },
        },
      },
      Slot: { ...place(s.slot), rect: true, color: s.slot.color },
    };
  }

  private insertion?: Lightning.types.Animation;

  override _init() {
    const { motion } = cardSlotStyles(defaultTheme.colors);
    this.insertion = this.tag('CardHolder.Card')?.animation({
      duration: motion.duration,
      repeat: -1,
      actions: [{ p: 'y', v: { 0: motion.fromY, 0.15: motion.fromY, 0.75: motion.toY, 1: motion.toY } }],
    });
    this.insertion?.start();
  }

  override _detach() {
    this.insertion?.stop();
  }
}
