/** Reading the platform's availability: which days, rooms and slots can still be chosen. */
import type { Availability } from '../../../machines/ports';

const roomsOn = (availability: Availability | undefined, date: string | undefined) =>
  availability?.days.find((day) => day.date === date)?.rooms ?? [];

export function isSlotFree(
  availability: Availability | undefined,
  date: string | undefined,
  roomId: string | undefined,
  slot: string,
): boolean {
  const room = roomsOn(availability, date).find((r) => r.roomId === roomId);
  return room?.slots.some((s) => s.code === slot && s.status === 'available') ?? false;
}

export function roomHasSlots(
  availability: Availability | undefined,
  date: string | undefined,
  roomId: string | undefined,
): boolean {
  const room = roomsOn(availability, date).find((r) => r.roomId === roomId);
  return room?.slots.some((s) => s.status === 'available') ?? false;
}

export function dateHasSlots(availability: Availability | undefined, date: string | undefined): boolean {
  return roomsOn(availability, date).some((room) => room.slots.some((s) => s.status === 'available'));
}

/** YYYY-MM-DD plus `days`, by the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
