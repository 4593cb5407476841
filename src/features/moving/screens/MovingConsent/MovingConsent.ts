/**
 * 'moving-consent': before anything is fetched, what is fetched (氏名・住所・生年月日・性別, the
 * latest basic information from J-LIS), why (to tell the services the viewer picks next) and that
 * nothing is sent before the viewer's own consent with the signature password. 同意する (CONFIRM),
 * やめる (BACK); Back also leaves.
 */
import { t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import { ColumnScreen, columnTemplate, columnText } from '../moving-layout';
import { spokenJoin } from '../../../../app/screens/content';
import { movingConsentStyles } from './MovingConsent.styles';

const LINES = ['Question', 'What', 'Why', 'Later'] as const;
const KEYS: Record<(typeof LINES)[number], string> = {
  Question: 'moving.consent.question',
  What: 'moving.consent.what',
  Why: 'moving.consent.why',
  Later: 'moving.consent.later',
};

export class MovingConsent extends ColumnScreen<Record<string, never>> {
  static override _template() {
    const s = movingConsentStyles(theme());
    const w = s.content.w;
    return columnTemplate(s, {
      Question: columnText(s, 'body', w, 2),
      What: columnText(s, 'body', w, 2),
      Why: columnText(s, 'body', w, 2),
      Later: columnText(s, 'muted', w, 2),
    });
  }

  protected readonly backEvent = { type: 'BACK' };

  protected render() {
    const s = movingConsentStyles(theme());
    this.showTitle(t('moving.title.consent'));
    for (const line of LINES) this.showText(line, t(KEYS[line]));
    this.showActions(s, [
      { label: t('moving.agree'), event: { type: 'CONFIRM' } },
      { label: t('moving.decline'), event: { type: 'BACK' } },
    ]);
  }

  announcement(): string {
    return spokenJoin([t('moving.title.consent'), ...LINES.map((line) => t(KEYS[line]))]);
  }
}
