/**
 * 'moving-summary': the new address and the services to be told, then what 本人同意 means (the
 * signature password signs exactly this) and the password's tries left. 署名して同意する (CONFIRM)
 * opens the password entry; 戻る (BACK) returns to the choice, and so does Back.
 */
import { currentLanguage, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { MovingSummaryProps } from '../../view/moving-view';
import { ColumnScreen, columnTemplate, columnText, nameOf } from '../moving-layout';
import { labelled, spokenJoin } from '../../../../app/screens/content';
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
    const s = movingSummaryStyles(theme());
    const w = s.content.w;
    return columnTemplate(s, {
      Address: columnText(s, 'heading', w, 2),
      Services: columnText(s, 'body', w, 2),
      Consent: columnText(s, 'body', w, 2),
      Tries: columnText(s, 'muted', w, 1),
    });
  }

  protected readonly backEvent = { type: 'BACK' };

  protected render(props: MovingSummaryProps) {
    const s = movingSummaryStyles(theme());
    this.showTitle(t('moving.title.summary'));
    for (const [ref, text] of Object.entries(lines(props))) this.showText(ref, text);
    this.showActions(s, [
      { label: t('moving.sign'), event: { type: 'CONFIRM' } },
      { label: t('common.back'), event: { type: 'BACK' } },
    ]);
  }

  announcement(): string {
    return spokenJoin([t('moving.title.summary'), ...Object.values(lines(this.props))]);
  }
}
