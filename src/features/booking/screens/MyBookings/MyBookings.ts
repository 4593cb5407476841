/**
 * 'my-bookings': the viewer's bookings, one row each — date and time at the left, the facility
 * at the right (cancelled ones say "取消済み"); the room is spoken with the row. OK opens a
 * confirmed booking (to see it or cancel it). Back leaves the list.
 */
import { Menu } from '../../../../app/components/Menu/Menu';
import { ScreenFrame } from '../../../../app/components/ScreenFrame/ScreenFrame';
import { currentLanguage, message, t } from '../../../../app/i18n/i18n';
import { theme } from '../../../../app/theme/tokens';
import type { BookingSummary, MyBookingsProps } from '../../view/booking-view';
import { timeRange } from '../../view/booking-dates';
import { apart, bookingDate, slotName, spoken, textElement } from '../booking-format';
import { Screen } from '../../../../app/screens/Screen';
import { myBookingsStyles } from './MyBookings.styles';
import { BookingScreen } from '../../index';

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

export class MyBookings extends Screen<MyBookingsProps> {
  static readonly screenName = BookingScreen.myBookings;

  static override _template() {
    const s = myBookingsStyles(theme());
    return {
      Frame: { type: ScreenFrame },
      Guide: textElement({ ...s.header, fontSize: s.body, color: s.text, maxLines: 1 }),
      Menu: { type: Menu, x: s.menu.x, y: s.menu.y },
    };
  }

  private guide(props: MyBookingsProps): string {
    if (props.loading) return t('common.loading');
    if (props.empty) return message({ key: 'bookingsEmpty' });
    return t('booking.bookingsHint');
  }

  protected render(props: MyBookingsProps) {
    const s = myBookingsStyles(theme());
    this.tag('Frame')?.patch({
      frame: { title: t('booking.title.myBookings') },
    });
    this.tag('Guide')?.patch({ text: { text: this.guide(props) } });
    const menu = this.tag('Menu') as Menu;
    menu.setItems(props.loading ? [] : props.bookings.map(rowOf), {
      width: s.menu.w,
      visibleRows: s.menu.visibleRows,
    });
    menu.onSelect = (id) => {
      const booking = props.bookings.find((b) => b.id === id);
      if (booking?.status === 'confirmed') this.send({ type: 'SELECT', id });
      else this.announce(t('booking.alreadyCancelled'));
    };
  }

  announcement(): string {
    return spoken([t('booking.title.myBookings'), this.guide(this.props)]);
  }

  override _getFocused() {
    return this.tag('Menu') as Menu;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}
