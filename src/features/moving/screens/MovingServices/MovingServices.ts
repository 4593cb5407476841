/**
 * 'moving-services': the new address, then the linked services as a list of checkboxes: Up/Down
 * move, OK ticks or unticks (■ 知らせる / □ 知らせない: a mark and a word, never colour alone). A
 * service already holding the new address shows 変更済み and cannot be ticked. Under the list, the
 * address the focused service holds now, beside the new one above. The last row, 次へ, goes on
 * (NEXT); with nothing ticked the machine says so here. Back leaves the flow.
 */
import { t, withWarningIcon } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { MovingServicesProps, ServiceRow } from '../../view/moving-view';
import { ListScreen, listTemplate, nameOf } from '../moving-layout';
import { labelled, spokenJoin } from '../../../../app/screens/content';
import { movingServicesStyles } from './MovingServices.styles';

const NEXT = '__next';

const stateOf = (service: ServiceRow): string =>
  service.upToDate
    ? t('moving.row.upToDate')
    : service.chosen
      ? t('moving.row.chosen')
      : t('moving.row.notChosen');

const markOf = (service: ServiceRow): string => (service.upToDate ? '✓' : service.chosen ? '■' : '□');

export class MovingServices extends ListScreen<MovingServicesProps> {
  static override _template() {
    return listTemplate(
      movingServicesStyles(theme()),
      { Address: 'body', Hint: ['muted', 1] },
      { Held: 'body' },
    );
  }

  protected readonly backEvent = { type: 'BACK' };

  protected render(props: MovingServicesProps) {
    const s = movingServicesStyles(theme());
    this.tag('Frame')?.patch({ frame: { title: t('moving.title.services') } });
    this.showText('Header.Address', labelled('moving.label.newAddress', props.newAddress));
    // With nothing ticked, the warning takes the hint's place until a service is ticked.
    this.showText(
      'Header.Hint',
      props.nothingChosen ? withWarningIcon(t('moving.nothingChosen')) : t('moving.services.hint'),
    );
    const rows = props.services.map((service) => ({
      id: service.id,
      label: `${markOf(service)} ${nameOf(service)}`,
      detail: stateOf(service),
    }));
    this.menu.setItems([...rows, { id: NEXT, label: t('moving.next') }], {
      width: s.menu.w,
      visibleRows: s.menu.visibleRows,
    });
    this.menu.onFocusItem = (id) => this.showHeld(id);
    this.menu.onSelect = (id) => this.send(id === NEXT ? { type: 'NEXT' } : { type: 'TOGGLE', id });
    this.showHeld(this.menu.focusedItem?.id);
  }

  /** The address the focused service holds now (nothing under 次へ). */
  private showHeld(id: string | undefined) {
    const service = this.props.services.find((s) => s.id === id);
    this.showText('Footer.Held', service ? labelled('moving.label.heldAddress', service.heldAddress) : '');
  }

  announcement(): string {
    const { newAddress, nothingChosen } = this.props;
    return spokenJoin([
      t('moving.title.services'),
      labelled('moving.label.newAddress', newAddress),
      nothingChosen ? t('moving.nothingChosen') : t('moving.services.hint'),
    ]);
  }
}
