/** bookingView against the real booking machine, driven through every state with FakeActors. */
import type { AnyStateNode } from 'xstate';
import { bookingMachine } from '../machine/booking.machine';
import {
  afternoonLeft,
  booking,
  bookingSpec,
  DAY,
  facilities,
  full,
  open,
  otherRoomLeft,
  TODAY,
} from '../machine/booking.test-model';
import { done, fail, platformErrors } from '../../../machines/testing/fixtures';
import { dispatch, startWithFakes } from '../../../machines/testing/model';
import type { MessageProps, ScreenView, StatusProps } from '../../../app/view/app-view';
import { expectPhoneSendViews, expectRetryOrBack, okNotice } from '../../../app/testing/screen-harness-views';
import {
  bookingView,
  type BookingConfirmProps,
  type BookingDetailProps,
  type BookingDoneProps,
  type DatePickerProps,
  type FacilityListProps,
  type MyBookingsProps,
  type RoomListProps,
  type SlotGridProps,
} from './booking-view';
import { SCREEN, type ScreenId } from '../../../app/screens/ids';

type Event = { type: string; [key: string]: unknown };
const select = (id: string) => ({ type: 'SELECT', id });
const BACK = { type: 'BACK' };

/** Every state value the views were checked in (to prove no state is left without a view). */
const seen = new Set<string>();
const leafIds = (node: AnyStateNode): string[] =>
  Object.keys(node.states).length === 0 ? [node.id] : Object.values(node.states).flatMap(leafIds);

function start(input: { start?: 'facilities' | 'myBookings' } = {}) {
  const run = startWithFakes({ ...bookingSpec, input: { today: TODAY, ...input } });
  const send = async (...events: Event[]) => {
    for (const event of events) await dispatch(run as never, event);
  };
  const view = (): ScreenView => {
    const snapshot = run.actor.getSnapshot();
    for (const node of (snapshot as unknown as { _nodes: AnyStateNode[] })._nodes) seen.add(node.id);
    const shown = bookingView(snapshot);
    expect(shown.target).toBe('booking');
    return shown;
  };
  return { run, send, view };
}

const props = <P>(view: ScreenView) => view.props as P;
/** The view of booking's screen `screen` with `props`. */
const onScreen = (screen: ScreenId, props: unknown): ScreenView => ({ screen, target: 'booking', props });
/** What the slot grid and the confirmation show once 和室 of みどり公民館 is chosen on DAY. */
const chosenRoom = { facilityName: 'みどり公民館', roomName: '和室', date: DAY };
const SESSION_FAILS = [done('loadFacilities', facilities), select('f1'), done('loadAvailability', open)];

async function atConfirm() {
  const flow = start();
  await flow.send(...SESSION_FAILS, select(DAY), select('r1'), select('morning'));
  return flow;
}

describe('bookingView', () => {
  test('facilities: loading, the list, empty, and a failure with RETRY/BACK', async () => {
    const { send, view } = start();
    expect(view()).toEqual(
      onScreen(SCREEN.facilityList, {
        facilities: [],
        loading: true,
        empty: false,
      } satisfies FacilityListProps),
    );
    await send(fail('loadFacilities', platformErrors.unavailable()));
    expectRetryOrBack(view(), 'PLATFORM_UNAVAILABLE');
    await send({ type: 'RETRY' }, done('loadFacilities', facilities));
    expect(props<FacilityListProps>(view())).toEqual({
      facilities: [{ id: 'f1', name: 'みどり公民館', kind: '公民館' }],
      loading: false,
      empty: false,
    });
    const empty = start();
    await empty.send(done('loadFacilities', { facilities: [] }));
    expect(props<FacilityListProps>(empty.view())).toMatchObject({ facilities: [], empty: true });
  });

  test('date: loading, the calendar of the 31-day window with the free days, none, and a failure', async () => {
    const { send, view } = start();
    await send(done('loadFacilities', facilities), select('f1'));
    expect(view().screen).toBe(SCREEN.datePicker);
    expect(props<DatePickerProps>(view())).toMatchObject({
      facilityName: 'みどり公民館',
      loading: true,
      none: false,
    });
    await send(done('loadAvailability', open));
    const calendar = props<DatePickerProps>(view());
    expect(calendar).toMatchObject({
      today: TODAY,
      from: TODAY,
      to: '2030-05-31',
      bookableDates: [DAY],
      loading: false,
    });
    expect(calendar.notice).toBeUndefined();
    // 2030-05-01 is a Wednesday: three blanks, then 31 days in five rows.
    expect(calendar.weeks).toHaveLength(5);
    expect(calendar.weeks[0]!.slice(0, 3)).toEqual([null, null, null]);
    const days = calendar.weeks.flat().filter((day) => day !== null);
    expect(days).toHaveLength(31);
    expect(days.filter((day) => day.bookable).map((day) => day.date)).toEqual([DAY]);

    await send(BACK, select('f1'), done('loadAvailability', full));
    expect(props<DatePickerProps>(view())).toMatchObject({ none: true, bookableDates: [] });
    await send(BACK, select('f1'), fail('loadAvailability', platformErrors.network()));
    expectRetryOrBack(view(), 'NETWORK_ERROR');
  });

  test('room, slot and confirm show names, free slots with their times, and the summary', async () => {
    const { send, view } = start();
    await send(...SESSION_FAILS, select(DAY));
    expect(view()).toEqual(
      onScreen(SCREEN.roomList, {
        facilityName: 'みどり公民館',
        date: DAY,
        rooms: [
          { id: 'r1', name: '和室', capacityPeople: 20, feeYen: 600, freeSlots: 2 },
          { id: 'r2', name: '会議室', capacityPeople: 12, feeYen: 400, freeSlots: 0 },
        ],
      } satisfies RoomListProps),
    );
    await send(select('r1'));
    expect(view()).toEqual(
      onScreen(SCREEN.slotGrid, {
        ...chosenRoom,
        slots: [
          { code: 'morning', start: '09:00', end: '12:00', status: 'available', free: true },
          { code: 'afternoon', start: '13:00', end: '17:00', status: 'available', free: true },
        ],
      } satisfies SlotGridProps),
    );
    await send(select('morning'));
    expect(view()).toEqual(
      onScreen(SCREEN.bookingConfirm, {
        ...chosenRoom,
        slot: { code: 'morning', start: '09:00', end: '12:00' },
        feeYen: 600,
      } satisfies BookingConfirmProps),
    );
  });

  test('submitting, then done with the booking (OK home, MY_BOOKINGS)', async () => {
    const { send, view } = await atConfirm();
    await send({ type: 'CONFIRM' });
    expect(view()).toEqual(
      onScreen(SCREEN.status, {
        titleKey: 'booking.title.submitting',
        bodyKey: 'booking.status.submitting',
      } satisfies StatusProps),
    );
    await send(done('createBooking', booking()));
    expect(view().screen).toBe(SCREEN.bookingDone);
    expect(props<BookingDoneProps>(view()).booking).toEqual({
      id: 'bk-1',
      status: 'confirmed',
      facilityName: 'みどり公民館',
      roomName: '和室',
      date: DAY,
      slot: { code: 'morning', start: '09:00', end: '12:00' },
      feeYen: 600,
      rule: {
        ja: '利用日の前日17時まで、この画面で取り消せます。',
        en: 'You can cancel here until 17:00 the day before.',
      },
    });
  });

  test('スマートフォンに送る from the booking made: sending, not paired, failed, sent, pairing', async () => {
    const { run, send, view } = await atConfirm();
    await send({ type: 'CONFIRM' }, done('createBooking', booking()));
    await expectPhoneSendViews(
      { send, view, output: () => run.actor.getSnapshot().output },
      SCREEN.bookingDone,
    );
  });

  test('a failed booking says RETRY sends the same booking; RETRY keeps the idempotency key', async () => {
    const { run, send, view } = await atConfirm();
    await send({ type: 'CONFIRM' }, fail('createBooking', platformErrors.unavailable()));
    expectRetryOrBack(view(), 'bookingNotSaved');
    await send({ type: 'RETRY' });
    expect(props<StatusProps>(view()).titleKey).toBe('booking.title.submitting');
    await send(fail('createBooking', platformErrors.network()));
    expectRetryOrBack(view(), 'bookingNotSaved');
    const keys = (run.fakes.inputsOf('createBooking') as Array<{ idempotencyKey: string }>).map(
      (i) => i.idempotencyKey,
    );
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  test.each([
    ['the same room still has a slot', afternoonLeft, SCREEN.slotGrid],
    ['only another room has one', otherRoomLeft, SCREEN.roomList],
    ['the day is full', full, SCREEN.datePicker],
  ])(
    'slot taken meanwhile, %s: the notice shows where the viewer is brought back',
    async (_, fresh, screen) => {
      const { send, view } = await atConfirm();
      await send({ type: 'CONFIRM' }, fail('createBooking', platformErrors.slotTaken()));
      expect(view()).toEqual(
        onScreen(SCREEN.status, {
          titleKey: 'booking.title.refreshing',
          bodyKey: 'booking.status.refreshing',
        }),
      );
      await send(done('refreshAvailability', fresh));
      expect(view().screen).toBe(screen);
      expect((view().props as { notice?: unknown }).notice).toEqual({ key: 'slotTakenRefreshed' });
    },
  );

  test('slot taken, then the day is gone: the calendar no longer offers it', async () => {
    const { send, view } = await atConfirm();
    await send(
      { type: 'CONFIRM' },
      fail('createBooking', platformErrors.slotTaken()),
      done('refreshAvailability', full),
    );
    expect(props<DatePickerProps>(view()).bookableDates).toEqual([]);
    const { send: send2, view: view2 } = await atConfirm();
    await send2({ type: 'CONFIRM' }, fail('createBooking', platformErrors.slotTaken()));
    await send2(fail('refreshAvailability', platformErrors.unavailable()));
    expectRetryOrBack(view2(), 'PLATFORM_UNAVAILABLE');
  });

  test('my bookings: loading, the list, empty, a failure; detail and the cancel question', async () => {
    const { send, view } = start({ start: 'myBookings' });
    expect(view()).toEqual(
      onScreen(SCREEN.myBookings, { bookings: [], loading: true, empty: false } satisfies MyBookingsProps),
    );
    const later = { ...booking(), id: 'bk-2', date: '2030-05-20' };
    const cancelledOne = { ...booking('cancelled'), id: 'bk-0', date: '2030-05-02' };
    await send(done('loadBookings', { bookings: [later, cancelledOne, booking()] }));
    expect(props<MyBookingsProps>(view()).bookings.map((b) => b.id)).toEqual(['bk-1', 'bk-2', 'bk-0']);
    await send(select('bk-1'));
    expect(view()).toEqual(
      onScreen(
        SCREEN.bookingDetail,
        expect.objectContaining({ confirmingCancel: false }) as BookingDetailProps,
      ),
    );
    expect(props<BookingDetailProps>(view()).booking.id).toBe('bk-1');
    await send({ type: 'CANCEL_BOOKING' });
    expect(props<BookingDetailProps>(view())).toMatchObject({
      confirmingCancel: true,
      booking: { id: 'bk-1' },
    });
    await send({ type: 'CONFIRM' });
    expect(props<StatusProps>(view()).titleKey).toBe('booking.title.cancelling');
    await send(done('cancelBooking', booking('cancelled')));
    expect(view()).toEqual(onScreen(SCREEN.message, okNotice('booking.title.cancelled', 'cancelled')));
    await send({ type: 'OK' }, done('loadBookings', { bookings: [] }));
    expect(props<MyBookingsProps>(view())).toEqual({ bookings: [], loading: false, empty: true });

    const failing = start({ start: 'myBookings' });
    await failing.send(fail('loadBookings', platformErrors.network()));
    expectRetryOrBack(failing.view(), 'NETWORK_ERROR');
  });

  test('スマートフォンに送る from one of my bookings: sending, not paired, failed, sent, pairing', async () => {
    const { run, send, view } = start({ start: 'myBookings' });
    await send(done('loadBookings', { bookings: [booking()] }), select('bk-1'));
    await expectPhoneSendViews(
      { send, view, output: () => run.actor.getSnapshot().output },
      SCREEN.bookingDetail,
    );
  });

  test('cancel past the deadline: the message with the facility’s rule and OK', async () => {
    const { send, view } = start({ start: 'myBookings' });
    await send(done('loadBookings', { bookings: [booking()] }), select('bk-1'), { type: 'CANCEL_BOOKING' });
    await send({ type: 'CONFIRM' }, fail('cancelBooking', platformErrors.deadlinePassed()));
    expect(view()).toEqual(
      onScreen(SCREEN.message, {
        tone: 'error',
        titleKey: 'booking.title.cancelRefused',
        body: { key: 'CANCELLATION_DEADLINE_PASSED' },
        rule: {
          ja: '利用日の前日17時まで、この画面で取り消せます。',
          en: 'You can cancel here until 17:00 the day before.',
        },
        actions: [{ labelKey: 'common.ok', event: { type: 'OK' } }],
        contact: true,
      } satisfies MessageProps),
    );
    await send(
      { type: 'OK' },
      { type: 'CANCEL_BOOKING' },
      { type: 'CONFIRM' },
      fail('cancelBooking', platformErrors.unavailable()),
    );
    expectRetryOrBack(view(), 'PLATFORM_UNAVAILABLE');
  });

  test('when the flow has ended (closed, session expired) a status shows until the session moves on', async () => {
    const closed = start();
    await closed.send(done('loadFacilities', facilities), BACK);
    expect(closed.run.actor.getSnapshot().output).toEqual({ outcome: 'closed' });
    expect(closed.view().screen).toBe(SCREEN.status);
    const expired = start();
    await expired.send(fail('loadFacilities', platformErrors.sessionExpired()));
    expect(expired.run.actor.getSnapshot().output).toEqual({
      outcome: 'sessionExpired',
      reason: 'loggedOutSessionExpired',
    });
    expect(props<StatusProps>(expired.view())).toEqual({
      titleKey: 'booking.title.facilities',
      bodyKey: 'common.pleaseWait',
    });
  });

  test('the transient opening state shows as loading', () => {
    const snapshot = bookingMachine.resolveState({ value: 'opening', context: startContext() });
    expect(bookingView(snapshot)).toMatchObject({ screen: SCREEN.facilityList, props: { loading: true } });
    seen.add('booking.opening');
  });

  test('every state of the machine was checked above', () => {
    expect(leafIds(bookingMachine.root as AnyStateNode).filter((id) => !seen.has(id))).toEqual([]);
  });
});

function startContext() {
  return start().run.actor.getSnapshot().context;
}
