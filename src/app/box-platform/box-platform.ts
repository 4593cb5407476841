/**
 * The box's own platform as the app uses it: the viewer's settings made in the box's menus (voice
 * guidance, high contrast, language) and the app's lifecycle (sent to the background, suspended,
 * unloaded). On an RDK box that is Firebolt (firebolt-box-platform.ts); in a plain browser there is
 * none, and the app keeps its own settings.
 */
import type { TelemetrySink } from '../telemetry/app-telemetry';

export type LanguagePreference = 'ja' | 'en';

interface VoiceGuidancePreference {
  enabled: boolean;
  /** The box's speech rate, 1 = normal. */
  rate: number;
}

/** What the box says of the viewer's choices; a member is absent when the box does not say. */
export interface BoxPreferences {
  voiceGuidance?: VoiceGuidancePreference;
  highContrast?: boolean;
  language?: LanguagePreference;
}

/** Firebolt's lifecycle states, as the box moves the app between them. */
export type LifecycleState = 'inactive' | 'foreground' | 'background' | 'suspended' | 'unloading';

export interface BoxPlatform {
  /** The viewer's choices now, then each change as it happens (only the members that changed). */
  followPreferences(listener: (preferences: BoxPreferences) => void): Promise<void>;
  followLifecycle(listener: (state: LifecycleState) => void): Promise<void>;
  /** The first frame is up: the box may show the app. */
  ready(): void;
  /** The app has let go of everything: the box may unload it. */
  finished(): void;
  /** Where the app's telemetry records go on this box (Firebolt's Metrics). */
  telemetrySink(): TelemetrySink;
}

/** Whether the page runs where a Firebolt transport exists (a WebSocket endpoint or RDK's bridge). */
export function hasFireboltTransport(scope: unknown): boolean {
  const page = scope as {
    __firebolt?: { endpoint?: unknown };
    ServiceManager?: { version?: unknown };
  };
  const endpoint = page.__firebolt?.endpoint;
  return (
    (typeof endpoint === 'string' && /^wss?:\/\//.test(endpoint)) || Boolean(page.ServiceManager?.version)
  );
}
