/** Facilities → rooms → コマ, and which コマ are free on which days. */
import type { Availability, Facility, FacilityList } from '../types';
import { CollectionResource, getResource, segment, type CallOptions, type ResourceContext } from './context';

export interface AvailabilityQuery {
  /** YYYY-MM-DD, inclusive; at most 31 days. */
  from: string;
  to: string;
  roomId?: string;
}

export class FacilitiesResource extends CollectionResource<FacilityList, Facility> {
  constructor(context: ResourceContext) {
    super(context, '/v1/facilities');
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
