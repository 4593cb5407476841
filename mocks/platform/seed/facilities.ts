/**
 * The demo town's facilities (facilities.json). Every room has the three コマ of the municipal booking
 * systems: 朝 9:00–12:00, 午後 13:00–17:00, 夜間 18:00–21:00, or the first two (no 夜間); each room
 * lists the codes of the コマ it has. Fees are per コマ.
 * closedWeekdays: 0 = Sunday … 6 = Saturday (休館日).
 */
import type { Facility, TimeSlot } from '../../../src/platform/types';
import town from './facilities.json';

const TIME_SLOTS = town.timeSlots as readonly TimeSlot[];

function timeSlot(code: string): TimeSlot {
  const slot = TIME_SLOTS.find((candidate) => candidate.code === code);
  if (!slot) throw new Error(`facilities.json: a room has the unknown time slot '${code}'`);
  return slot;
}

export const FACILITIES: readonly Facility[] = town.facilities.map((facility) => ({
  ...facility,
  rooms: facility.rooms.map((room) => ({ ...room, slots: room.slots.map(timeSlot) })),
}));
