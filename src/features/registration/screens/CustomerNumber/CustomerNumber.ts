/**
 * The first step of first-time registration: why it is needed (once, to link the card to the cable
 * TV contract) and the customer number, typed with the number buttons. The number is not a secret,
 * so it shows as typed.
 */
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { message, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { CustomerNumberProps } from '../../view/registration-view';
import { Lightning } from '@lightningjs/sdk';
import { withWarningIcon } from '../../../secret-entry/screens/PinEntry/LastTryPanel';
import { outlinedElement } from '../../../secret-entry/screens/entry-field';
import { sameMessage } from '../../../secret-entry/screens/secret-screen';
import { textElement } from '../../../secret-entry/screens/PinEntry/PinEntry.styles';
import { DigitEntryScreen } from '../../../secret-entry/screens/DigitEntryScreen';
import { customerNumberStyles } from './CustomerNumber.styles';
import { RegistrationScreen } from '../../index';

export type { CustomerNumberProps };

export class CustomerNumber extends DigitEntryScreen<CustomerNumberProps> {
  static readonly screenName = RegistrationScreen.customerNumber;

  static override _template() {
    const s = customerNumberStyles(theme());
    const f = s.field;
    return {
      Frame: { type: ScreenFrame },
      Intro: textElement(s.intro, s.fontFace, 'center'),
      Instruction: textElement(s.instruction, s.fontFace, 'center'),
      Field: outlinedElement(f, {
        Digits: {
          x: f.w / 2,
          y: f.h / 2 + 4,
          mount: 0.5,
          text: { text: '', fontFace: s.fontFace, fontSize: f.fontSize, textColor: f.borderColor },
        },
      }),
      Format: textElement(s.format, s.fontFace, 'center'),
      Error: textElement(s.error, s.fontFace, 'center'),
      HowTo: textElement(s.howTo, s.fontFace, 'center'),
    };
  }

  private shown: CustomerNumberProps | undefined;

  protected render(props: CustomerNumberProps) {
    const before = this.shown;
    this.shown = props;
    this.tag('Frame')?.patch({ frame: { title: t('registration.customer.title') } });
    this.tag('Intro')?.patch({ text: { text: t('registration.intro') } });
    this.tag('Instruction')?.patch({ text: { text: message({ key: 'enterCustomerNumber' }) } });
    // Spaced digits are easier to check against the contract papers.
    this.tag('Field.Digits')?.patch({ text: { text: [...props.digits].join(' ') } });
    this.tag('Format')?.patch({ text: { text: this.formatLine(props) } });
    const error = props.error ? withWarningIcon(message(props.error)) : '';
    this.tag('Error')?.patch({ visible: error !== '', text: { text: error } });
    this.tag('HowTo')?.patch({ text: { text: t('registration.customer.howTo') } });
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
