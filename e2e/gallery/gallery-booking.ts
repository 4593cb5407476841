/**
 * Booking's gallery entries, taken from the real booking machine driven with the test model's
 * data (facility → date → room → slot → confirm → done → my bookings → cancel), so each picture is
 * what bookingView makes of a state the viewer can reach.
 */
import { platformErrors, done, fail } from '../../src/machines/testing/fixtures';
import {
  booking,
  bookingSpec,
  DAY,
  facilities,
  open,
  afternoonLeft,
} from '../../src/features/booking/machine/booking.test-model';
import { bookingView } from '../../src/features/booking/view/booking-view';
import type { GalleryEntry } from './gallery-common';
import { machineGallery, type GalleryEvent as Event, type GalleryStep } from './gallery-machine';

const select = (id: string): Event => ({ type: 'SELECT', id });

/** 「スマートフォンに送る」 from the booking made: sending, 送りました, not paired, failed. */
const phoneSendSteps = (booked: Event[]): GalleryStep[] => {
  const send: Event = {
    type: 'SEND_TO_PHONE',
    item: { kind: 'booking', title: '予約できました', lines: [] },
  };
  return [
    ['phone-sending', [...booked, send]],
    ['phone-sent', [...booked, send, done('sendToPhone', { id: 'pi_1' })]],
    ['phone-sent.en', [...booked, send, done('sendToPhone', { id: 'pi_1' })], 'en'],
    ['phone-not-paired', [...booked, send, fail('sendToPhone', platformErrors.notPaired())]],
    ['phone-not-paired.en', [...booked, send, fail('sendToPhone', platformErrors.notPaired())], 'en'],
    ['phone-send-failed', [...booked, send, fail('sendToPhone', platformErrors.network())]],
  ];
};

const toConfirm: Event[] = [
  done('loadFacilities', facilities),
  select('f1'),
  done('loadAvailability', open),
  select(DAY),
  select('r1'),
  select('morning'),
];

export async function bookingGallery(): Promise<GalleryEntry[]> {
  return machineGallery(bookingSpec, bookingView, [
    ['facility-list', [done('loadFacilities', facilities)]],
    ['date-picker', toConfirm.slice(0, 3)],
    ['date-picker.en', toConfirm.slice(0, 3), 'en'],
    ['room-list', toConfirm.slice(0, 4)],
    ['slot-grid', toConfirm.slice(0, 5)],
    ['booking-confirm', toConfirm],
    [
      'slot-taken-notice',
      [
        ...toConfirm,
        { type: 'CONFIRM' },
        fail('createBooking', platformErrors.slotTaken()),
        done('refreshAvailability', afternoonLeft),
      ],
    ],
    ['booking-done', [...toConfirm, { type: 'CONFIRM' }, done('createBooking', booking())]],
    ...phoneSendSteps([...toConfirm, { type: 'CONFIRM' }, done('createBooking', booking())]),
    ['booking-failed', [...toConfirm, { type: 'CONFIRM' }, fail('createBooking', platformErrors.network())]],
    [
      'my-bookings',
      [
        done('loadFacilities', facilities),
        { type: 'MY_BOOKINGS' },
        done('loadBookings', { bookings: [booking()] }),
      ],
    ],
    [
      'booking-detail',
      [
        done('loadFacilities', facilities),
        { type: 'MY_BOOKINGS' },
        done('loadBookings', { bookings: [booking()] }),
        select('bk-1'),
      ],
    ],
    [
      'booking-cancel-confirm',
      [
        done('loadFacilities', facilities),
        { type: 'MY_BOOKINGS' },
        done('loadBookings', { bookings: [booking()] }),
        select('bk-1'),
        { type: 'CANCEL_BOOKING' },
      ],
    ],
  ]);
}
