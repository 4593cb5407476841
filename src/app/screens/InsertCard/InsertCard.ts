/**
 * The first screen the viewer sees: put the My Number Card into the box's reader. Japanese first,
 * English below. The session machine leaves `waitingForCard` by itself when the card arrives, so the
 * screen has no keys of its own.
 */
import { Lightning } from '@lightningjs/sdk';
import { CardSlotIllustration } from '../../components/CardSlotIllustration/CardSlotIllustration';
import { defaultTheme } from '../../theme/tokens';
import { insertCardCopy, insertCardStyles, type TextStyle } from './InsertCard.styles';

const textElement = (text: string, style: TextStyle, fontFace: string) => ({
  x: style.x,
  y: style.y,
  w: style.wordWrapWidth,
  text: {
    text,
    fontFace,
    fontSize: style.fontSize,
    lineHeight: style.lineHeight,
    textColor: style.color,
    wordWrapWidth: style.wordWrapWidth,
    textAlign: 'center',
  },
});

export class InsertCard extends Lightning.Component {
  static readonly screenName = 'insert-card';

  static override _template() {
    const s = insertCardStyles(defaultTheme);
    return {
      w: defaultTheme.stage.w,
      h: defaultTheme.stage.h,
      rect: true,
      color: s.background,
      Title: textElement(insertCardCopy.title, s.title, s.fontFace),
      Subtitle: textElement(insertCardCopy.subtitle, s.subtitle, s.fontFace),
      Illustration: { type: CardSlotIllustration, x: s.illustrationBox.x, y: s.illustrationBox.y },
      Hint: textElement(insertCardCopy.hint, s.hint, s.fontFace),
      HintEn: textElement(insertCardCopy.hintEn, s.hintEn, s.fontFace),
    };
  }
}
