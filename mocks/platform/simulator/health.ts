/** Health records of the municipality: checkups, per-item trends and dispensed medications. */
import type { Checkup, CheckupList, MedicationList, Trend, Medication } from '../../../src/platform/types';
import { itemDefinition } from '../seed/checkup-items';
import { invalid, ProblemError } from './problem';
import { isIsoDate } from './jst';

export interface DateRange {
  from?: string;
  to?: string;
}

/** Optional `from` / `to` query dates (inclusive). */
export function dateRangeOf(query: URLSearchParams): DateRange {
  const range: DateRange = {};
  for (const name of ['from', 'to'] as const) {
    const value = query.get(name);
    if (value === null) continue;
    if (!isIsoDate(value)) throw invalid(name, 'must be a date YYYY-MM-DD');
    range[name] = value;
  }
  if (range.from && range.to && range.from > range.to) throw invalid('to', 'is before from');
  return range;
}

const within = (date: string, range: DateRange): boolean =>
  (!range.from || date >= range.from) && (!range.to || date <= range.to);

export class HealthRecords {
  constructor(
    private readonly checkups: () => Record<string, Checkup[]>,
    private readonly medications: () => Record<string, Medication[]>,
  ) {}

  list(customerNumber: string, range: DateRange): CheckupList {
    const checkups = (this.checkups()[customerNumber] ?? []).filter((c) => within(c.date, range));
    return {
      checkups: checkups.map(({ id, date, institution, overallJudgement }) => ({
        id,
        date,
        institution,
        overallJudgement,
      })),
    };
  }

  one(customerNumber: string, checkupId: string): Checkup {
    const checkup = (this.checkups()[customerNumber] ?? []).find((c) => c.id === checkupId);
    // Someone else's checkup is "not found" too: its existence is not the viewer's business.
    if (!checkup) throw new ProblemError(404, 'CHECKUP_NOT_FOUND');
    return checkup;
  }

  trend(customerNumber: string, itemCode: string): Trend {
    const item = itemDefinition(itemCode);
    if (!item) throw invalid('itemCode', 'not a checkup item code');
    const points = [...(this.checkups()[customerNumber] ?? [])]
      .sort((a, b) => a.date.localeCompare(b.date))
      .flatMap((checkup) => {
        const result = checkup.items.find((r) => r.code === item.code);
        return result
          ? [{ checkupId: checkup.id, date: checkup.date, value: result.value, judgement: result.judgement }]
          : [];
      });
    return { code: item.code, name: item.name, unit: item.unit, referenceRange: item.referenceRange, points };
  }

  medicationList(customerNumber: string, range: DateRange): MedicationList {
    return {
      medications: (this.medications()[customerNumber] ?? []).filter((m) => within(m.dispensedOn, range)),
    };
  }
}
