/** Booking opened by a notice's action: its facility once the list shows it, BACK to the list. */
import { done } from '../../../machines/testing/fixtures';
import { facilities, open, TODAY } from './booking.test-model';
import { startBooking } from './test-support';

describe("booking at a notice's facility", () => {
  test('opens the facility as soon as the list is loaded; BACK shows the list and stays there', async () => {
    const flow = await startBooking({ today: TODAY, facilityId: 'f1' });
    await flow.send(done('loadFacilities', facilities));
    expect(flow.snapshot().value).toEqual({ date: 'loading' });
    expect(flow.fakes.inputsOf('loadAvailability')).toEqual([
      { facilityId: 'f1', from: TODAY, to: '2030-05-31' },
    ]);
    await flow.send(done('loadAvailability', open), { type: 'BACK' });
    expect(flow.snapshot().value).toEqual({ facilities: 'ready' });
    expect(flow.fakes.inputsOf('loadAvailability')).toHaveLength(1);
  });

  test('a facility the list does not name leaves the list', async () => {
    const flow = await startBooking({ today: TODAY, facilityId: 'gone' });
    await flow.send(done('loadFacilities', facilities));
    expect(flow.snapshot().value).toEqual({ facilities: 'ready' });
    expect(flow.fakes.inputsOf('loadAvailability')).toEqual([]);
  });
});
