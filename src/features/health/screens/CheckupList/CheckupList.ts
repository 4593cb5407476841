/**
 * The viewer's checkups, newest first, one row each (date and place left, overall judgement as
 * letter + word right), and under them a row for the medication records. OK opens the row, Back
 * leaves the health records.
 */
import type { MenuItem } from '../../../../app/components/Menu/Menu';
import { currentLanguage, message, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { CheckupListProps } from '../../view/health-view';
import { formatDate, judgementWord } from '../health-format';
import { HealthListScreen, healthListTemplate } from '../health-layout';
import { checkupListStyles } from './CheckupList.styles';

/** The medications row's id; checkup ids come from the platform and never take this form. */
const MEDICATIONS_ROW = '#medications';

export type { CheckupListProps };

/** Between the date and the place: an ideographic space in Japanese, two spaces in English. */
const COLUMN_GAP = { ja: '\u3000', en: '  ' } as const;

export class CheckupList extends HealthListScreen<CheckupListProps> {
  static override _template() {
    const s = checkupListStyles(theme());
    return healthListTemplate(s, { panel: false });
  }

  override _setup() {
    this.list.onSelect = (id) =>
      this.send(id === MEDICATIONS_ROW ? { type: 'MEDICATIONS' } : { type: 'SELECT', id });
  }

  protected render(props: CheckupListProps) {
    const s = checkupListStyles(theme());
    this.tag('Frame')?.patch({
      frame: { title: t('health.title.list') },
    });
    const rows: MenuItem[] = props.loading
      ? []
      : [
          ...props.checkups.map((checkup) => ({
            id: checkup.id,
            label: `${formatDate(checkup.date)}${COLUMN_GAP[currentLanguage()]}${checkup.institution}`,
            detail: t('health.list.overall', {
              grade: checkup.overallJudgement,
              word: judgementWord(checkup.overallJudgement),
            }),
          })),
          {
            id: MEDICATIONS_ROW,
            label: t('health.list.medicationsRow'),
            detail: t('health.list.medicationsDetail'),
          },
        ];
    // Empty: the message takes the hint's place and the medications row moves below it.
    const notice = props.loading ? t('health.loading') : props.empty ? message({ key: 'checkupsEmpty' }) : '';
    this.tag('Notice')?.patch({ text: { text: notice } });
    this.tag('Hint')?.patch({
      visible: !props.loading && !props.empty,
      text: { text: t('health.list.hint') },
    });
    this.list.patch({
      visible: rows.length > 0,
      y: props.empty ? s.notice.y + s.notice.lineHeight + 120 : s.menu.y,
    });
    // A row is one line: a long place may end in "..", since the opened checkup shows its date
    // (title) and place (the line above its items) whole.
    this.list.setItems(rows, {
      width: s.menu.w,
      visibleRows: props.empty ? 1 : s.menu.visibleRows,
      mayCut: ['label'],
    });
    this._refocus();
  }

  override _getFocused() {
    return this.props && !this.props.loading ? this.list : this;
  }

  announcement(): string {
    if (!this.props || this.props.loading) return t('health.loading');
    if (this.props.empty) return t('health.list.spokenEmpty');
    return t('health.list.spoken', { count: this.props.checkups.length });
  }
}
