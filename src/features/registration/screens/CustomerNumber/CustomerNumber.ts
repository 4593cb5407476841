/**
 * The first step of first-time registration: why it is needed (once, to link the card to the cable
 * TV contract) and the customer number, typed with the number buttons. The number is not a secret,
 * so it shows as typed.
 */
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { message, t, withWarningIcon } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { CustomerNumberProps } from '../../view/registration-view';
import { Lightning } from '@lightningjs/sdk';
import { outlinedElement } from '../../../secret-entry/screens/entry-field';
import { sameMessage } from '../../../secret-entry/screens/secret-screen';
import {
  columnLine,
  entryColumn,
  type TextStyle,
} from '../../../secret-entry/screens/PinEntry/PinEntry.styles';
import { DigitEntryScreen } from '../../../secret-entry/screens/DigitEntryScreen';
import { customerNumberStyles } from './CustomerNumber.styles';
import { RegistrationScreen } from '../../index';

export type { CustomerNumberProps };

export class CustomerNumber extends DigitEntryScreen<CustomerNumberProps> {
  static readonly screenName = RegistrationScreen.customerNumber;

  static override _template() {
    const s = customerNumberStyles(theme());
    const f = s.field;
    const line = (style: TextStyle) => columnLine(style, s.fontFace, s.textGap);
    return {
      Frame: { type: ScreenFrame },
      // One column: the intro steps aside while an error shows, so the error, the format and the
      // how-to always fit above the legend, also at 特大.
      Column: entryColumn(s.content, {
        Intro: line(s.intro),
        Instruction: line(s.instruction),
        Field: {
          ...outlinedElement(
            { ...f, x: 0, y: 0 },
            {
              Digits: {
                x: f.w / 2,
                // The glyphs (one em) centred in the field; the box's half em below them is empty.
                y: Math.round((f.h - f.fontSize) / 2),
                mountX: 0.5,
                text: { text: '', fontFace: s.fontFace, fontSize: f.fontSize, textColor: f.borderColor },
              },
            },
          ),
          flexItem: { marginTop: s.fieldGap, marginBottom: s.fieldGap },
        },
        Format: line(s.format),
        Error: line(s.error),
        HowTo: line(s.howTo),
      }),
    };
  }

  private shown: CustomerNumberProps | undefined;

  protected render(props: CustomerNumberProps) {
    const before = this.shown;
    this.shown = props;
    this.tag('Frame')?.patch({ frame: { title: t('registration.customer.title') } });
    this.tag('Column.Intro')?.patch({ text: { text: t('registration.intro') } });
    this.tag('Column.Instruction')?.patch({ text: { text: message({ key: 'enterCustomerNumber' }) } });
    // Spaced digits are easier to check against the contract papers.
    this.tag('Column.Field.Digits')?.patch({ text: { text: [...props.digits].join(' ') } });
    this.tag('Column.Format')?.patch({ text: { text: this.formatLine(props) } });
    const error = props.error ? withWarningIcon(message(props.error)) : '';
    this.tag('Column.Intro')?.patch({ visible: error === '' });
    this.tag('Column.Error')?.patch({ visible: error !== '', text: { text: error } });
    this.tag('Column.HowTo')?.patch({ text: { text: t('registration.customer.howTo') } });
    if (before && props.error && !sameMessage(props.error, before.error)) this.announce(message(props.error));
  }

  private formatLine(props: CustomerNumberProps) {
    return message({ key: 'customerNumberFormat', params: { min: props.min, max: props.max } });
  }

  announcement(): string {
    const props = this.props;
    return [
      t('registration.customer.title'),
      t('registration.intro'),
      message({ key: 'enterCustomerNumber' }),
      this.formatLine(props),
      props.error && message(props.error),
      t('registration.customer.howTo'),
    ]
      .filter(Boolean)
      .join(' ');
  }

  override _getFocused(): Lightning.Component {
    return this;
  }
}
