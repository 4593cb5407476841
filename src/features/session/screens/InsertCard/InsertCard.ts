/**
 * The first screen the viewer sees: put the My Number Card into the box's reader, with an animation
 * of how. The session machine leaves `waitingForCard` by itself when the card arrives, so the
 * screen has no keys of its own.
 */
import { CardSlotIllustration } from '../../../../app/components/CardSlotIllustration/CardSlotIllustration';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { textBox } from '../../../../app/components/TextBox/TextBox';
import { message, t, withWarningIcon, type MessageRef } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import { Screen } from '../../../../app/screens/Screen';
import { insertCardStyles } from './InsertCard.styles';

export interface InsertCardProps {
  /** Why the viewer is back at the start (the card was pulled during login, a logout). */
  notice?: MessageRef;
}

export class InsertCard extends Screen<InsertCardProps> {
  static override _template() {
    const s = insertCardStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Title: textBox(s.title),
      Illustration: {
        type: CardSlotIllustration,
        x: s.illustrationBox.x,
        y: s.illustrationBox.y,
        scale: s.illustrationBox.scale,
        pivot: 0,
      },
      Hint: textBox(s.hint),
      Notice: {
        visible: false,
        x: s.notice.x,
        y: s.notice.y,
        w: s.notice.w,
        rect: true,
        color: s.notice.panel,
        // The panel grows with its text (two lines at the larger sizes).
        flex: {
          direction: 'column',
          paddingLeft: s.notice.padding.x,
          paddingRight: s.notice.padding.x,
          paddingTop: s.notice.padding.y,
          paddingBottom: s.notice.padding.y,
        },
        Text: textBox({ ...s.notice, x: 0, y: 0, w: s.notice.w - 2 * s.notice.padding.x }),
      },
    };
  }

  protected render(props: InsertCardProps) {
    const notice = props.notice ? withWarningIcon(message(props.notice)) : '';
    const s = insertCardStyles(theme(), notice !== '');
    const { x, y, scale } = s.illustrationBox;
    this.tag('Illustration')?.patch({ x, y, scale });
    this.tag('Hint')?.patch({ y: s.hint.y });
    this.tag('Notice')?.patch({ visible: notice !== '', y: s.notice.y });
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
