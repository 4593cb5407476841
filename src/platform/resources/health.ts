/** Health checkups (JLAC10-coded items), per-item trends and dispensed medications. */
import type { Checkup, CheckupItemCode, CheckupList, MedicationList, Trend } from '../types';
import { segment, type CallOptions, type ResourceContext } from './context';

export interface DateRange {
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export class HealthResource {
  constructor(private readonly context: ResourceContext) {}

  checkups(range: DateRange = {}, options: CallOptions = {}): Promise<CheckupList> {
    return this.context.session.send<CheckupList>({
      method: 'GET',
      path: '/v1/health/checkups',
      query: { from: range.from, to: range.to },
      signal: options.signal,
    });
  }

  checkup(checkupId: string, options: CallOptions = {}): Promise<Checkup> {
    return this.context.session.send<Checkup>({
      method: 'GET',
      path: `/v1/health/checkups/${segment(checkupId)}`,
      signal: options.signal,
    });
  }

  trend(itemCode: CheckupItemCode, options: CallOptions = {}): Promise<Trend> {
    return this.context.session.send<Trend>({
      method: 'GET',
      path: `/v1/health/trends/${segment(itemCode)}`,
      signal: options.signal,
    });
  }

  medications(range: DateRange = {}, options: CallOptions = {}): Promise<MedicationList> {
    return this.context.session.send<MedicationList>({
      method: 'GET',
      path: '/v1/health/medications',
      query: { from: range.from, to: range.to },
      signal: options.signal,
    });
  }
}
