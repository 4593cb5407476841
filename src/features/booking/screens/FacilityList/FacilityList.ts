/**
 * 'facility-list': the facilities that can be booked, one row each (name, and its kind at the
 * right), and at the end the row "予約の確認・取り消し" to the viewer's bookings. While loading
 * or when there is nothing to book, the guidance line says so. Back leaves the flow.
 */
import { Menu, type MenuItem } from '../../../../app/components/Menu/Menu';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { message, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { FacilityListProps } from '../../view/booking-view';
import { spoken, textElement } from '../booking-format';
import { Screen } from '../../../../app/screens/Screen';
import { facilityListStyles } from './FacilityList.styles';
import { BookingScreen } from '../../index';

/** The id of the last row (no facility has it: facility ids come from the platform). */
export const MY_BOOKINGS_ROW = '#my-bookings';

export class FacilityList extends Screen<FacilityListProps> {
  static readonly screenName = BookingScreen.facilityList;

  static override _template() {
    const s = facilityListStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Guide: textElement({ ...s.header, fontSize: s.body, color: s.text, maxLines: 1 }),
      Menu: { type: Menu, x: s.menu.x, y: s.menu.y },
    };
  }

  private guide(props: FacilityListProps): string {
    if (props.loading) return t('common.loading');
    if (props.empty) return message({ key: 'facilitiesEmpty' });
    return t('booking.facilityHint');
  }

  protected render(props: FacilityListProps) {
    const s = facilityListStyles(theme());
    this.tag('Frame')?.patch({
      frame: { title: t('booking.title.facilities') },
    });
    this.tag('Guide')?.patch({ text: { text: this.guide(props) } });
    const items: MenuItem[] = props.loading
      ? []
      : [
          ...props.facilities.map((facility) => ({
            id: facility.id,
            label: facility.name,
            detail: facility.kind,
          })),
          { id: MY_BOOKINGS_ROW, label: t('booking.myBookingsRow') },
        ];
    const menu = this.tag('Menu') as Menu;
    menu.setItems(items, { width: s.menu.w, visibleRows: s.menu.visibleRows });
    menu.onSelect = (id) =>
      this.send(id === MY_BOOKINGS_ROW ? { type: 'MY_BOOKINGS' } : { type: 'SELECT', id });
  }

  announcement(): string {
    return spoken([t('booking.title.facilities'), this.guide(this.props)]);
  }

  override _getFocused() {
    return this.tag('Menu') as Menu;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}
