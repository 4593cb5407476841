/** The viewer's profile: display name and the certificate expiry behind the 90-day renewal notice. */
import type { Profile } from '../types';
import { getResource, type CallOptions, type ResourceContext } from './context';

export class ProfileResource {
  constructor(private readonly context: ResourceContext) {}

  get(options: CallOptions = {}): Promise<Profile> {
    return getResource<Profile>(this.context, '/v1/me', options);
  }
}
