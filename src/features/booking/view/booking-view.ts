/**
 * Booking flow snapshot → screen. Every state of bookingMachine maps to one view: the funnel
 * screens (facility → date → room → slot → confirm → done), the viewer's bookings and one
 * booking's detail (with the cancel question), full-screen messages for errors and notices, and a
 * 'status' while something is sent or the flow has ended (the session takes over right after).
 * The machine's notice (a slot was taken meanwhile) rides on the screen the viewer is brought back to.
 */
import type { SnapshotFrom } from 'xstate';
import { BOOKING_WINDOW_DAYS, type bookingMachine } from '../machine/booking.machine';
import { dateHasSlots } from '../machine/availability';
import type { Booking, Facility, SlotCode, SlotStatus } from '../../../platform/types';
import type { MessageRef } from '../../../app/i18n/i18n';
import { messageView, noticeView, statusView } from '../../../app/view/app-view';
import type { MessageAction, ScreenView } from '../../../app/view/app-view';
import { phoneSendStep, phoneSendView } from '../../../app/view/phone-send-view';
import { calendarWeeks, shiftDate, SLOT_TIMES, type CalendarWeek } from './booking-dates';
import { BookingScreen } from '../index';

type BookingSnapshot = SnapshotFrom<typeof bookingMachine>;

interface FacilityRow {
  id: string;
  name: string;
  /** 公民館 / 体育館 … (the platform's word). */
  kind: string;
}

export interface FacilityListProps {
  facilities: FacilityRow[];
  loading: boolean;
  empty: boolean;
}

export interface DatePickerProps {
  facilityName: string;
  today: string;
  /** The booking window: today … today + 30 days, both included. */
  from: string;
  to: string;
  /** The window as week rows, Sunday first (null = outside the window). */
  weeks: CalendarWeek[];
  /** The days with at least one free slot, in order. */
  bookableDates: string[];
  loading: boolean;
  /** Loaded, but no day of the window has a free slot. */
  none: boolean;
  notice?: MessageRef;
}

export interface RoomRow {
  id: string;
  name: string;
  capacityPeople?: number;
  feeYen?: number;
  /** Free slots of this room on the chosen date; 0 = cannot be chosen. */
  freeSlots: number;
}

export interface RoomListProps {
  facilityName: string;
  date: string;
  rooms: RoomRow[];
  notice?: MessageRef;
}

export interface SlotTime {
  code: SlotCode;
  /** HH:MM */
  start: string;
  end: string;
}

export interface SlotCell extends SlotTime {
  status: SlotStatus;
  free: boolean;
}

export interface SlotGridProps {
  facilityName: string;
  roomName: string;
  date: string;
  slots: SlotCell[];
  notice?: MessageRef;
}

export interface BookingConfirmProps {
  facilityName: string;
  roomName: string;
  date: string;
  slot: SlotTime;
  feeYen?: number;
}

/** A booking as the screens show it. */
export interface BookingSummary {
  id: string;
  status: Booking['status'];
  facilityName: string;
  roomName: string;
  date: string;
  slot: SlotTime;
  feeYen: number;
  /** The facility's cancellation rule, in both languages. */
  rule: { ja: string; en: string };
}

export interface BookingDoneProps {
  booking: BookingSummary;
}

export interface MyBookingsProps {
  /** Soonest first; cancelled ones after the confirmed. */
  bookings: BookingSummary[];
  loading: boolean;
  empty: boolean;
}

export interface BookingDetailProps {
  booking: BookingSummary;
  /** The "cancel this booking?" question is open. */
  confirmingCancel: boolean;
}

const TARGET = 'booking' as const;

const RETRY: MessageAction = { labelKey: 'common.retry', event: { type: 'RETRY' } };
const BACK: MessageAction = { labelKey: 'common.back', event: { type: 'BACK' } };
const OK: MessageAction = { labelKey: 'common.ok', event: { type: 'OK' } };

const slotTime = (code: SlotCode, start?: string, end?: string): SlotTime => ({
  code,
  start: start ?? SLOT_TIMES[code].start,
  end: end ?? SLOT_TIMES[code].end,
});

const bookingSummary = (booking: Booking): BookingSummary => ({
  id: booking.id,
  status: booking.status,
  facilityName: booking.facilityName,
  roomName: booking.roomName,
  date: booking.date,
  slot: slotTime(booking.slot.code, booking.slot.start, booking.slot.end),
  feeYen: booking.feeYen,
  rule: { ja: booking.cancellation.rule, en: booking.cancellation.ruleEn },
});

const facilityOf = (snapshot: BookingSnapshot): Facility | undefined =>
  snapshot.context.facilities?.find((f) => f.id === snapshot.context.facilityId);

const roomOf = (facility: Facility | undefined, roomId: string | undefined) =>
  facility?.rooms.find((room) => room.id === roomId);

const noticeOf = (snapshot: BookingSnapshot): { notice?: MessageRef } =>
  snapshot.context.notice ? { notice: { key: snapshot.context.notice } } : {};

const roomsOnDate = (snapshot: BookingSnapshot) => {
  const { availability, date } = snapshot.context;
  return availability?.days.find((day) => day.date === date)?.rooms ?? [];
};

const selectedBooking = (snapshot: BookingSnapshot): BookingSummary | undefined => {
  const { bookings, bookingId } = snapshot.context;
  const booking = bookings?.find((b) => b.id === bookingId);
  return booking ? bookingSummary(booking) : undefined;
};

const errorMessage = (snapshot: BookingSnapshot, actions: MessageAction[], body?: MessageRef): ScreenView =>
  messageView(TARGET, {
    tone: 'error',
    titleKey: 'common.title.error',
    body: body ?? { key: snapshot.context.error?.messageKey ?? 'unexpected' },
    actions,
    contact: true,
  });

/** A booking that may have arrived: say that RETRY sends the same booking again, not a second one. */
const submitFailedBody = (snapshot: BookingSnapshot): MessageRef => {
  const error = snapshot.context.error;
  const uncertain = !error || error.kind === 'platformDown' || error.kind === 'unexpected';
  return { key: uncertain ? 'bookingNotSaved' : error.messageKey };
};

function datePickerProps(snapshot: BookingSnapshot): DatePickerProps {
  const { today, availability } = snapshot.context;
  const to = shiftDate(today, BOOKING_WINDOW_DAYS);
  const bookableDates = (availability?.days ?? [])
    .map((day) => day.date)
    .filter((date) => dateHasSlots(availability, date))
    .sort();
  return {
    facilityName: facilityOf(snapshot)?.name ?? '',
    today,
    from: today,
    to,
    weeks: calendarWeeks(today, to, new Set(bookableDates)),
    bookableDates,
    loading: snapshot.matches({ date: 'loading' }),
    none: snapshot.matches({ date: 'none' }),
    ...noticeOf(snapshot),
  };
}

function roomListProps(snapshot: BookingSnapshot): RoomListProps {
  const facility = facilityOf(snapshot);
  const rooms: RoomRow[] = roomsOnDate(snapshot).map((room) => {
    const known = roomOf(facility, room.roomId);
    return {
      id: room.roomId,
      name: known?.name ?? room.roomId,
      ...(known ? { capacityPeople: known.capacityPeople, feeYen: known.feeYen } : {}),
      freeSlots: room.slots.filter((slot) => slot.status === 'available').length,
    };
  });
  return {
    facilityName: facility?.name ?? '',
    date: snapshot.context.date ?? '',
    rooms,
    ...noticeOf(snapshot),
  };
}

function slotGridProps(snapshot: BookingSnapshot): SlotGridProps {
  const facility = facilityOf(snapshot);
  const { roomId, date } = snapshot.context;
  const room = roomOf(facility, roomId);
  const slots = roomsOnDate(snapshot).find((r) => r.roomId === roomId)?.slots ?? [];
  return {
    facilityName: facility?.name ?? '',
    roomName: room?.name ?? roomId ?? '',
    date: date ?? '',
    slots: slots.map((slot) => {
      const known = room?.slots.find((s) => s.code === slot.code);
      return {
        ...slotTime(slot.code, known?.start, known?.end),
        status: slot.status,
        free: slot.status === 'available',
      };
    }),
    ...noticeOf(snapshot),
  };
}

function confirmProps(snapshot: BookingSnapshot): BookingConfirmProps {
  const facility = facilityOf(snapshot);
  const { roomId, date, slot } = snapshot.context;
  const room = roomOf(facility, roomId);
  const code = slot ?? 'morning';
  const known = room?.slots.find((s) => s.code === code);
  return {
    facilityName: facility?.name ?? '',
    roomName: room?.name ?? roomId ?? '',
    date: date ?? '',
    slot: slotTime(code, known?.start, known?.end),
    ...(room ? { feeYen: room.feeYen } : {}),
  };
}

/** Confirmed first, each group soonest first. */
const bookingOrder = (a: BookingSummary, b: BookingSummary) =>
  Number(a.status === 'cancelled') - Number(b.status === 'cancelled') ||
  a.date.localeCompare(b.date) ||
  a.slot.start.localeCompare(b.slot.start);

const view = <Props>(screen: ScreenView['screen'], props: Props): ScreenView<Props> => ({
  screen,
  target: TARGET,
  props,
});

export function bookingView(snapshot: BookingSnapshot): ScreenView {
  const { context } = snapshot;
  if (snapshot.status !== 'active' || snapshot.matches('closed') || snapshot.matches('sessionExpired')) {
    return statusView(TARGET, { titleKey: 'booking.title.facilities', bodyKey: 'common.pleaseWait' });
  }
  if (snapshot.matches({ facilities: 'error' }) || snapshot.matches({ myBookings: 'error' })) {
    return errorMessage(snapshot, [RETRY, BACK]);
  }
  if (snapshot.matches({ date: 'error' })) return errorMessage(snapshot, [RETRY, BACK]);
  const phoneStep = phoneSendStep(
    (step) => snapshot.matches({ phone: step }) || snapshot.matches({ detailPhone: step }),
  );
  if (phoneStep) return phoneSendView(TARGET, phoneStep, context.error);
  if (snapshot.matches('submitFailed'))
    return errorMessage(snapshot, [RETRY, BACK], submitFailedBody(snapshot));
  if (snapshot.matches('cancelFailed')) return errorMessage(snapshot, [RETRY, BACK]);
  if (snapshot.matches('cancelRefused')) {
    const rule = context.error?.rule ?? selectedBooking(snapshot)?.rule;
    return messageView(TARGET, {
      tone: 'error',
      titleKey: 'booking.title.cancelRefused',
      body: { key: context.error?.messageKey ?? 'CANCELLATION_DEADLINE_PASSED' },
      ...(rule ? { rule } : {}),
      actions: [OK],
      contact: true,
    });
  }
  if (snapshot.matches('cancelled')) {
    return noticeView(TARGET, 'booking.title.cancelled', { key: context.notice ?? 'cancelled' }, [OK]);
  }
  if (snapshot.matches('submitting')) {
    return statusView(TARGET, { titleKey: 'booking.title.submitting', bodyKey: 'booking.status.submitting' });
  }
  if (snapshot.matches('refreshing')) {
    return statusView(TARGET, { titleKey: 'booking.title.refreshing', bodyKey: 'booking.status.refreshing' });
  }
  if (snapshot.matches('cancelling')) {
    return statusView(TARGET, { titleKey: 'booking.title.cancelling', bodyKey: 'booking.status.cancelling' });
  }
  if (snapshot.matches('date')) return view(BookingScreen.datePicker, datePickerProps(snapshot));
  if (snapshot.matches('room')) return view(BookingScreen.roomList, roomListProps(snapshot));
  if (snapshot.matches('slot')) return view(BookingScreen.slotGrid, slotGridProps(snapshot));
  if (snapshot.matches('confirm')) return view(BookingScreen.bookingConfirm, confirmProps(snapshot));
  if (snapshot.matches('booked') && context.booking) {
    return view<BookingDoneProps>(BookingScreen.bookingDone, { booking: bookingSummary(context.booking) });
  }
  if (snapshot.matches('myBookings')) {
    // An empty answer leaves the previous list in context: it is not shown.
    const empty = snapshot.matches({ myBookings: 'empty' });
    return view<MyBookingsProps>(BookingScreen.myBookings, {
      bookings: empty ? [] : (context.bookings ?? []).map(bookingSummary).sort(bookingOrder),
      loading: snapshot.matches({ myBookings: 'loading' }),
      empty,
    });
  }
  const detail = selectedBooking(snapshot);
  if ((snapshot.matches('bookingDetail') || snapshot.matches('confirmCancel')) && detail) {
    return view<BookingDetailProps>(BookingScreen.bookingDetail, {
      booking: detail,
      confirmingCancel: snapshot.matches('confirmCancel'),
    });
  }
  // facilities.* (and `opening`, which passes at once and shows as loading).
  const empty = snapshot.matches({ facilities: 'empty' });
  return view<FacilityListProps>(BookingScreen.facilityList, {
    facilities: empty
      ? []
      : (context.facilities ?? []).map((f) => ({ id: f.id, name: f.name, kind: f.kind })),
    loading: snapshot.matches({ facilities: 'loading' }) || snapshot.matches('opening'),
    empty,
  });
}
