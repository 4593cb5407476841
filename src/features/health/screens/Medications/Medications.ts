/**
 * The dispensed medicines, newest first: name left, the dispensing date and the days supplied
 * right. Long names are cut in the row, so the panel under the list repeats the chosen medicine's
 * full name with how to take it and the pharmacy. Read-only: Back returns to the checkup list.
 */
import type { MenuItem } from '../../../../app/components/Menu/Menu';
import { message, t } from '../../../../app/i18n/i18n';
import type { Medication } from '../../../../platform/types';
import { theme } from '../../../../app/theme/tokens';
import type { MedicationsProps } from '../../view/health-view';
import { formatDate, spokenWithoutRows } from '../health-format';
import { HealthListScreen, healthListTemplate } from '../health-layout';
import { medicationsStyles } from './Medications.styles';

export type { MedicationsProps };

const medicationRow = (medication: Medication): MenuItem => ({
  id: medication.id,
  label: medication.drugName,
  detail: t('health.medications.row', { date: formatDate(medication.dispensedOn), days: medication.days }),
  spoken: t('health.medications.itemSpoken', {
    date: formatDate(medication.dispensedOn),
    days: medication.days,
    dose: medication.dose,
    pharmacy: medication.pharmacy,
  }),
});

export class Medications extends HealthListScreen<MedicationsProps> {
  static override _template() {
    const s = medicationsStyles(theme());
    return healthListTemplate(s, { panel: true });
  }

  override _setup() {
    this.list.onFocusItem = (id) => this.showFocused(id);
  }

  protected render(props: MedicationsProps) {
    const s = medicationsStyles(theme());
    const ready = !props.loading && !props.empty && props.medications.length > 0;
    this.tag('Frame')?.patch({
      frame: { title: t('health.title.medications') },
    });
    const notice = props.loading ? t('health.loading') : ready ? '' : message({ key: 'medicationsEmpty' });
    this.tag('Notice')?.patch({ text: { text: notice } });
    this.tag('Hint')?.patch({ visible: ready, text: { text: t('health.medications.hint') } });
    // A long name may end in ".." in its row: the panel under the list shows the focused one whole.
    this.showRows(s, ready ? props.medications.map(medicationRow) : undefined, ['label']);
  }

  protected override showFocused(id: string | undefined) {
    const medication = this.props?.medications.find((item) => item.id === id);
    const text = medication
      ? `${medication.drugName}\n${t('health.medications.detail', { dose: medication.dose, pharmacy: medication.pharmacy })}`
      : '';
    this.tag('Panel')?.patch({ visible: medication !== undefined, text: { text } });
  }

  override _getFocused() {
    return this.props && this.props.medications.length > 0 && !this.props.loading ? this.list : this;
  }

  // OK on a medicine has nothing to open; the list is for reading.
  override _handleEnter() {
    return true;
  }

  announcement(): string {
    const count = this.props?.medications.length ?? 0;
    return (
      spokenWithoutRows(this.props, count, { key: 'medicationsEmpty' }, 'health.backHint') ??
      t('health.medications.spoken', { count })
    );
  }
}
