/**
 * 'moving-consent': before anything is fetched, what is fetched (氏名・住所・生年月日・性別, the
 * latest basic information from J-LIS), why (to tell the services the viewer picks next) and that
 * nothing is sent before the viewer's own consent with the signature password. 同意する (CONFIRM),
 * やめる (BACK); Back also leaves.
 */
import { t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import { ColumnScreen, columnTemplate } from '../moving-layout';
import { movingConsentStyles } from './MovingConsent.styles';

export class MovingConsent extends ColumnScreen<Record<string, never>> {
  static override _template() {
    const lines = { Question: 'body', What: 'body', Why: 'body', Later: 'muted' } as const;
    return columnTemplate(movingConsentStyles(theme()), lines);
  }

  protected readonly backEvent = { type: 'BACK' };

  protected column() {
    return {
      title: t('moving.title.consent'),
      texts: {
        Question: t('moving.consent.question'),
        What: t('moving.consent.what'),
        Why: t('moving.consent.why'),
        Later: t('moving.consent.later'),
      },
    };
  }

  protected actions() {
    return [
      { label: t('moving.agree'), event: { type: 'CONFIRM' } },
      { label: t('moving.decline'), event: { type: 'BACK' } },
    ];
  }
}
