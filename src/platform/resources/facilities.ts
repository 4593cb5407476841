/** Facilities → rooms → コマ, and which コマ are free on which days. */
import type { Availability, Facility, FacilityList } from '../types';
import { getResource, segment, type CallOptions, type ResourceContext } from './context';

export interface AvailabilityQuery {
  /** YYYY-MM-DD, inclusive; at most 31 days. */
  from: string;
  to: string;
  roomId?: string;
}

export class FacilitiesResource {
  constructor(private readonly context: ResourceContext) {}

  list(options: CallOptions = {}): Promise<FacilityList> {
    return getResource<FacilityList>(this.context, '/v1/facilities', options);
  }

  get(facilityId: string, options: CallOptions = {}): Promise<Facility> {
    return getResource<Facility>(this.context, `/v1/facilities/${segment(facilityId)}`, options);
  }

  availability(
    facilityId: string,
    query: AvailabilityQuery,
    options: CallOptions = {},
  ): Promise<Availability> {
    return getResource<Availability>(
      this.context,
      `/v1/facilities/${segment(facilityId)}/availability`,
      options,
      { from: query.from, to: query.to, roomId: query.roomId },
    );
  }
}
