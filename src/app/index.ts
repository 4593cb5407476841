/**
 * Entry of the TV app bundle (`npm run build` → dist/app/): reads settings.json, sets the
 * operator's theme and language, wires the bridge and the platform, then launches the shell.
 */
// First: starts the settings.json request before the other modules evaluate.
import { settingsResponse } from './settings/prefetch';
import { App, setShellRuntime } from './App';
import { initI18n } from './i18n/i18n';
import { installKeyPath } from './keys/key-path';
import { takeBridgeToken } from './launch/bridge-token';
import { launchOnPage } from './launch/launch-on-page';
import { createRuntime } from './session/runtime';
import { loadSettings, setSettings, type AppSettings } from './settings/settings';
import { installTestHook } from './test-hook';
import { connectTelemetry, startTelemetry } from './telemetry/install';
import { setTheme, themeFromSettings } from './theme/tokens';
import { createVoice } from './voice/create-voice';

declare const __MADOGUCHI_TEST_HOOK__: boolean;

/** Without settings the box cannot reach anything: say so in both languages, never a blank TV. */
function showSettingsError(error: unknown) {
  const box = document.createElement('div');
  box.style.cssText =
    'position:absolute;inset:0;padding:54px 96px;background:#0B1D33;color:#fff;font:40px/1.5 "Noto Sans CJK JP",sans-serif';
  box.textContent =
    'この窓口の設定を読み込めませんでした。ケーブルテレビ会社にお問い合わせください。\n' +
    'The settings of this service could not be loaded. Please contact your cable TV company.\n' +
    String(error instanceof Error ? error.message : error);
  box.style.whiteSpace = 'pre-wrap';
  document.body.appendChild(box);
}

// Counting starts first, so an error while the rest loads is counted too (never its message).
const { telemetry, inspect } = startTelemetry(window);
// The box's token for the bridge leaves the address as soon as the bundle runs; memory only.
const launchToken = takeBridgeToken(window);
// Each press is decoded once, here, and the spec's keys are the app's: no browser default (history
// back on BrowserBack) may unload it.
installKeyPath(window);

function launch(settings: AppSettings) {
  setSettings(settings);
  setTheme(themeFromSettings(settings));
  initI18n(settings.defaultLanguage);
  const runtime = createRuntime(settings, launchToken, inspect);
  connectTelemetry(window, telemetry, settings, runtime.bridge);
  setShellRuntime({ session: runtime.session, voice: createVoice(), onMount: () => runtime.bridge.start() });
  const application = launchOnPage(App);
  if (__MADOGUCHI_TEST_HOOK__) {
    installTestHook(application.stage, () => application.tag('App') as unknown as App | undefined);
  }
}

loadSettings('settings.json', settingsResponse).then(launch, showSettingsError);
