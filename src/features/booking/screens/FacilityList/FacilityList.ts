/**
 * 'facility-list': the facilities that can be booked, one row each (name, and its kind at the
 * right), and at the end the row "予約の確認・取り消し" to the viewer's bookings. While loading
 * or when there is nothing to book, the guidance line says so. Back leaves the flow.
 */
import type { MenuItem } from '../../../../app/components/Menu/Menu';
import { t } from '../../../../app/i18n/i18n';
import type { FacilityListProps } from '../../view/booking-view';
import { GuidedListScreen } from '../booking-layout';

/** The id of the last row (no facility has it: facility ids come from the platform). */
const MY_BOOKINGS_ROW = '#my-bookings';

export class FacilityList extends GuidedListScreen<FacilityListProps> {
  protected readonly texts = {
    titleKey: 'booking.title.facilities',
    empty: { key: 'facilitiesEmpty' as const },
    hintKey: 'booking.facilityHint',
  };

  protected rowsOf(props: FacilityListProps): MenuItem[] {
    if (props.loading) return [];
    return [
      ...props.facilities.map((facility) => ({
        id: facility.id,
        label: facility.name,
        detail: facility.kind,
      })),
      { id: MY_BOOKINGS_ROW, label: t('booking.myBookingsRow') },
    ];
  }

  protected chooseRow(id: string) {
    this.send(id === MY_BOOKINGS_ROW ? { type: 'MY_BOOKINGS' } : { type: 'SELECT', id });
  }
}
