/**
 * Booking a municipal facility: facility → date → room → slot (コマ) → confirm → done; the viewer's
 * bookings, and cancelling one with the facility's rule shown. Only what the availability says is
 * free can be chosen. If someone else takes the slot meanwhile, the availability is loaded again
 * and the viewer is brought back to the nearest step that still has a choice, with a message.
 * A booking is sent with an idempotency key made when the viewer confirms; RETRY after a failure
 * sends the same key, so a booking that did arrive is not made twice.
 */
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import { newIdempotencyKey } from '../../../platform/resources/bookings';
import type { SlotCode } from '../../../platform/types';
import { errorIs } from '../../../machines/errors';
import type { FlowMessageKey } from '../../../machines/messages';
import {
  notProvided,
  type Availability,
  type AvailabilityInput,
  type Booking,
  type BookingList,
  type CancelBookingInput,
  type CreateBookingInput,
  type FacilityList,
  type FeatureOutput,
} from '../../../machines/ports';
import { failureActions, featureFlow, flowTypes, listStates, loaded } from '../../../machines/feature-flow';
import type { FailureContext, ListEvent } from '../../../machines/feature-flow';
import { addDays, dateHasSlots, isSlotFree, roomHasSlots } from './availability';
import type { PhoneSendContext, PhoneSendEvent } from '../../../machines/phone-send';
import { phoneSendActions, phoneSendActors } from '../../../machines/phone-send';
import { pairPhoneState, phoneSendStates, sendToPhone } from '../../../machines/phone-send';

export interface BookingInput {
  /** YYYY-MM-DD; tests pass it. Without it, today's date in Japan when the flow starts. */
  today?: string;
  /** Where the flow opens: the facility list (default) or the viewer's bookings (from home). */
  start?: 'facilities' | 'myBookings';
  /** A facility to open at (a notice's): chosen once the list shows it; one not listed leaves the list. */
  facilityId?: string | undefined;
}

/**
 * Japan Standard Time: UTC+9 all year (no daylight saving). The app's japan-dates has it too, but a
 * machine imports nothing of the app shell (machines/boundaries.test.ts).
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * The calendar date in Japan (the box's clock; the platform refuses past dates anyway). Plain
 * arithmetic, not Intl: WPE's Intl formats 'en-CA' as 11/24/2026, and a box may lack tz data.
 */
export const todayInJapan = (now = new Date()): string =>
  new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);

export interface BookingContext extends PhoneSendContext, FailureContext {
  today: string;
  /** Opened at the bookings list: BACK from it ends the flow instead of showing the facilities. */
  start: 'facilities' | 'myBookings';
  facilities: FacilityList['facilities'] | undefined;
  /** The input's facility until it was opened (BACK from its dates then shows the list). */
  openingFacility: string | undefined;
  facilityId: string | undefined;
  availability: Availability | undefined;
  date: string | undefined;
  roomId: string | undefined;
  slot: SlotCode | undefined;
  idempotencyKey: string | undefined;
  booking: Booking | undefined;
  bookings: BookingList['bookings'] | undefined;
  bookingId: string | undefined;
  notice: FlowMessageKey | undefined;
}

export type BookingEvent =
  ListEvent | { type: 'MY_BOOKINGS' } | { type: 'CANCEL_BOOKING' } | { type: 'CONFIRM' } | PhoneSendEvent;

/** Bookable days from today on: at most 31 (the platform's limit). */
export const BOOKING_WINDOW_DAYS = 30;

const { failure, loadingList } = featureFlow('booking', 'clearMessages');
/** Opened at the bookings list, BACK leaves the flow; otherwise it goes to the facility list. */
const backFromMyBookings = [
  { guard: 'startsAtMyBookings' as const, target: '#booking.closed' },
  { target: '#booking.facilities' },
];
const facilityList = listStates(
  '#booking.closed',
  { MY_BOOKINGS: '#booking.myBookings' },
  { guard: 'knownFacility' as const, target: '#booking.date', actions: 'chooseFacility' as const },
);
const selected = (event: BookingEvent) => (event.type === 'SELECT' ? event.id : '');
/** What availability is asked for, first and again after a slot was taken: the whole window. */
const availabilityWindow = ({ context }: { context: BookingContext }): AvailabilityInput => ({
  facilityId: context.facilityId ?? '',
  from: context.today,
  to: addDays(context.today, BOOKING_WINDOW_DAYS),
});

export const bookingMachine = setup({
  types: flowTypes<BookingContext, BookingEvent, FeatureOutput, BookingInput>(),
  actors: {
    loadFacilities: fromPromise<FacilityList>(notProvided('loadFacilities')),
    loadAvailability: fromPromise<Availability, AvailabilityInput>(notProvided('loadAvailability')),
    createBooking: fromPromise<Booking, CreateBookingInput>(notProvided('createBooking')),
    loadBookings: fromPromise<BookingList>(notProvided('loadBookings')),
    cancelBooking: fromPromise<Booking, CancelBookingInput>(notProvided('cancelBooking')),
    ...phoneSendActors,
  },
  actions: {
    ...failureActions<BookingContext, BookingEvent>(),
    ...phoneSendActions<BookingContext, BookingEvent>(),
    clearMessages: assign({ error: undefined, notice: undefined }),
    /** A new booking intent gets a new key; a RETRY of it keeps this one. */
    newAttempt: assign({ idempotencyKey: () => newIdempotencyKey() }),
    setAvailability: assign({ availability: ({ event }) => loaded<Availability>(event) }),
    chooseFacility: assign({ facilityId: ({ event }) => selected(event), availability: undefined }),
    openInputFacility: assign(({ context }) => ({
      facilityId: context.openingFacility,
      openingFacility: undefined,
      availability: undefined,
    })),
    chooseBooking: assign({ bookingId: ({ event }) => selected(event) }),
    keepFacilities: assign({ facilities: ({ event }) => loaded<FacilityList>(event).facilities }),
    keepBookings: assign({ bookings: ({ event }) => loaded<BookingList>(event).bookings }),
  },
  guards: {
    knownFacility: ({ context, event }) => (context.facilities ?? []).some((f) => f.id === selected(event)),
    opensInputFacility: ({ context }) =>
      (context.facilities ?? []).some((f) => f.id === context.openingFacility),
    bookableDate: ({ context, event }) => dateHasSlots(context.availability, selected(event)),
    bookableRoom: ({ context, event }) => roomHasSlots(context.availability, context.date, selected(event)),
    freeSlot: ({ context, event }) =>
      isSlotFree(context.availability, context.date, context.roomId, selected(event)),
    startsAtMyBookings: ({ context }) => context.start === 'myBookings',
    cancellableBooking: ({ context, event }) =>
      (context.bookings ?? []).some((b) => b.id === selected(event) && b.status === 'confirmed'),
  },
}).createMachine({
  id: 'booking',
  context: ({ input }) => ({
    today: input.today ?? todayInJapan(),
    start: input.start ?? 'facilities',
    facilities: undefined,
    openingFacility: input.facilityId,
    facilityId: undefined,
    availability: undefined,
    date: undefined,
    roomId: undefined,
    slot: undefined,
    idempotencyKey: undefined,
    booking: undefined,
    bookings: undefined,
    bookingId: undefined,
    notice: undefined,
    error: undefined,
    sessionEnd: undefined,
    phoneItem: undefined,
  }),
  initial: 'opening',
  output: ({ event }) => (event as unknown as DoneActorEvent<FeatureOutput>).output,
  states: {
    /** Transient: picks the first screen from the input. */
    opening: {
      always: [{ guard: 'startsAtMyBookings', target: 'myBookings' }, { target: 'facilities' }],
    },
    facilities: {
      initial: 'loading',
      states: {
        loading: loadingList('loadFacilities', {
          isEmpty: (output: FacilityList) => output.facilities.length === 0,
          keep: 'keepFacilities',
        }),
        ...facilityList,
        /** A notice's facility opens as soon as the list shows it (once: BACK comes to the list). */
        ready: {
          ...facilityList.ready,
          always: { guard: 'opensInputFacility', target: '#booking.date', actions: 'openInputFacility' },
        },
      },
    },
    date: {
      initial: 'loading',
      states: {
        loading: {
          entry: 'clearMessages',
          invoke: {
            id: 'loadAvailability',
            src: 'loadAvailability',
            input: availabilityWindow,
            onDone: [
              {
                guard: ({ event }) => !event.output.days.some((day) => dateHasSlots(event.output, day.date)),
                target: 'none',
                actions: 'setAvailability',
              },
              { target: 'ready', actions: 'setAvailability' },
            ],
            onError: failure('#booking.date.error'),
          },
        },
        ready: {
          on: {
            SELECT: {
              guard: 'bookableDate',
              target: '#booking.room',
              actions: assign({ date: ({ event }) => event.id }),
            },
            BACK: '#booking.facilities.ready',
          },
        },
        none: { on: { BACK: '#booking.facilities.ready' } },
        error: { on: { RETRY: 'loading', BACK: '#booking.facilities.ready' } },
      },
    },
    room: {
      on: {
        SELECT: {
          guard: 'bookableRoom',
          target: 'slot',
          actions: assign({ roomId: ({ event }) => event.id }),
        },
        BACK: { target: 'date.ready', actions: 'clearMessages' },
      },
    },
    slot: {
      on: {
        SELECT: {
          guard: 'freeSlot',
          target: 'confirm',
          actions: [assign({ slot: ({ event }) => event.id as SlotCode }), 'clearMessages'],
        },
        BACK: { target: 'room', actions: 'clearMessages' },
      },
    },
    confirm: {
      on: {
        CONFIRM: { target: 'submitting', actions: 'newAttempt' },
        BACK: 'slot',
      },
    },
    submitting: {
      entry: 'clearMessages',
      invoke: {
        id: 'createBooking',
        src: 'createBooking',
        input: ({ context }) => ({
          request: {
            facilityId: context.facilityId ?? '',
            roomId: context.roomId ?? '',
            date: context.date ?? '',
            slot: context.slot ?? 'morning',
          },
          idempotencyKey: context.idempotencyKey ?? '',
        }),
        onDone: { target: 'booked', actions: assign({ booking: ({ event }) => event.output }) },
        onError: [
          {
            guard: ({ event }) => errorIs(event, 'slotTaken', 'slotUnavailable'),
            target: 'refreshing',
            actions: assign({ notice: 'slotTakenRefreshed', slot: undefined }),
          },
          ...failure('#booking.submitFailed'),
        ],
      },
    },
    /** The same booking again, with the same key (RETRY), or back to the summary. */
    submitFailed: { on: { RETRY: 'submitting', BACK: 'confirm' } },
    /** Someone was quicker: fresh availability, back to where there is still a choice. */
    refreshing: {
      invoke: {
        id: 'refreshAvailability',
        src: 'loadAvailability',
        input: availabilityWindow,
        onDone: [
          {
            guard: ({ context, event }) => roomHasSlots(event.output, context.date, context.roomId),
            target: 'slot',
            actions: 'setAvailability',
          },
          {
            guard: ({ context, event }) => dateHasSlots(event.output, context.date),
            target: 'room',
            actions: ['setAvailability', assign({ roomId: undefined })],
          },
          {
            target: 'date.ready',
            actions: ['setAvailability', assign({ roomId: undefined, date: undefined })],
          },
        ],
        onError: failure('#booking.date.error'),
      },
    },
    /** Done: OK (ホームへ) closes the flow, back to the home menu; or look at the bookings. */
    booked: { on: { OK: 'closed', MY_BOOKINGS: 'myBookings', SEND_TO_PHONE: sendToPhone('phone') } },
    /** 「スマートフォンに送る」 from the booking made: back to it after. */
    phone: phoneSendStates('booking', '#booking.booked'),
    pairPhone: pairPhoneState('forgetPhoneItem'),
    myBookings: {
      initial: 'loading',
      states: {
        loading: loadingList('loadBookings', {
          isEmpty: (output: BookingList) => output.bookings.length === 0,
          keep: 'keepBookings',
        }),
        ...listStates(
          backFromMyBookings,
          {},
          {
            guard: 'cancellableBooking',
            target: '#booking.bookingDetail',
            actions: 'chooseBooking',
          },
        ),
      },
    },
    /** Shows the booking with its cancellation rule (booking.cancellation.rule / ruleEn). */
    bookingDetail: {
      on: {
        CANCEL_BOOKING: 'confirmCancel',
        SEND_TO_PHONE: sendToPhone('detailPhone'),
        BACK: { target: 'myBookings.ready', actions: 'clearMessages' },
      },
    },
    /** 「スマートフォンに送る」 from one of the bookings: back to it after. */
    detailPhone: phoneSendStates('booking', '#booking.bookingDetail'),
    confirmCancel: { on: { CONFIRM: 'cancelling', BACK: 'bookingDetail' } },
    cancelling: {
      invoke: {
        id: 'cancelBooking',
        src: 'cancelBooking',
        input: ({ context }) => ({ bookingId: context.bookingId ?? '' }),
        onDone: { target: 'cancelled', actions: assign({ notice: 'cancelled' }) },
        onError: [
          // Past the deadline: the message and the facility's own rule (call the facility).
          {
            guard: ({ event }) => errorIs(event, 'cancellationDeadlinePassed'),
            target: 'cancelRefused',
            actions: 'setError',
          },
          ...failure('#booking.cancelFailed'),
        ],
      },
    },
    cancelRefused: { on: { OK: 'bookingDetail', BACK: 'bookingDetail' } },
    cancelFailed: { on: { RETRY: 'cancelling', BACK: 'bookingDetail' } },
    cancelled: { on: { OK: 'myBookings' } },
    closed: { type: 'final', output: { outcome: 'closed' as const } },
    sessionExpired: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'sessionExpired' as const, reason: context.sessionEnd }),
    },
  },
});
