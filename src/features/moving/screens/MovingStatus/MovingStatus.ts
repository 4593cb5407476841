/**
 * 'moving-status': each service's status (送信中 / 受付済み / 完了 / 要対応, a mark and a word),
 * fetched again by the flow without a key press until all are final. The focus starts on the first
 * 要対応 service, whose reason (what to do) shows under the list; Up/Down show another's. The last
 * row, ホームへ, leaves (OK), as does Back; the result also arrives in the お知らせ inbox.
 */
import { currentLanguage, t, withWarningIcon } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { DeliveryRow, DeliveryStatus, MovingStatusProps } from '../../view/moving-view';
import { ListScreen, listTemplate, nameOf } from '../moving-layout';
import { labelled, spokenJoin } from '../../../../app/screens/content';
import { movingStatusStyles } from './MovingStatus.styles';

const HOME = '__home';

const MARKS: Record<DeliveryStatus, string> = {
  sending: '…',
  accepted: '○',
  completed: '✓',
  actionRequired: '⚠',
};

const statusWord = (status: DeliveryStatus): string => `${MARKS[status]} ${t(`moving.delivery.${status}`)}`;

const reasonOf = (row: DeliveryRow | undefined): string =>
  row?.reason ? withWarningIcon(currentLanguage() === 'ja' ? row.reason.ja : row.reason.en) : '';

export class MovingStatus extends ListScreen<MovingStatusProps> {
  static override _template() {
    return listTemplate(
      movingStatusStyles(theme()),
      { Address: 'body', Progress: ['muted', 1] },
      { Reason: 'body' },
    );
  }

  protected readonly backEvent = { type: 'OK' };
  /** The first service needing the viewer, as last shown: the focus goes to it when it appears. */
  private needingShown: string | undefined;

  private progress(props: MovingStatusProps): string {
    if (!props.final) return t('moving.progress.polling');
    return props.deliveries.some((d) => d.status === 'actionRequired')
      ? t('moving.progress.actionRequired')
      : t('moving.progress.completed');
  }

  protected render(props: MovingStatusProps) {
    const s = movingStatusStyles(theme());
    this.tag('Frame')?.patch({ frame: { title: t('moving.title.status') } });
    this.showText('Header.Address', labelled('moving.label.newAddress', props.newAddress));
    this.showText('Header.Progress', this.progress(props));
    const rows = props.deliveries.map((d) => ({
      id: d.serviceId,
      label: nameOf(d),
      detail: statusWord(d.status),
    }));
    // The focus goes to the first service that needs the viewer when it appears; otherwise the
    // menu keeps the viewer's own row through every refresh.
    const needing = props.deliveries.find((d) => d.status === 'actionRequired')?.serviceId;
    const focusId = needing !== this.needingShown ? needing : undefined;
    this.needingShown = needing;
    this.menu.setItems([...rows, { id: HOME, label: t('moving.home') }], {
      width: s.menu.w,
      visibleRows: s.menu.visibleRows,
      ...(focusId ? { focusId } : {}),
    });
    this.menu.onFocusItem = (id) => this.showReason(id);
    this.menu.onSelect = (id) => {
      if (id === HOME) this.send({ type: 'OK' });
      else
        this.announce(spokenJoin([reasonOf(this.row(id)) || statusWord(this.row(id)?.status ?? 'sending')]));
    };
    this.showReason(this.menu.focusedItem?.id);
  }

  private row(id: string | undefined): DeliveryRow | undefined {
    return this.props.deliveries.find((d) => d.serviceId === id);
  }

  /** The focused 要対応 service's reason; else where to look for it, and that お知らせ has it all. */
  private showReason(id: string | undefined) {
    const anyNeeding = this.props.deliveries.some((d) => d.status === 'actionRequired');
    const otherwise = [anyNeeding ? t('moving.seeReason') : '', t('moving.inbox')].filter(Boolean).join('');
    this.showText('Footer.Reason', reasonOf(this.row(id)) || otherwise);
  }

  announcement(): string {
    const { newAddress, deliveries } = this.props;
    return spokenJoin([
      t('moving.title.status'),
      labelled('moving.label.newAddress', newAddress),
      ...deliveries.map((d) => `${nameOf(d)} ${t(`moving.delivery.${d.status}`)}`),
      this.progress(this.props),
      reasonOf(deliveries.find((d) => d.status === 'actionRequired')),
      t('moving.inbox'),
    ]);
  }
}
