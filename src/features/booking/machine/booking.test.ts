/** Booking: the funnel's inputs, a slot taken meanwhile, retry without double booking, cancel rules. */
import { messageFor } from '../../../machines/messages';
import { done, fail, platformErrors } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes } from '../../../machines/testing/model';
import { addDays } from './availability';
import { afternoonLeft, booking, bookingSpec, DAY, full, otherRoomLeft, TODAY } from './booking.test-model';
import { atDates, select } from './test-support';

async function atConfirm() {
  const flow = await atDates();
  await flow.send(select(DAY), select('r1'), select('morning'));
  return { run: flow, send: flow.send, state: flow.snapshot };
}

/** Back from the summary, step by step to the facility list, then to the viewer's bookings. */
async function myBookingsFromConfirm() {
  const flow = await atConfirm();
  await flow.send(
    { type: 'BACK' },
    { type: 'BACK' },
    { type: 'BACK' },
    { type: 'BACK' },
    { type: 'MY_BOOKINGS' },
  );
  return flow;
}

describe('booking', () => {
  test('facility → date → room → slot → confirm → done, with a 31-day window and one key', async () => {
    const { run, send, state } = await atConfirm();
    expect(run.fakes.inputsOf('loadAvailability')).toEqual([
      { facilityId: 'f1', from: TODAY, to: '2030-05-31' },
    ]);
    expect(state().value).toBe('confirm');
    await send({ type: 'CONFIRM' });
    const [input] = run.fakes.inputsOf('createBooking') as Array<{
      request: unknown;
      idempotencyKey: string;
    }>;
    expect(input!.request).toEqual({ facilityId: 'f1', roomId: 'r1', date: DAY, slot: 'morning' });
    expect(input!.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await send(done('createBooking', booking()));
    expect(state().value).toBe('booked');
    await send({ type: 'OK' });
    expect(state().value).toBe('closed');
    expect(state().output).toEqual({ outcome: 'closed' });
    expect(addDays('2030-12-25', 30)).toBe('2031-01-24');
  });

  test('only free choices can be made', async () => {
    const { send, state } = await atConfirm();
    await send({ type: 'BACK' }, select('afternoon'));
    expect(state().value).toBe('confirm');
    await send({ type: 'BACK' }, { type: 'BACK' }, select('r2'));
    expect(state().value).toBe('room');
  });

  test.each([
    ['the same room still has a slot', afternoonLeft, 'slot', 'r1'],
    ['only another room has one', otherRoomLeft, 'room', undefined],
    ['the day is full', full, { date: 'ready' }, undefined],
  ])('slot taken meanwhile, %s: fresh availability and a clear message', async (_, fresh, target, roomId) => {
    const { run, send, state } = await atConfirm();
    await send({ type: 'CONFIRM' }, fail('createBooking', platformErrors.slotTaken()));
    expect(state().value).toBe('refreshing');
    await send(done('refreshAvailability', fresh));
    expect(state().value).toEqual(target);
    expect(state().context.roomId).toBe(roomId);
    expect(state().context.notice).toBe('slotTakenRefreshed');
    expect(messageFor('slotTakenRefreshed').ja).toContain('最新の空き状況');
    expect(run.fakes.inputsOf('refreshAvailability')).toHaveLength(1);
  });

  test('RETRY after a failure sends the same idempotency key; a new CONFIRM a new one', async () => {
    const { run, send, state } = await atConfirm();
    await send({ type: 'CONFIRM' }, fail('createBooking', platformErrors.network()));
    expect(state().value).toBe('submitFailed');
    expect(state().context.error?.messageKey).toBe('NETWORK_ERROR');
    await send(
      { type: 'RETRY' },
      fail('createBooking', platformErrors.unavailable()),
      { type: 'BACK' },
      { type: 'CONFIRM' },
    );
    const keys = (run.fakes.inputsOf('createBooking') as Array<{ idempotencyKey: string }>).map(
      (i) => i.idempotencyKey,
    );
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  test('cancel past the deadline shows the facility rule', async () => {
    const { send, state } = await myBookingsFromConfirm();
    await send(done('loadBookings', { bookings: [booking()] }), select('bk-1'), { type: 'CANCEL_BOOKING' });
    expect(state().value).toBe('confirmCancel');
    await send({ type: 'CONFIRM' }, fail('cancelBooking', platformErrors.deadlinePassed()));
    expect(state().value).toBe('cancelRefused');
    expect(state().context.error).toMatchObject({
      kind: 'cancellationDeadlinePassed',
      messageKey: 'CANCELLATION_DEADLINE_PASSED',
      rule: {
        ja: '利用日の前日17時まで、この画面で取り消せます。',
        en: 'You can cancel here until 17:00 the day before.',
      },
    });
  });

  test('cancel in time; a cancelled booking cannot be cancelled again', async () => {
    const { run, send, state } = await myBookingsFromConfirm();
    await send(
      done('loadBookings', { bookings: [booking()] }),
      select('bk-1'),
      { type: 'CANCEL_BOOKING' },
      { type: 'CONFIRM' },
    );
    expect(run.fakes.inputsOf('cancelBooking')).toEqual([{ bookingId: 'bk-1' }]);
    await send(
      done('cancelBooking', booking('cancelled')),
      { type: 'OK' },
      done('loadBookings', { bookings: [booking('cancelled')] }),
    );
    await send(select('bk-1'));
    expect(state().value).toEqual({ myBookings: 'ready' });
  });

  test('an expired session ends the flow', async () => {
    const { send, state } = await atConfirm();
    await send({ type: 'CONFIRM' }, fail('createBooking', platformErrors.sessionExpired()));
    expect(state().output).toEqual({ outcome: 'sessionExpired', reason: 'loggedOutSessionExpired' });
  });

  test('a refresh token used twice ends the flow, saying so', async () => {
    const { send, state } = await atConfirm();
    await send({ type: 'CONFIRM' }, fail('createBooking', platformErrors.refreshTokenReused()));
    expect(state().output).toEqual({ outcome: 'sessionExpired', reason: 'loggedOutSessionReused' });
  });
});

describe('booking opened at the viewer’s bookings', () => {
  const openAtMyBookings = () => {
    const run = startWithFakes({ ...bookingSpec, input: { today: TODAY, start: 'myBookings' } });
    const send = async (...events: Array<{ type: string; [key: string]: unknown }>) => {
      for (const event of events) await dispatch(run as never, event);
    };
    return { run, send, state: () => run.actor.getSnapshot() };
  };

  test('starts at the list without loading the facilities', () => {
    const { run, state } = openAtMyBookings();
    expect(state().value).toEqual({ myBookings: 'loading' });
    expect(run.fakes.inputsOf('loadFacilities')).toEqual([]);
  });

  test.each([
    ['ready', { bookings: [booking()] }],
    ['empty', { bookings: [] }],
  ])('BACK from the %s list closes the flow', async (_, list) => {
    const { send, state } = openAtMyBookings();
    await send(done('loadBookings', list), { type: 'BACK' });
    expect(state().output).toEqual({ outcome: 'closed' });
  });

  test('BACK from the error closes the flow; after a cancel BACK still closes it', async () => {
    const failed = openAtMyBookings();
    await failed.send(fail('loadBookings', platformErrors.unavailable()), { type: 'BACK' });
    expect(failed.state().output).toEqual({ outcome: 'closed' });

    const { send, state } = openAtMyBookings();
    await send(done('loadBookings', { bookings: [booking()] }), select('bk-1'), { type: 'CANCEL_BOOKING' });
    await send({ type: 'CONFIRM' }, done('cancelBooking', booking('cancelled')), { type: 'OK' });
    await send(done('loadBookings', { bookings: [booking('cancelled')] }), { type: 'BACK' });
    expect(state().output).toEqual({ outcome: 'closed' });
  });

  test('opened normally, BACK from the list goes to the facilities', async () => {
    const { send, state } = await myBookingsFromConfirm();
    await send(done('loadBookings', { bookings: [] }), { type: 'BACK' });
    expect(state().value).toEqual({ facilities: 'loading' });
  });
});

describe('today in Japan', () => {
  test('is the JST calendar date whatever the box time zone, across midnight UTC', async () => {
    const { todayInJapan } = await import('./booking.machine');
    expect(todayInJapan(new Date('2026-11-24T14:59:59Z'))).toBe('2026-11-24');
    expect(todayInJapan(new Date('2026-11-24T15:00:00Z'))).toBe('2026-11-25');
    expect(todayInJapan(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  });
});
