/**
 * The booking screens, by registry name, and their strings: a chunk loaded on demand
 * (families.ts), so nothing in the initial bundle imports this file.
 */
import booking from '../i18n/translations/booking.json';
import type { FamilyModule } from './families';
import './family-shared';
import type { ScreenClass } from './Screen';
import { BookingConfirm } from './BookingConfirm/BookingConfirm';
import { BookingDetail } from './BookingDetail/BookingDetail';
import { BookingDone } from './BookingDone/BookingDone';
import { DatePicker } from './DatePicker/DatePicker';
import { FacilityList } from './FacilityList/FacilityList';
import { MyBookings } from './MyBookings/MyBookings';
import { RoomList } from './RoomList/RoomList';
import { SlotGrid } from './SlotGrid/SlotGrid';

export const bookingScreens: Record<string, ScreenClass> = {
  'facility-list': FacilityList as unknown as ScreenClass,
  'date-picker': DatePicker as unknown as ScreenClass,
  'room-list': RoomList as unknown as ScreenClass,
  'slot-grid': SlotGrid as unknown as ScreenClass,
  'booking-confirm': BookingConfirm as unknown as ScreenClass,
  'booking-done': BookingDone as unknown as ScreenClass,
  'my-bookings': MyBookings as unknown as ScreenClass,
  'booking-detail': BookingDetail as unknown as ScreenClass,
};

export const bookingFamily: FamilyModule = { screens: bookingScreens, translations: booking };
