/**
 * The booking screens, by screen id, and their strings: a chunk loaded on demand
 * (its index.ts, the shell's families.ts), so nothing in the initial bundle imports this file.
 */
import booking from './strings.json';
import { familyOf } from '../../app/screens/feature';
import { strings } from '../../app/i18n/strings';
import '../../app/screens/family-shared';
import { bookingMachine } from './machine/booking.machine';
import { bookingView } from './view/booking-view';
import { BookingScreen } from './index';
import { BookingConfirm } from './screens/BookingConfirm/BookingConfirm';
import { BookingDetail } from './screens/BookingDetail/BookingDetail';
import { BookingDone } from './screens/BookingDone/BookingDone';
import { DatePicker } from './screens/DatePicker/DatePicker';
import { FacilityList } from './screens/FacilityList/FacilityList';
import { MyBookings } from './screens/MyBookings/MyBookings';
import { RoomList } from './screens/RoomList/RoomList';
import { SlotGrid } from './screens/SlotGrid/SlotGrid';

export const bookingFamily = familyOf(
  strings(booking),
  {
    [BookingScreen.facilityList]: FacilityList,
    [BookingScreen.datePicker]: DatePicker,
    [BookingScreen.roomList]: RoomList,
    [BookingScreen.slotGrid]: SlotGrid,
    [BookingScreen.bookingConfirm]: BookingConfirm,
    [BookingScreen.bookingDone]: BookingDone,
    [BookingScreen.myBookings]: MyBookings,
    [BookingScreen.bookingDetail]: BookingDetail,
  },
  { machine: bookingMachine, view: bookingView },
);
