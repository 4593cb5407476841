/**
 * BoxPlatform through Firebolt (`@firebolt-js/sdk` 1.x): Accessibility's voice guidance and high
 * contrast, Localization's locale (its language part), Lifecycle's states, ready() and finished(). Loaded with import()
 * only where a Firebolt transport exists, so a plain browser never loads it (and never gets the
 * SDK's mock answers as if they were the viewer's).
 */
import { Accessibility, Lifecycle, Localization, Metrics } from '@firebolt-js/sdk';
// Like every chunk loaded on demand: what it shares with the first bundle stays in the one shared
// chunk, not in a small chunk of its own that would cost the first start a request.
import '../screens/family-shared';
import type { BoxPlatform, LanguagePreference, LifecycleState } from './box-platform';
import { fireboltSink } from '../telemetry/firebolt-metrics';

/** Language codes the box may report (ISO 639, BCP 47) mapped to ours; others mean "not said". */
export function languageOf(code: unknown): LanguagePreference | undefined {
  if (typeof code !== 'string') return undefined;
  const primary = code.toLowerCase().split(/[-_]/)[0];
  if (primary === 'ja' || primary === 'jpn') return 'ja';
  if (primary === 'en' || primary === 'eng') return 'en';
  return undefined;
}

const STATES: LifecycleState[] = ['inactive', 'foreground', 'background', 'suspended', 'unloading'];

const voiceOf = (settings: { enabled?: unknown; rate?: unknown; speed?: unknown }) => ({
  enabled: settings.enabled === true,
  rate:
    typeof settings.rate === 'number'
      ? settings.rate
      : typeof settings.speed === 'number'
        ? settings.speed
        : 1,
});

/** A failed question to the box leaves that choice to the app: never an error on screen. */
const quietly = <T>(question: () => Promise<T>): Promise<T | undefined> =>
  question().then(
    (answer) => answer,
    () => undefined,
  );

export function createFireboltBoxPlatform(): BoxPlatform {
  return {
    async followPreferences(listener) {
      const [voice, highContrast, language] = await Promise.all([
        quietly(() => Accessibility.voiceGuidanceSettings()),
        quietly(() => Accessibility.highContrastUI()),
        quietly(() => Localization.locale()),
      ]);
      listener({
        ...(voice ? { voiceGuidance: voiceOf(voice) } : {}),
        ...(typeof highContrast === 'boolean' ? { highContrast } : {}),
        ...(languageOf(language) ? { language: languageOf(language) } : {}),
      });
      await Promise.all([
        quietly(() =>
          Accessibility.voiceGuidanceSettings((next) => listener({ voiceGuidance: voiceOf(next) })),
        ),
        quietly(() => Accessibility.highContrastUI((next) => listener({ highContrast: next === true }))),
        quietly(() =>
          Localization.locale((next) => {
            const mapped = languageOf(next);
            if (mapped) listener({ language: mapped });
          }),
        ),
      ]);
    },
    async followLifecycle(listener) {
      await Promise.all(
        STATES.map((state) => quietly(() => Lifecycle.listen(state as 'foreground', () => listener(state)))),
      );
    },
    ready() {
      void quietly(() => Lifecycle.ready());
    },
    finished() {
      void quietly(() => Lifecycle.finished());
    },
    telemetrySink: () => fireboltSink(Metrics),
  };
}
