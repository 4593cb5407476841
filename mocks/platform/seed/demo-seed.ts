/**
 * The seeded state of the demo town, relative to the simulator's clock: each resident's checkups
 * of the three years before the current one, and prescriptions of the last six months.
 */
import type { Checkup, Facility, Medication } from '../../../src/platform/types';
import { addDays, jstDateOf } from '../simulator/jst';
import { CHECKUP_ITEMS, judge, worstOf } from './checkup-items';
import { FACILITIES } from './facilities';
import { MUNICIPALITY, OTHER_CUSTOMERS, RESIDENTS, type Customer } from './residents';

export interface SeedData {
  municipality: string;
  customers: Customer[];
  /** Checkups per customer number, newest first. */
  checkups: Record<string, Checkup[]>;
  /** Medications per customer number, newest first. */
  medications: Record<string, Medication[]>;
  facilities: Facility[];
}

const PRESCRIPTION_HISTORY_DAYS = 182;

const pad = (n: number): string => String(n).padStart(2, '0');

function checkupsOf(resident: (typeof RESIDENTS)[number], currentYear: number): Checkup[] {
  const checkups: Checkup[] = [];
  for (let index = 0; index < 3; index++) {
    const year = currentYear - 3 + index;
    const [month, day] = resident.checkupDay;
    const items = CHECKUP_ITEMS.map((item) => {
      const value = resident.values[item.code][index]!;
      return {
        code: item.code,
        name: item.name,
        value,
        unit: item.unit,
        referenceRange: item.referenceRange,
        judgement: judge(item, value),
      };
    });
    checkups.push({
      id: `ck-${resident.customerNumber}-${year}`,
      date: `${year}-${pad(month)}-${pad(day)}`,
      institution: resident.institution,
      overallJudgement: worstOf(items.map((item) => item.judgement)),
      items,
    });
  }
  return checkups.reverse();
}

function medicationsOf(resident: (typeof RESIDENTS)[number], today: string): Medication[] {
  const medications: Medication[] = [];
  resident.prescriptions.forEach((prescription, drugIndex) => {
    // Refills every `days`, the newest a few days before today.
    for (let back = 3 + drugIndex; back <= PRESCRIPTION_HISTORY_DAYS; back += prescription.days) {
      const dispensedOn = addDays(today, -back);
      medications.push({
        id: `rx-${resident.customerNumber}-${dispensedOn}-${drugIndex + 1}`,
        dispensedOn,
        drugName: prescription.drugName,
        dose: prescription.dose,
        days: prescription.days,
        pharmacy: prescription.pharmacy,
      });
    }
  });
  return medications.sort((a, b) => b.dispensedOn.localeCompare(a.dispensedOn) || a.id.localeCompare(b.id));
}

export function createDemoSeed(now: Date): SeedData {
  const today = jstDateOf(now);
  const currentYear = Number(today.slice(0, 4));
  return {
    municipality: MUNICIPALITY,
    customers: [
      ...RESIDENTS.map(({ customerNumber, name, birthDate }) => ({ customerNumber, name, birthDate })),
      ...OTHER_CUSTOMERS,
    ],
    checkups: Object.fromEntries(RESIDENTS.map((r) => [r.customerNumber, checkupsOf(r, currentYear)])),
    medications: Object.fromEntries(RESIDENTS.map((r) => [r.customerNumber, medicationsOf(r, today)])),
    facilities: structuredClone([...FACILITIES]),
  };
}
