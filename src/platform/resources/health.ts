/** Health checkups (JLAC10-coded items), per-item trends and dispensed medications. */
import type { Checkup, CheckupItemCode, CheckupList, MedicationList, Trend } from '../types';
import { getResource, segment, type CallOptions, type ResourceContext } from './context';

export interface DateRange {
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export class HealthResource {
  constructor(private readonly context: ResourceContext) {}

  checkups(range: DateRange = {}, options: CallOptions = {}): Promise<CheckupList> {
    return getResource<CheckupList>(this.context, '/v1/health/checkups', options, {
      from: range.from,
      to: range.to,
    });
  }

  checkup(checkupId: string, options: CallOptions = {}): Promise<Checkup> {
    return getResource<Checkup>(this.context, `/v1/health/checkups/${segment(checkupId)}`, options);
  }

  trend(itemCode: CheckupItemCode, options: CallOptions = {}): Promise<Trend> {
    return getResource<Trend>(this.context, `/v1/health/trends/${segment(itemCode)}`, options);
  }

  medications(range: DateRange = {}, options: CallOptions = {}): Promise<MedicationList> {
    return getResource<MedicationList>(this.context, '/v1/health/medications', options, {
      from: range.from,
      to: range.to,
    });
  }
}
