/**
 * 'my-bookings': the viewer's bookings, one row each — date and time at the left, the facility
 * at the right (cancelled ones say "取消済み"); the room is spoken with the row. OK opens a
 * confirmed booking (to see it or cancel it). Back leaves the list.
 */
import { currentLanguage, t } from '../../../../app/i18n/i18n';
import type { BookingSummary, MyBookingsProps } from '../../view/booking-view';
import { timeRange } from '../../view/booking-dates';
import { apart, bookingDate, slotName } from '../booking-format';
import { GuidedListScreen } from '../booking-layout';

const rowOf = (booking: BookingSummary) => {
  const cancelled = booking.status === 'cancelled';
  const mark = cancelled ? `× ${t('booking.cancelledMark')}` : '';
  return {
    id: booking.id,
    // The slot's name is spoken only: with it the English row would not fit in one line.
    label: `${bookingDate(booking.date)} ${timeRange(booking.slot.start, booking.slot.end, currentLanguage())}`,
    detail: apart(mark, booking.facilityName),
    spoken: [
      slotName(booking.slot.code),
      booking.facilityName,
      booking.roomName,
      cancelled ? t('booking.cancelledMark') : '',
    ]
      .filter(Boolean)
      .join('、'),
  };
};

export class MyBookings extends GuidedListScreen<MyBookingsProps> {
  protected readonly texts = {
    titleKey: 'booking.title.myBookings',
    empty: { key: 'bookingsEmpty' as const },
    hintKey: 'booking.bookingsHint',
  };

  // A long facility name may end in ".." in its row: the opened booking shows it whole (and the
  // row says it when focused).
  protected override readonly mayCut = ['detail'] as const;

  protected rowsOf(props: MyBookingsProps) {
    return props.loading ? [] : props.bookings.map(rowOf);
  }

  /** Only a confirmed booking opens; a cancelled one just says so. */
  protected chooseRow(id: string, props: MyBookingsProps) {
    const booking = props.bookings.find((b) => b.id === id);
    if (booking?.status === 'confirmed') this.send({ type: 'SELECT', id });
    else this.announce(t('booking.alreadyCancelled'));
  }
}
