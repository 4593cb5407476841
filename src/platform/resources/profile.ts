/** The viewer's profile: display name and the certificate expiry behind the 90-day renewal notice. */
import type { Profile } from '../types';
import type { CallOptions, ResourceContext } from './context';

export class ProfileResource {
  constructor(private readonly context: ResourceContext) {}

  get(options: CallOptions = {}): Promise<Profile> {
    return this.context.session.send<Profile>({ method: 'GET', path: '/v1/me', signal: options.signal });
  }
}
