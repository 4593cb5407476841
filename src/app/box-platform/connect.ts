/**
 * Connects the app to the box's platform where there is one (Firebolt on an RDK box): loaded on
 * demand, so the first screen never waits for it and a plain browser never loads the SDK.
 */
import type { App } from '../App';
import type { Voice } from '../voice/voice';
import type { AppSettings } from '../settings/settings';
import { highContrastTheme, themeFromSettings } from '../theme/tokens';
import { hasFireboltTransport, type BoxPlatform } from './box-platform';
import type { TelemetrySink } from '../telemetry/app-telemetry';
import { followBoxPlatform, type BoxPlatformTargets } from './follow-box-platform';

export interface ConnectedApp {
  app(): App | undefined;
  voice: Voice;
  settings: AppSettings;
  /** Lets go of the bridge connection (the session hears it go). */
  suspend(): void;
  /** Connects to the bridge again (nothing when connected). */
  resume(): void;
  /** Lets go of the bridge connection and stops the session. */
  end(): void;
  /** Hands the box's telemetry sink to the app's telemetry. */
  addTelemetrySink(sink: TelemetrySink): void;
}

export function boxPlatformTargets(connected: ConnectedApp): BoxPlatformTargets {
  return {
    voiceGuidance: (enabled, rate) => connected.voice.setGuidance(enabled, rate),
    highContrast: (on) =>
      connected.app()?.useTheme(on ? highContrastTheme() : themeFromSettings(connected.settings)),
    language: (language) => connected.app()?.useLanguage(language),
    hide: () => {
      connected.voice.stop();
      connected.app()?.forgetSecrets();
    },
    show: () => connected.resume(),
    suspend: () => connected.suspend(),
    end: () => connected.end(),
  };
}

/** Tells the box the app is ready once a first screen is up. */
function readyAfterFirstScreen(platform: BoxPlatform, app: App | undefined) {
  if (!app || app.screen) {
    platform.ready();
    return;
  }
  const stop = app.onScreen(() => {
    stop();
    platform.ready();
  });
}

export async function connectBoxPlatform(
  connected: ConnectedApp,
  scope: unknown = globalThis,
): Promise<BoxPlatform | undefined> {
  if (!hasFireboltTransport(scope)) return undefined;
  const { createFireboltBoxPlatform } = await import('./firebolt-box-platform');
  const platform = createFireboltBoxPlatform();
  readyAfterFirstScreen(platform, connected.app());
  connected.addTelemetrySink(platform.telemetrySink());
  await followBoxPlatform(platform, boxPlatformTargets(connected));
  return platform;
}
