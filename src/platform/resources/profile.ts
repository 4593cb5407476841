/**
 * The viewer's profile: display name and the certificate expiry behind the 90-day renewal notice,
 * and the preferences the viewer chose (the text size), which follow them from box to box.
 */
import type { Profile, ViewerPreferences } from '../types';
import { getResource, sendChange, type CallOptions, type ResourceContext } from './context';

export class ProfileResource {
  constructor(private readonly context: ResourceContext) {}

  get(options: CallOptions = {}): Promise<Profile> {
    return getResource<Profile>(this.context, '/v1/me', options);
  }

  /** Replaces the viewer's preferences; the platform answers with them as kept. */
  savePreferences(preferences: ViewerPreferences, options: CallOptions = {}): Promise<ViewerPreferences> {
    return sendChange<ViewerPreferences>(this.context, 'PUT', '/v1/me/preferences', options, preferences);
  }
}
