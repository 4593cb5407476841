/**
 * The first screen the viewer sees: put the My Number Card into the box's reader, with an animation
 * of how. The session machine leaves `waitingForCard` by itself when the card arrives, so the
 * screen has no keys of its own.
 */
import { CardSlotIllustration } from '../../../../app/components/CardSlotIllustration/CardSlotIllustration';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { message, t, type MessageRef } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import { Screen } from '../../../../app/screens/Screen';
import { insertCardStyles, type TextStyle } from './InsertCard.styles';
import { SessionScreen } from '../../index';

const textElement = (style: TextStyle, fontFace: string) => ({
  x: style.x,
  y: style.y,
  w: style.wordWrapWidth,
  text: {
    text: '',
    fontFace,
    fontSize: style.fontSize,
    lineHeight: style.lineHeight,
    textColor: style.color,
    wordWrapWidth: style.wordWrapWidth,
    textAlign: 'center',
    // Lightning wraps only at spaces unless told to break anywhere (Japanese has none).
    wordBreak: true,
  },
});

export interface InsertCardProps {
  /** Why the viewer is back at the start (the card was pulled during login, a logout). */
  notice?: MessageRef;
}

export class InsertCard extends Screen<InsertCardProps> {
  static readonly screenName = SessionScreen.insertCard;

  static override _template() {
    const s = insertCardStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Title: textElement(s.title, s.fontFace),
      Illustration: { type: CardSlotIllustration, x: s.illustrationBox.x, y: s.illustrationBox.y },
      Hint: textElement(s.hint, s.fontFace),
      Notice: {
        visible: false,
        x: s.notice.x,
        y: s.notice.y,
        w: s.notice.wordWrapWidth,
        h: s.notice.lineHeight + 16,
        rect: true,
        color: s.notice.panel,
        Text: {
          ...textElement(
            { ...s.notice, x: 24, y: 8, wordWrapWidth: s.notice.wordWrapWidth - 48 },
            s.fontFace,
          ),
        },
      },
    };
  }

  protected render(props: InsertCardProps) {
    const notice = props.notice ? `⚠ ${message(props.notice)}` : '';
    this.tag('Notice')?.patch({ visible: notice !== '' });
    this.tag('Notice.Text')?.patch({ text: { text: notice } });
    this.tag('Frame')?.patch({ frame: { title: '' } });
    this.tag('Title')?.patch({ text: { text: t('insertCard.title') } });
    this.tag('Hint')?.patch({ text: { text: t('insertCard.hint') } });
  }

  announcement(): string {
    const notice = this.props?.notice ? `${message(this.props.notice)} ` : '';
    return `${notice}${t('insertCard.spoken')}`;
  }
}
