/**
 * Booking: only what is free can be chosen at each step, what the viewer sees when nothing is, and
 * the failures on the way (a slot gone, a cancel that did not arrive).
 */
import type { Availability } from '../../../machines/ports';
import { done, fail, platformErrors } from '../../../machines/testing/fixtures';
import { todayInJapan } from './booking.machine';
import { booking, DAY, facilities, full, open, otherRoomLeft, TODAY } from './booking.test-model';
import { atDates, select, startBooking } from './test-support';

const BACK = { type: 'BACK' };
const FULL_DAY = '2030-05-11';
const WINDOW = { facilityId: 'f1', from: TODAY, to: '2030-05-31' };

/** DAY as in `open`, then a day whose every slot is taken. */
const oneFreeDay: Availability = { ...open, days: [...open.days, { ...full.days[0]!, date: FULL_DAY }] };

describe('choosing', () => {
  test('a facility not on the list is ignored', async () => {
    const flow = await startBooking();
    await flow.send(done('loadFacilities', facilities), select('f9'));
    expect(flow.snapshot().value).toEqual({ facilities: 'ready' });
    expect(flow.fakes.inputsOf('loadAvailability')).toEqual([]);
  });

  test('any facility on the list can be chosen, not only the first', async () => {
    const flow = await startBooking();
    const second = { ...facilities.facilities[0]!, id: 'f2', name: 'みどり体育館' };
    await flow.send(done('loadFacilities', { facilities: [...facilities.facilities, second] }), select('f2'));
    expect(flow.fakes.inputsOf('loadAvailability')).toEqual([{ ...WINDOW, facilityId: 'f2' }]);
  });

  test('only a day with a free slot can be chosen', async () => {
    const flow = await atDates(oneFreeDay);
    await flow.send(select(FULL_DAY), select('2030-05-12'));
    expect(flow.snapshot().value).toEqual({ date: 'ready' });
    await flow.send(select(DAY));
    expect(flow.snapshot().value).toBe('room');
    expect(flow.snapshot().context.date).toBe(DAY);
  });

  test('only a free slot of the room chosen can be chosen', async () => {
    const flow = await atDates(otherRoomLeft);
    await flow.send(select(DAY), select('r2'), select('afternoon'));
    expect(flow.snapshot().value).toBe('slot');
    await flow.send(select('morning'));
    expect(flow.snapshot().value).toBe('confirm');
    expect(flow.snapshot().context).toMatchObject({ roomId: 'r2', slot: 'morning' });
  });

  test('a room not offered that day is ignored', async () => {
    const flow = await atDates(open);
    await flow.send(select(DAY), select('r9'));
    expect(flow.snapshot().value).toBe('room');
    expect(flow.snapshot().context.roomId).toBeUndefined();
  });
});

describe('nothing to choose', () => {
  test('no facilities: a message, the bookings still reachable, BACK closes', async () => {
    const flow = await startBooking();
    await flow.send(done('loadFacilities', { facilities: [] }));
    expect(flow.snapshot().value).toEqual({ facilities: 'empty' });
    await flow.send({ type: 'MY_BOOKINGS' });
    expect(flow.snapshot().value).toEqual({ myBookings: 'loading' });

    const closing = await startBooking();
    await closing.send(done('loadFacilities', { facilities: [] }), BACK);
    expect(closing.snapshot().output).toEqual({ outcome: 'closed' });
  });

  test('no free day in the window: a message; BACK to the facilities, not loaded again', async () => {
    const flow = await atDates(full);
    expect(flow.snapshot().value).toEqual({ date: 'none' });
    await flow.send(BACK);
    expect(flow.snapshot().value).toEqual({ facilities: 'ready' });
    expect(flow.fakes.inputsOf('loadFacilities')).toHaveLength(1);
  });
});

describe('sending the booking', () => {
  test('the slot chosen is the slot asked for', async () => {
    const flow = await atDates(open);
    await flow.send(select(DAY), select('r1'), select('afternoon'), { type: 'CONFIRM' });
    expect(flow.fakes.inputsOf('createBooking')).toEqual([
      expect.objectContaining({ request: { facilityId: 'f1', roomId: 'r1', date: DAY, slot: 'afternoon' } }),
    ]);
  });

  test('the booking made is what the done screen shows', async () => {
    const flow = await atDates(open);
    await flow.send(select(DAY), select('r1'), select('morning'), { type: 'CONFIRM' });
    await flow.send(done('createBooking', booking()));
    expect(flow.snapshot().context.booking).toEqual(booking());
  });

  test('a slot closed meanwhile is handled as a slot taken: the same window asked again', async () => {
    const flow = await atDates(open);
    await flow.send(select(DAY), select('r1'), select('morning'), { type: 'CONFIRM' });
    await flow.send(fail('createBooking', platformErrors.slotUnavailable()));
    expect(flow.snapshot().context.notice).toBe('slotTakenRefreshed');
    expect(flow.fakes.inputsOf('refreshAvailability')).toEqual([WINDOW]);
  });

  test('without a date given, the window starts today in Japan', async () => {
    const flow = await startBooking({});
    await flow.send(done('loadFacilities', facilities), select('f1'));
    expect(flow.fakes.inputsOf('loadAvailability')).toEqual([
      expect.objectContaining({ from: todayInJapan() }),
    ]);
  });
});

describe('cancelling', () => {
  const atMyBookings = () => startBooking({ today: TODAY, start: 'myBookings' });

  test('no bookings: the empty message', async () => {
    const flow = await atMyBookings();
    await flow.send(done('loadBookings', { bookings: [] }));
    expect(flow.snapshot().value).toEqual({ myBookings: 'empty' });
  });

  test('of the viewer’s bookings, a confirmed one opens; a cancelled one does not', async () => {
    const flow = await atMyBookings();
    const cancelled = { ...booking('cancelled'), id: 'bk-0' };
    const confirmed = { ...booking(), id: 'bk-2' };
    await flow.send(done('loadBookings', { bookings: [cancelled, confirmed] }), select('bk-0'));
    expect(flow.snapshot().value).toEqual({ myBookings: 'ready' });
    await flow.send(select('bk-2'));
    expect(flow.snapshot().value).toBe('bookingDetail');
    expect(flow.snapshot().context.bookingId).toBe('bk-2');
  });

  test('a cancel that did not arrive is sent again with RETRY, or left with BACK', async () => {
    const flow = await atMyBookings();
    await flow.send(done('loadBookings', { bookings: [booking()] }), select('bk-1'));
    await flow.send({ type: 'CANCEL_BOOKING' }, { type: 'CONFIRM' });
    await flow.send(fail('cancelBooking', platformErrors.network()));
    expect(flow.snapshot().value).toBe('cancelFailed');
    expect(flow.snapshot().context.error?.messageKey).toBe('NETWORK_ERROR');
    await flow.send({ type: 'RETRY' });
    expect(flow.fakes.inputsOf('cancelBooking')).toEqual([{ bookingId: 'bk-1' }, { bookingId: 'bk-1' }]);
    await flow.send(fail('cancelBooking', platformErrors.network()), BACK);
    expect(flow.snapshot().value).toBe('bookingDetail');
  });
});
