/** Bookings through the SDK: one slot, one booking; Idempotency-Key; the cancellation deadline. */
import { DEMO_HOLDERS } from '../../pki';
import {
  CancellationDeadlinePassedError,
  IdempotencyError,
  SlotTakenError,
  SlotUnavailableError,
} from '../../../src/platform/errors';
import type { PlatformClient } from '../../../src/platform/client';
import type { BookingRequest } from '../../../src/platform/types';
import { createDemoSeed } from '../seed/demo-seed';
import {
  BASE_URL,
  createPlatformFixture,
  driverCard,
  TestClock,
  type PlatformFixture,
} from '../test-support';
import { BookingDesk } from './bookings';
import { addDays, jstDateOf, weekdayOf } from './jst';

const DAY = 24 * 60 * 60_000;
let fixture: PlatformFixture;
let yamada: PlatformClient;
let sato: PlatformClient;

/** A date `days` ahead (JST) on which the 公民館 is open (closed on Mondays); tests use days 2 apart. */
function openDay(days: number): string {
  let date = addDays(jstDateOf(fixture.clock.now()), days);
  while (weekdayOf(date) === 1) date = addDays(date, 1);
  return date;
}

const washitsu = (date: string, slot: BookingRequest['slot'] = 'afternoon'): BookingRequest => ({
  facilityId: 'kominkan',
  roomId: 'kominkan-washitsu',
  date,
  slot,
});

beforeAll(async () => {
  fixture = await createPlatformFixture();
  const [a, b] = await Promise.all([
    fixture.pki.issueCard(DEMO_HOLDERS[0]!),
    fixture.pki.issueCard(DEMO_HOLDERS[1]!),
  ]);
  yamada = fixture.client();
  sato = fixture.client();
  await yamada.registration.register(driverCard(a), '10010001');
  await sato.registration.register(driverCard(b), '10010002');
});
afterAll(() => fixture.close());

it('two concurrent bookings of one slot: exactly one succeeds, the other gets SLOT_TAKEN', async () => {
  const request = washitsu(openDay(10));
  const results = await Promise.allSettled([yamada.bookings.create(request), sato.bookings.create(request)]);
  const fulfilled = results.filter((r) => r.status === 'fulfilled');
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(fulfilled).toHaveLength(1);
  expect(rejected).toHaveLength(1);
  expect(rejected[0]!.reason).toBeInstanceOf(SlotTakenError);
  expect((rejected[0]!.reason as SlotTakenError).messageJa).toContain('別の時間帯');

  const availability = await sato.facilities.availability('kominkan', {
    from: request.date,
    to: request.date,
    roomId: request.roomId,
  });
  const slot = availability.days[0]!.rooms[0]!.slots.find((s) => s.code === 'afternoon')!;
  expect(slot.status).toBe('booked');
});

it('many concurrent bookings of one slot by the same viewer with different keys: one wins', async () => {
  const request = washitsu(openDay(12), 'morning');
  const results = await Promise.allSettled(Array.from({ length: 8 }, () => yamada.bookings.create(request)));
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
});

it('a retried POST with the same Idempotency-Key returns the same booking', async () => {
  const request = washitsu(openDay(14));
  const first = await yamada.bookings.create(request, { idempotencyKey: 'retry-key-0001' });
  const again = await yamada.bookings.create(request, { idempotencyKey: 'retry-key-0001' });
  expect(again.id).toBe(first.id);
  // Concurrent duplicates (a double press) too.
  const request2 = washitsu(openDay(14), 'evening');
  const [x, y] = await Promise.all([
    yamada.bookings.create(request2, { idempotencyKey: 'double-press-1' }),
    yamada.bookings.create(request2, { idempotencyKey: 'double-press-1' }),
  ]);
  expect(x.id).toBe(y.id);
  expect((await yamada.bookings.list()).bookings.filter((b) => b.date === request.date)).toHaveLength(2);
});

it('the same key with another body is refused; a POST without a key is refused', async () => {
  await yamada.bookings.create(washitsu(openDay(16)), { idempotencyKey: 'reused-key-01' });
  const error = await yamada.bookings
    .create(washitsu(openDay(16), 'evening'), { idempotencyKey: 'reused-key-01' })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(IdempotencyError);
  expect(error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 });

  // The SDK always sends a key; a client that does not is refused.
  const { accessToken } = await fixture
    .client()
    .registration.register(driverCard(await fixture.pki.issueCard(DEMO_HOLDERS[2]!)), '10010003')
    .then((r) => r.tokens);
  const response = await fetch(`${BASE_URL}/v1/bookings`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(washitsu(openDay(18))),
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
});

it('cancelling after the deadline is refused with the rule', async () => {
  // Tomorrow: the free cancellation (until 3 days before) is already over.
  const booking = await yamada.bookings.create({
    facilityId: 'undokoen',
    roomId: 'undokoen-tennis-b',
    date: addDays(jstDateOf(fixture.clock.now()), 1),
    slot: 'afternoon',
  });
  expect(Date.parse(booking.cancellation.deadline)).toBeLessThan(fixture.clock.time);
  const error = await yamada.bookings.cancel(booking.id).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CancellationDeadlinePassedError);
  const refused = error as CancellationDeadlinePassedError;
  expect(refused).toMatchObject({ code: 'CANCELLATION_DEADLINE_PASSED', status: 409 });
  expect(refused.rule).toEqual(booking.cancellation);
  expect(refused.rule!.rule).toMatch(/3日前.*窓口町運動公園（03-0000-1106）へお電話ください/);
  expect(refused.messageWithRuleJa).toContain(booking.cancellation.rule);
  expect((await yamada.bookings.get(booking.id)).status).toBe('confirmed');
});

it('cancelling before the deadline frees the slot', async () => {
  const request = washitsu(openDay(20), 'morning');
  const booking = await yamada.bookings.create(request);
  await yamada.bookings.cancel(booking.id);
  await expect(sato.bookings.create(request)).resolves.toMatchObject({ status: 'confirmed' });
});

it('the deadline is the end of the day (JST) three days before the day of use', () => {
  // 2030-07-10 is a Wednesday; free cancellation through 7月7日 23:59:59 JST.
  const clock = new TestClock(Date.parse('2030-07-01T00:00:00+09:00'));
  const desk = new BookingDesk(() => createDemoSeed(clock.now()).facilities, clock.now);
  const request = washitsu('2030-07-10');
  const { booking } = desk.create('10010001', 'deadline-key-1', { ...request });
  expect(booking.cancellation.deadline).toBe('2030-07-07T15:00:00.000Z');
  expect(booking.cancellation.rule).toContain('3日前（7月7日）まで');
  const second = desk.create('10010001', 'deadline-key-2', { ...request, slot: 'evening' }).booking;

  clock.time = Date.parse('2030-07-07T23:59:59+09:00');
  expect(desk.cancel('10010001', booking.id).status).toBe('cancelled');
  clock.time = Date.parse('2030-07-08T00:00:00+09:00');
  expect(() => desk.cancel('10010001', second.id)).toThrow(
    expect.objectContaining({ code: 'CANCELLATION_DEADLINE_PASSED' }),
  );
});

it('closed days, past slots and another viewer’s booking are refused', async () => {
  let monday = addDays(jstDateOf(fixture.clock.now()), 30);
  while (weekdayOf(monday) !== 1) monday = addDays(monday, 1);
  await expect(yamada.bookings.create(washitsu(monday))).rejects.toBeInstanceOf(SlotUnavailableError);
  const yesterday = addDays(jstDateOf(fixture.clock.now()), -1);
  await expect(yamada.bookings.create(washitsu(yesterday))).rejects.toMatchObject({
    code: 'SLOT_UNAVAILABLE',
  });
  await expect(
    yamada.bookings.create({
      facilityId: 'toshokan',
      roomId: 'toshokan-shukai',
      date: openDay(9),
      slot: 'evening',
    }),
  ).rejects.toMatchObject({ code: 'SLOT_UNAVAILABLE' });
  const mine = await yamada.bookings.create(washitsu(openDay(25)));
  await expect(sato.bookings.cancel(mine.id)).rejects.toMatchObject({ code: 'BOOKING_NOT_FOUND' });
  await expect(sato.bookings.create(washitsu(openDay(25), 'afternoon'))).rejects.toBeInstanceOf(
    SlotTakenError,
  );
  await expect(
    yamada.facilities.availability('kominkan', { from: openDay(1), to: openDay(40) }),
  ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  const tooFar = addDays(jstDateOf(new Date(fixture.clock.time + 120 * DAY)), 0);
  await expect(yamada.bookings.create(washitsu(tooFar))).rejects.toMatchObject({ code: 'SLOT_UNAVAILABLE' });
});
