/**
 * What the app does with the box's platform: the viewer's choices drive its voice, theme and
 * language, live; the lifecycle pauses and ends it cleanly.
 *
 * - inactive / background: the viewer cannot see the app — a PIN or password being typed is
 *   forgotten (that entry ends; OK starts it again), speech stops.
 * - foreground: back where the viewer was (reconnecting to the bridge if it was let go); the card's
 *   own events take a viewer whose card was pulled meanwhile to the card prompt.
 * - suspended: the app lets go of the bridge (a logged-in viewer is logged out, as when the bridge
 *   goes away); a box may still bring it back to the foreground.
 * - unloading: the app lets go of the bridge and the session, then says it has finished.
 */
import type { BoxPlatform, BoxPreferences, LanguagePreference, LifecycleState } from './box-platform';

export interface BoxPlatformTargets {
  voiceGuidance(enabled: boolean, rate: number): void;
  highContrast(on: boolean): void;
  language(language: LanguagePreference): void;
  /** Forget typed secrets, stop speaking. */
  hide(): void;
  /** Back in the foreground: connect to the bridge again if it was let go. */
  show(): void;
  /** Close the bridge connection (the session hears the bridge go). */
  suspend(): void;
  /** Close the bridge connection and stop the session. */
  end(): void;
}

export function applyPreferences(preferences: BoxPreferences, targets: BoxPlatformTargets): void {
  if (preferences.voiceGuidance)
    targets.voiceGuidance(preferences.voiceGuidance.enabled, preferences.voiceGuidance.rate);
  if (preferences.highContrast !== undefined) targets.highContrast(preferences.highContrast);
  if (preferences.language) targets.language(preferences.language);
}

export function applyLifecycle(
  state: LifecycleState,
  targets: BoxPlatformTargets,
  platform: Pick<BoxPlatform, 'finished'>,
): void {
  if (state === 'inactive' || state === 'background') targets.hide();
  else if (state === 'foreground') targets.show();
  else if (state === 'suspended') {
    targets.hide();
    targets.suspend();
  } else {
    targets.hide();
    targets.end();
    platform.finished();
  }
}

/** Follows the box's choices and lifecycle from now on; a box that does not answer changes nothing. */
export async function followBoxPlatform(platform: BoxPlatform, targets: BoxPlatformTargets): Promise<void> {
  await Promise.all([
    platform.followPreferences((preferences) => applyPreferences(preferences, targets)),
    platform.followLifecycle((state) => applyLifecycle(state, targets, platform)),
  ]);
}
