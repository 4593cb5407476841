/**
 * 'certificate-notice': after login, when the card's certificate expires soon, how many days are
 * left and where to renew it. One button, OK, sends OK (Back too: the notice only informs).
 */
import type { MessageProps } from '../../../../app/view/app-view';
import { MessageLayout } from '../../../../app/screens/Message/Message';

export interface CertificateNoticeProps {
  days: number;
}

export class CertificateNotice extends MessageLayout<CertificateNoticeProps> {
  protected messageOf({ days }: CertificateNoticeProps): MessageProps {
    return {
      tone: 'notice',
      titleKey: 'message.certificateTitle',
      body: { key: 'certificateExpiresSoon', params: { days } },
      actions: [{ labelKey: 'common.ok', event: { type: 'OK' } }],
      contact: false,
    };
  }
}
