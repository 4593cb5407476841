/**
 * 'moving-summary': the new address and the services to be told, then what 本人同意 means (the
 * signature password signs exactly this) and the password's tries left. 署名して同意する (CONFIRM)
 * opens the password entry; 戻る (BACK) returns to the choice, and so does Back.
 */
import { currentLanguage, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { MovingSummaryProps } from '../../view/moving-view';
import { ColumnScreen, columnTemplate, nameOf } from '../moving-layout';
import { labelled } from '../../../../app/screens/content';
import { movingSummaryStyles } from './MovingSummary.styles';

const lines = (props: MovingSummaryProps) => ({
  Address: labelled('moving.label.newAddress', props.newAddress),
  Services: labelled(
    'moving.label.services',
    props.services.map(nameOf).join(currentLanguage() === 'ja' ? '、' : ', '),
  ),
  Consent: t('moving.summary.consent'),
  Tries:
    props.triesLeft === undefined
      ? ''
      : t('moving.summary.tries', { triesLeft: props.triesLeft, maxTries: props.maxTries ?? 5 }),
});

export class MovingSummary extends ColumnScreen<MovingSummaryProps> {
  static override _template() {
    return columnTemplate(movingSummaryStyles(theme()), {
      Address: 'heading',
      Services: 'body',
      Consent: 'body',
      Tries: ['muted', 1],
    });
  }

  protected readonly backEvent = { type: 'BACK' };

  protected column(props: MovingSummaryProps) {
    return { title: t('moving.title.summary'), texts: lines(props) };
  }

  protected actions() {
    return [
      { label: t('moving.sign'), event: { type: 'CONFIRM' } },
      { label: t('common.back'), event: { type: 'BACK' } },
    ];
  }
}
