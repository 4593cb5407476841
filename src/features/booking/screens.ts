/**
 * The booking screens, by screen id, and their strings: a chunk loaded on demand
 * (its index.ts, the shell's families.ts), so nothing in the initial bundle imports this file.
 */
import booking from './strings.json';
import type { FamilyModule } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { BookingScreen } from './index';
import type { ScreenClass } from '../../app/screens/Screen';
import { BookingConfirm } from './screens/BookingConfirm/BookingConfirm';
import { BookingDetail } from './screens/BookingDetail/BookingDetail';
import { BookingDone } from './screens/BookingDone/BookingDone';
import { DatePicker } from './screens/DatePicker/DatePicker';
import { FacilityList } from './screens/FacilityList/FacilityList';
import { MyBookings } from './screens/MyBookings/MyBookings';
import { RoomList } from './screens/RoomList/RoomList';
import { SlotGrid } from './screens/SlotGrid/SlotGrid';

export const bookingScreens: Record<string, ScreenClass> = {
  [BookingScreen.facilityList]: FacilityList as unknown as ScreenClass,
  [BookingScreen.datePicker]: DatePicker as unknown as ScreenClass,
  [BookingScreen.roomList]: RoomList as unknown as ScreenClass,
  [BookingScreen.slotGrid]: SlotGrid as unknown as ScreenClass,
  [BookingScreen.bookingConfirm]: BookingConfirm as unknown as ScreenClass,
  [BookingScreen.bookingDone]: BookingDone as unknown as ScreenClass,
  [BookingScreen.myBookings]: MyBookings as unknown as ScreenClass,
  [BookingScreen.bookingDetail]: BookingDetail as unknown as ScreenClass,
};

export const bookingFamily: FamilyModule = { screens: bookingScreens, translations: strings(booking) };
