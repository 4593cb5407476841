/** The booking machine's test model and its data (one facility, two rooms, one bookable day). */
import type { SnapshotFrom } from 'xstate';
import type { Availability, Booking, FacilityList } from '../../../machines/ports';
import { done, fail, phoneSendCases, platformErrors } from '../../../machines/testing/fixtures';
import type { ModelSpec } from '../../../machines/testing/model';
import { bookingMachine } from './booking.machine';

type Snapshot = SnapshotFrom<typeof bookingMachine>;

export const TODAY = '2030-05-01';
export const DAY = '2030-05-10';

export const facilities: FacilityList = {
  facilities: [
    {
      id: 'f1',
      name: 'みどり公民館',
      kind: '公民館',
      address: 'みどり市中央1-1',
      phone: '0120-000-000',
      closedWeekdays: [1],
      rooms: [
        { id: 'r1', name: '和室', capacityPeople: 20, feeYen: 600, slots: [] },
        { id: 'r2', name: '会議室', capacityPeople: 12, feeYen: 400, slots: [] },
      ],
    },
  ],
};

type Status = 'available' | 'booked';
const availability = (r1: [Status, Status], r2: [Status, Status] = ['booked', 'booked']): Availability => ({
  facilityId: 'f1',
  from: TODAY,
  to: '2030-05-31',
  days: [
    {
      date: DAY,
      rooms: [
        {
          roomId: 'r1',
          slots: [
            { code: 'morning', status: r1[0] },
            { code: 'afternoon', status: r1[1] },
          ],
        },
        {
          roomId: 'r2',
          slots: [
            { code: 'morning', status: r2[0] },
            { code: 'afternoon', status: r2[1] },
          ],
        },
      ],
    },
  ],
});

export const open = availability(['available', 'available']);
/** After someone took the morning: the afternoon of r1 is still free. */
export const afternoonLeft = availability(['booked', 'available']);
/** r1 full, r2 free. */
export const otherRoomLeft = availability(['booked', 'booked'], ['available', 'booked']);
export const full = availability(['booked', 'booked']);

export const booking = (status: 'confirmed' | 'cancelled' = 'confirmed'): Booking => ({
  id: 'bk-1',
  status,
  facilityId: 'f1',
  facilityName: 'みどり公民館',
  roomId: 'r1',
  roomName: '和室',
  date: DAY,
  slot: { code: 'morning', label: '朝', start: '09:00', end: '12:00' },
  feeYen: 600,
  createdAt: '2030-05-01T10:00:00+09:00',
  cancellation: {
    deadline: '2030-05-09T17:00:00+09:00',
    rule: '利用日の前日17時まで、この画面で取り消せます。',
    ruleEn: 'You can cancel here until 17:00 the day before.',
  },
});

const errors = [platformErrors.unavailable(), platformErrors.sessionExpired()];

export const bookingSpec: ModelSpec<typeof bookingMachine> = {
  machine: bookingMachine,
  input: { today: TODAY },
  promiseActors: [
    'loadFacilities',
    'loadAvailability',
    'createBooking',
    'loadBookings',
    'cancelBooking',
    'sendToPhone',
  ],
  events: [
    ...['f1', DAY, 'r1', 'r2', 'morning', 'afternoon', 'bk-1'].map((id) => ({ type: 'SELECT', id })),
    ...['MY_BOOKINGS', 'CANCEL_BOOKING', 'CONFIRM', 'OK', 'BACK', 'RETRY'].map((type) => ({ type })),
    done('loadFacilities', facilities),
    done('loadFacilities', { facilities: [] }),
    done('loadAvailability', open),
    done('loadAvailability', full),
    done('refreshAvailability', afternoonLeft),
    done('refreshAvailability', otherRoomLeft),
    done('refreshAvailability', full),
    done('createBooking', booking()),
    fail('createBooking', platformErrors.slotTaken()),
    fail('createBooking', platformErrors.slotUnavailable()),
    done('loadBookings', { bookings: [booking()] }),
    done('loadBookings', { bookings: [] }),
    done('cancelBooking', booking('cancelled')),
    fail('cancelBooking', platformErrors.deadlinePassed()),
    ...phoneSendCases('booking'),
    ...[
      'loadFacilities',
      'loadAvailability',
      'createBooking',
      'loadBookings',
      'cancelBooking',
      'refreshAvailability',
    ].flatMap((id) => errors.map((error) => fail(id, error))),
  ],
  // One walk through the funnel per history: after a booking was made or the list was seen, the
  // funnel again adds states, not behaviour. Error screens are entered from a clean start only.
  allow: (snapshot: Snapshot, event) => {
    const { booking: made, bookings, error, notice } = snapshot.context;
    const seenBefore = made !== undefined || bookings !== undefined;
    if (event.type === 'SELECT' && (event as { id?: string }).id === 'f1') return !seenBefore;
    if (event.type.startsWith('xstate.error.actor.'))
      return !seenBefore || error === undefined || notice === undefined;
    return true;
  },
  serialize: (snapshot: Snapshot) => {
    const {
      idempotencyKey,
      availability: known,
      facilities: list,
      bookings,
      booking: made,
      ...rest
    } = snapshot.context;
    return JSON.stringify({
      value: snapshot.value,
      status: snapshot.status,
      key: idempotencyKey !== undefined,
      availability: known?.days.map((day) =>
        day.rooms.map((room) => room.slots.map((s) => s.status[0]).join('')),
      ),
      facilities: list?.length,
      bookings: bookings?.map((b) => b.status),
      booking: made?.id,
      ...rest,
    });
  },
};

/** The same model opened at a notice's facility (f1): its dates once the list is loaded. */
export const bookingAtFacilitySpec: ModelSpec<typeof bookingMachine> = {
  ...bookingSpec,
  input: { today: TODAY, facilityId: 'f1' },
};

/** The same model opened at the viewer's bookings (from home): BACK there ends the flow. */
export const bookingFromMyBookingsSpec: ModelSpec<typeof bookingMachine> = {
  ...bookingSpec,
  input: { today: TODAY, start: 'myBookings' },
};
