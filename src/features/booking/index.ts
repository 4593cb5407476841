/**
 * Booking a facility: facilities, dates, rooms, slots, confirm/done, my bookings and their detail.
 * Loaded on demand.
 */
import { lazyFeature } from '../../app/screens/feature';

export const BookingScreen = {
  facilityList: 'facility-list',
  datePicker: 'date-picker',
  roomList: 'room-list',
  slotGrid: 'slot-grid',
  bookingConfirm: 'booking-confirm',
  bookingDone: 'booking-done',
  myBookings: 'my-bookings',
  bookingDetail: 'booking-detail',
} as const;

export const bookingFeature = lazyFeature(BookingScreen, () =>
  import('./screens').then((module) => module.bookingFamily),
);
