/** Facilities → rooms → コマ, and which コマ are free on which days. */
import type { Availability, Facility, FacilityList } from '../types';
import { segment, type CallOptions, type ResourceContext } from './context';

export interface AvailabilityQuery {
  /** YYYY-MM-DD, inclusive; at most 31 days. */
  from: string;
  to: string;
  roomId?: string;
}

export class FacilitiesResource {
  constructor(private readonly context: ResourceContext) {}

  list(options: CallOptions = {}): Promise<FacilityList> {
    return this.context.session.send<FacilityList>({
      method: 'GET',
      path: '/v1/facilities',
      signal: options.signal,
    });
  }

  get(facilityId: string, options: CallOptions = {}): Promise<Facility> {
    return this.context.session.send<Facility>({
      method: 'GET',
      path: `/v1/facilities/${segment(facilityId)}`,
      signal: options.signal,
    });
  }

  availability(
    facilityId: string,
    query: AvailabilityQuery,
    options: CallOptions = {},
  ): Promise<Availability> {
    return this.context.session.send<Availability>({
      method: 'GET',
      path: `/v1/facilities/${segment(facilityId)}/availability`,
      query: { from: query.from, to: query.to, roomId: query.roomId },
      signal: options.signal,
    });
  }
}
