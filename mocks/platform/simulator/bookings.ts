/**
 * Facilities, availability and bookings. Each コマ takes one booking. The check-and-take of a slot
 * and of an Idempotency-Key runs without any `await` in between, so in one JavaScript process two
 * concurrent requests cannot both pass the check: exactly one gets the slot.
 */
import type {
  Availability,
  Booking,
  BookingList,
  CancellationPolicy,
  Facility,
  FacilityList,
  Room,
  SlotCode,
  SlotStatus,
} from '../../../src/platform/types';
import { bytesToBase64Url } from '../../../src/platform/base64';
import { MemoryStore, type RecordStore } from '../store/record-store';
import { addDays, daysBetween, isIsoDate, japaneseMonthDay, jstDateOf, jstInstant, weekdayOf } from './jst';
import { invalid, ProblemError } from './problem';

/** Free cancellation until the end of the day three days before the day of use. */
const CANCELLATION_DAYS_BEFORE = 3;
/** How far ahead a slot can be booked. */
const BOOKING_WINDOW_DAYS = 90;
const AVAILABILITY_MAX_DAYS = 31;

interface BookingRecord {
  customerNumber: string;
  booking: Booking;
}

interface IdempotencyRecord {
  fingerprint: string;
  bookingId: string;
}

const SLOT_CODES: readonly SlotCode[] = ['morning', 'afternoon', 'evening'];

function cancellationPolicy(facility: Facility, room: Room, date: string): CancellationPolicy {
  const lastFreeDay = addDays(date, -CANCELLATION_DAYS_BEFORE);
  const fee =
    room.feeYen > 0
      ? `使用料（${room.feeYen.toLocaleString('ja-JP')}円）は全額お支払いいただきます。`
      : '使用料はかかりませんが、必ずご連絡ください。';
  const feeEn = room.feeYen > 0 ? `the full fee of ${room.feeYen} yen is charged` : 'no fee is charged';
  return {
    deadline: jstInstant(addDays(lastFreeDay, 1)).toISOString(),
    rule:
      `キャンセルは利用日の${CANCELLATION_DAYS_BEFORE}日前（${japaneseMonthDay(lastFreeDay)}）まで、` +
      `この画面から無料でできます。それより後は画面からは取り消せません。` +
      `${facility.name}（${facility.phone}）へお電話ください。${fee}`,
    ruleEn:
      `Free cancellation on screen until ${CANCELLATION_DAYS_BEFORE} days before the day of use ` +
      `(${lastFreeDay}, JST). After that, call ${facility.name} (${facility.phone}); ${feeEn}.`,
  };
}

export class BookingDesk {
  private readonly bookings = new Map<string, BookingRecord>();
  /** `${roomId}|${date}|${slot}` → id of the confirmed booking holding it. */
  private readonly takenSlots = new Map<string, string>();
  /** `${customerNumber}|${Idempotency-Key}` → the request it answered. */
  private readonly idempotency = new Map<string, IdempotencyRecord>();

  constructor(
    private readonly facilities: () => Facility[],
    private readonly now: () => Date,
    private readonly store: RecordStore = new MemoryStore(),
  ) {
    this.load();
  }

  /** Forgets the working copy and reads the store again (after the simulator cleared it). */
  reset(): void {
    this.bookings.clear();
    this.takenSlots.clear();
    this.idempotency.clear();
    this.load();
  }

  /** The maps are the working copy of the store: read at start (a restart with `--data`). */
  private load(): void {
    for (const record of this.store.list<BookingRecord>('bookings')) {
      this.bookings.set(record.booking.id, record);
      if (record.booking.status === 'confirmed') {
        const { roomId, date, slot } = record.booking;
        this.takenSlots.set(slotKey(roomId, date, slot.code), record.booking.id);
      }
    }
    for (const { id, record } of this.store.list<{ id: string; record: IdempotencyRecord }>('booking-keys')) {
      this.idempotency.set(id, record);
    }
  }

  list(): FacilityList {
    return { facilities: this.facilities() };
  }

  facility(facilityId: string): Facility {
    const facility = this.facilities().find((f) => f.id === facilityId);
    if (!facility) throw new ProblemError(404, 'FACILITY_NOT_FOUND');
    return facility;
  }

  availability(facilityId: string, query: URLSearchParams): Availability {
    const facility = this.facility(facilityId);
    const from = query.get('from');
    const to = query.get('to');
    if (!isIsoDate(from)) throw invalid('from', 'must be a date YYYY-MM-DD');
    if (!isIsoDate(to)) throw invalid('to', 'must be a date YYYY-MM-DD');
    const span = daysBetween(from, to);
    if (span < 0) throw invalid('to', 'is before from');
    if (span >= AVAILABILITY_MAX_DAYS) throw invalid('to', `at most ${AVAILABILITY_MAX_DAYS} days`);
    const roomId = query.get('roomId');
    const rooms = roomId ? [this.room(facility, roomId)] : facility.rooms;
    const days = [];
    for (let offset = 0; offset <= span; offset++) {
      const date = addDays(from, offset);
      days.push({
        date,
        rooms: rooms.map((room) => ({
          roomId: room.id,
          slots: room.slots.map((slot) => ({
            code: slot.code,
            status: this.slotStatus(facility, room, date, slot.code),
          })),
        })),
      });
    }
    return { facilityId, from, to, days };
  }

  mine(customerNumber: string): BookingList {
    const bookings = [...this.bookings.values()]
      .filter((record) => record.customerNumber === customerNumber)
      .map((record) => record.booking)
      .sort(
        (a, b) =>
          a.date.localeCompare(b.date) ||
          SLOT_CODES.indexOf(a.slot.code) - SLOT_CODES.indexOf(b.slot.code) ||
          a.createdAt.localeCompare(b.createdAt),
      );
    return { bookings };
  }

  get(customerNumber: string, bookingId: string): Booking {
    const record = this.bookings.get(bookingId);
    if (!record || record.customerNumber !== customerNumber) throw new ProblemError(404, 'BOOKING_NOT_FOUND');
    return record.booking;
  }

  /** Returns the booking and whether this call made it (false: an idempotent replay). */
  create(
    customerNumber: string,
    idempotencyKey: string | null,
    body: Record<string, unknown>,
  ): { booking: Booking; created: boolean } {
    if (!idempotencyKey) throw new ProblemError(400, 'IDEMPOTENCY_KEY_REQUIRED');
    if (idempotencyKey.length < 8 || idempotencyKey.length > 128) {
      throw invalid('Idempotency-Key', 'must be 8–128 characters');
    }
    const { facilityId, roomId, date, slot } = body;
    if (typeof facilityId !== 'string') throw invalid('facilityId', 'required');
    if (typeof roomId !== 'string') throw invalid('roomId', 'required');
    if (!isIsoDate(date)) throw invalid('date', 'must be a date YYYY-MM-DD');
    if (typeof slot !== 'string' || !SLOT_CODES.includes(slot as SlotCode)) {
      throw invalid('slot', `one of ${SLOT_CODES.join(', ')}`);
    }
    const fingerprint = JSON.stringify([facilityId, roomId, date, slot]);
    const idempotencyId = `${customerNumber}|${idempotencyKey}`;
    const previous = this.idempotency.get(idempotencyId);
    if (previous) {
      if (previous.fingerprint !== fingerprint) throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED');
      return { booking: this.bookings.get(previous.bookingId)!.booking, created: false };
    }

    const facility = this.facility(facilityId);
    const room = this.room(facility, roomId);
    const timeSlot = room.slots.find((s) => s.code === slot);
    if (!timeSlot) throw new ProblemError(409, 'SLOT_UNAVAILABLE', `${room.name} has no ${slot} slot`);
    const status = this.slotStatus(facility, room, date, timeSlot.code);
    if (status === 'booked') throw new ProblemError(409, 'SLOT_TAKEN');
    if (status !== 'available') throw new ProblemError(409, 'SLOT_UNAVAILABLE', `the slot is ${status}`);

    const booking: Booking = {
      id: `bk_${bytesToBase64Url(crypto.getRandomValues(new Uint8Array(12)))}`,
      status: 'confirmed',
      facilityId,
      facilityName: facility.name,
      roomId,
      roomName: room.name,
      date,
      slot: timeSlot,
      feeYen: room.feeYen,
      createdAt: this.now().toISOString(),
      cancellation: cancellationPolicy(facility, room, date),
    };
    const key = { fingerprint, bookingId: booking.id };
    this.store.transaction(() => {
      this.store.put('bookings', booking.id, { customerNumber, booking }, customerNumber);
      this.store.put('booking-keys', idempotencyId, { id: idempotencyId, record: key }, customerNumber);
    });
    this.bookings.set(booking.id, { customerNumber, booking });
    this.takenSlots.set(slotKey(roomId, date, timeSlot.code), booking.id);
    this.idempotency.set(idempotencyId, key);
    return { booking, created: true };
  }

  /** Idempotent: a cancelled booking is returned as it is. */
  cancel(customerNumber: string, bookingId: string): Booking {
    const booking = this.get(customerNumber, bookingId);
    if (booking.status === 'cancelled') return booking;
    if (this.now().getTime() >= Date.parse(booking.cancellation.deadline)) {
      throw new ProblemError(409, 'CANCELLATION_DEADLINE_PASSED', booking.cancellation.ruleEn, {
        cancellation: booking.cancellation,
      });
    }
    const cancelled: Booking = { ...booking, status: 'cancelled', cancelledAt: this.now().toISOString() };
    this.store.put('bookings', bookingId, { customerNumber, booking: cancelled }, customerNumber);
    this.bookings.set(bookingId, { customerNumber, booking: cancelled });
    this.takenSlots.delete(slotKey(booking.roomId, booking.date, booking.slot.code));
    return cancelled;
  }

  private room(facility: Facility, roomId: string): Room {
    const room = facility.rooms.find((r) => r.id === roomId);
    if (!room) throw new ProblemError(404, 'ROOM_NOT_FOUND');
    return room;
  }

  private slotStatus(facility: Facility, room: Room, date: string, slot: SlotCode): SlotStatus {
    const timeSlot = room.slots.find((s) => s.code === slot)!;
    if (facility.closedWeekdays.includes(weekdayOf(date))) return 'closed';
    const now = this.now();
    if (jstInstant(date, timeSlot.start).getTime() <= now.getTime()) return 'past';
    if (daysBetween(jstDateOf(now), date) > BOOKING_WINDOW_DAYS) return 'closed';
    return this.takenSlots.has(slotKey(room.id, date, slot)) ? 'booked' : 'available';
  }
}

const slotKey = (roomId: string, date: string, slot: SlotCode): string => `${roomId}|${date}|${slot}`;
