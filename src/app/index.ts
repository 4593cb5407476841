/**
 * Entry of the TV app bundle (`npm run build` → dist/app/): reads settings.json, sets the
 * operator's theme and language, wires the bridge and the platform, then launches the shell.
 */
// First: starts the settings.json request before the other modules evaluate.
import { settingsResponse } from './settings/prefetch';
import { App, setShellRuntime } from './App';
import { connectBoxPlatform } from './box-platform/connect';
import { initI18n } from './i18n/i18n';
import { installKeyPath } from './keys/key-path';
import { takeBridgeToken } from './launch/bridge-token';
import { launchOnPage } from './launch/launch-on-page';
import { showPlainMessage } from './launch/plain-message';
import { markStarted } from '../launcher/launch-record';
import { createRuntime } from './session/runtime';
import { followTextSize } from './session/text-size-sync';
import { shellRemoteScreen } from './session/phone-remote-actor';
import { loadSettings, setSettings, type AppSettings } from './settings/settings';
import { installTestHook } from './test-hook';
import { connectTelemetry, startTelemetry } from './telemetry/install';
import { useJapaneseLineBreaks } from './theme/line-break';
import { setTheme, themeFromSettings } from './theme/tokens';
import { browserSpeechOptions, createVoice } from './voice/create-voice';
import { DEFAULT_THUNDER_URL } from './voice/thunder-speaker';
import { takeThunderToken, thunderUrlWithToken } from './launch/thunder-token';

declare const __MADOGUCHI_TEST_HOOK__: boolean;

/** Without settings the box cannot reach anything: say so in both languages, never a blank TV. */
function showSettingsError(error: unknown) {
  showPlainMessage(document, [
    'この窓口の設定を読み込めませんでした。ケーブルテレビ会社にお問い合わせください。',
    'The settings of this service could not be loaded. Please contact your cable TV company.',
    String(error instanceof Error ? error.message : error),
  ]);
}

// Counting starts first, so an error while the rest loads is counted too (never its message).
const { telemetry, inspect } = startTelemetry(window);
// The box's token for the bridge leaves the address as soon as the bundle runs; memory only.
const launchToken = takeBridgeToken(window);
const thunderToken = takeThunderToken(window);
// Each press is decoded once, here, and the spec's keys are the app's: no browser default (history
// back on BrowserBack) may unload it.
installKeyPath(window);
// Japanese wraps between characters, never before 。 or a small kana.
useJapaneseLineBreaks();

function launch(settings: AppSettings) {
  setSettings(settings);
  setTheme(themeFromSettings(settings));
  initI18n(settings.defaultLanguage);
  const runtime = createRuntime(settings, launchToken, inspect);
  connectTelemetry(window, telemetry, settings, runtime.bridge);
  const voice = createVoice({
    ...browserSpeechOptions(),
    thunderUrl: thunderUrlWithToken(settings.voice?.thunderUrl ?? DEFAULT_THUNDER_URL, thunderToken),
  });
  setShellRuntime({
    session: runtime.session,
    voice,
    onMount: (shell) => {
      // The viewer's text size follows them: from their profile at login, to it when they choose
      // one. Wired here: the shell exists only once the page has loaded its fonts.
      followTextSize(shell, runtime.session, runtime.textSize);
      runtime.bridge.start();
      // The first screen is up: the launcher keeps this release for the box (src/launcher/).
      markStarted(() => window.localStorage, window.location.pathname);
    },
  });
  const application = launchOnPage(App);
  const app = () => application.tag('App') as unknown as App | undefined;
  if (__MADOGUCHI_TEST_HOOK__) installTestHook(application.stage, app);
  // The paired phone's touch remote presses into the same key path as the remote (the shell as
  // it is at each poll: it may not be mounted yet here).
  runtime.attachRemoteScreen(
    shellRemoteScreen(
      {
        get currentView() {
          return app()?.currentView;
        },
      },
      window,
    ),
  );
  // The box's own settings and lifecycle (Firebolt), where the box has them.
  void connectBoxPlatform({
    app,
    voice,
    settings,
    suspend: () => runtime.bridge.close(),
    resume: () => runtime.bridge.start(),
    end: () => {
      runtime.bridge.close();
      runtime.session.stop();
    },
    addTelemetrySink: (sink) => telemetry.addSink(sink),
  }).catch((error: unknown) => console.warn('madoguchi: the box platform did not answer', error));
}

loadSettings('settings.json', settingsResponse).then(launch, showSettingsError);
