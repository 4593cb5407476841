/** Driving the booking flow in a test: a choice on a list, and the flow at its date screen. */
import type { Availability } from '../../../machines/ports';
import type { BookingInput } from './booking.machine';
import { done } from '../../../machines/testing/fixtures';
import { startFlow } from '../../../machines/testing/flow-run';
import { bookingSpec, facilities, open, TODAY } from './booking.test-model';

export const select = (id: string) => ({ type: 'SELECT', id });

/** The flow started as the home menu starts it (`input`: the test's date, at the facilities). */
export const startBooking = (input: BookingInput = { today: TODAY }) => startFlow({ ...bookingSpec, input });

/** The flow at the date screen of facility f1, with `availability` loaded. */
export async function atDates(availability: Availability = open) {
  const flow = await startBooking();
  await flow.send(done('loadFacilities', facilities), select('f1'), done('loadAvailability', availability));
  return flow;
}
