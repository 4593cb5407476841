/**
 * What one operator's build of the TV app is configured with, read at start from `settings.json`
 * beside index.html (written by `npm run build` and `npm run dist` from config/operators/NAME.json).
 * A box with a broken or missing file still starts: it shows the settings error with the defaults'
 * look, never a blank screen.
 */
type ServiceName = 'health' | 'booking';
type ThemeColorName = 'background' | 'text' | 'accent' | 'onAccent' | 'focus' | 'onFocus';
interface Bilingual {
  ja: string;
  en: string;
}

export interface AppSettings {
  operator: { id: string; name: Bilingual; phone: string; hours?: Bilingual };
  /** The platform API base URL, e.g. http://127.0.0.1:8787 (simulator) or https://…/v1. */
  platformUrl: string;
  /** The card bridge: ws://127.0.0.1:PORT/jsonrpc and the box's token, if the bridge wants one. */
  bridge: { url: string; token?: string };
  /** The operator's telemetry collector (https), when it runs one: the app's beacon posts there. */
  telemetryUrl?: string;
  services: ServiceName[];
  session: { idleTimeoutMs: number; warningLeadMs: number };
  theme: { colors: Record<ThemeColorName, string>; logo?: string };
  defaultLanguage: 'ja' | 'en';
  /** The box's Thunder (RDK TextToSpeech), ws://127.0.0.1:PORT/jsonrpc; absent: the usual 9998. */
  voice?: { thunderUrl: string };
  /** The operator's TV app as the platform knows it for pairing phones (`client_id`); absent: the operator's id. */
  pairingClientId?: string;
}

export const DEFAULT_SETTINGS: AppSettings = {
  operator: {
    id: 'madoguchi',
    name: { ja: 'ケーブルテレビ', en: 'Cable TV' },
    phone: '0120-000-000',
  },
  platformUrl: 'http://127.0.0.1:8787',
  bridge: { url: 'ws://127.0.0.1:9930/jsonrpc' },
  services: ['health', 'booking'],
  session: { idleTimeoutMs: 300_000, warningLeadMs: 30_000 },
  theme: {
    colors: {
      background: '#0B1D33',
      text: '#FFFFFF',
      accent: '#FFD54A',
      onAccent: '#0B1D33',
      focus: '#FFD54A',
      onFocus: '#0B1D33',
    },
  },
  defaultLanguage: 'ja',
  pairingClientId: 'madoguchi-cable-tokyo',
};

/** The `client_id` this box pairs phones with. */
export const pairingClientId = (settings: AppSettings): string =>
  settings.pairingClientId ?? settings.operator.id;

class SettingsError extends Error {
  override name = 'SettingsError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isColor = (value: unknown) => typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
const isBilingual = (value: unknown): value is Bilingual =>
  isObject(value) && typeof value.ja === 'string' && typeof value.en === 'string';

/** Checks the shape the app relies on (the full schema is checked when the package is built). */
export function parseSettings(json: unknown): AppSettings {
  const fail = (what: string): never => {
    throw new SettingsError(`settings.json: ${what}`);
  };
  if (!isObject(json)) return fail('not a JSON object');
  const { operator, platformUrl, bridge, services, session, theme, defaultLanguage, voice } = json;
  if (!isObject(operator) || typeof operator.id !== 'string' || !isBilingual(operator.name)) {
    return fail('operator.id / operator.name missing');
  }
  if (typeof operator.phone !== 'string') return fail('operator.phone missing');
  if (typeof platformUrl !== 'string' || !/^https?:\/\//.test(platformUrl)) return fail('platformUrl');
  if (!isObject(bridge) || typeof bridge.url !== 'string' || !/^wss?:\/\//.test(bridge.url)) {
    return fail('bridge.url');
  }
  if (bridge.token !== undefined && typeof bridge.token !== 'string') return fail('bridge.token');
  const { telemetryUrl } = json;
  if (telemetryUrl !== undefined && (typeof telemetryUrl !== 'string' || !/^https:\/\//.test(telemetryUrl))) {
    return fail('telemetryUrl (https only)');
  }
  if (!Array.isArray(services) || !services.every((s) => s === 'health' || s === 'booking')) {
    return fail('services');
  }
  if (
    !isObject(session) ||
    typeof session.idleTimeoutMs !== 'number' ||
    typeof session.warningLeadMs !== 'number'
  ) {
    return fail('session');
  }
  if (!isObject(theme) || !isObject(theme.colors)) return fail('theme.colors');
  for (const name of Object.keys(DEFAULT_SETTINGS.theme.colors)) {
    if (!isColor(theme.colors[name])) fail(`theme.colors.${name}`);
  }
  if (theme.logo !== undefined && typeof theme.logo !== 'string') return fail('theme.logo');
  if (defaultLanguage !== 'ja' && defaultLanguage !== 'en') return fail('defaultLanguage');
  // Thunder is the box's own service: on the loopback, never a host elsewhere.
  if (
    voice !== undefined &&
    (!isObject(voice) ||
      typeof voice.thunderUrl !== 'string' ||
      !/^ws:\/\/127\.0\.0\.1(:[0-9]{1,5})?\/[^\s?#]*$/.test(voice.thunderUrl))
  ) {
    return fail('voice.thunderUrl (ws://127.0.0.1:PORT/…)');
  }
  const { pairingClientId } = json;
  if (
    pairingClientId !== undefined &&
    (typeof pairingClientId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(pairingClientId))
  ) {
    return fail('pairingClientId');
  }
  return json as unknown as AppSettings;
}

/** Fetches and parses settings.json; the caller shows the error screen when it throws. */
export async function loadSettings(
  url = 'settings.json',
  fetchImpl: typeof fetch = fetch,
): Promise<AppSettings> {
  let response: Response;
  try {
    response = await fetchImpl(url, { cache: 'no-store' });
  } catch (error) {
    throw new SettingsError(`settings.json: cannot load (${String(error)})`);
  }
  if (!response.ok) throw new SettingsError(`settings.json: HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new SettingsError('settings.json: not JSON');
  }
  return parseSettings(json);
}

let current: AppSettings = DEFAULT_SETTINGS;

/** The settings the app started with (screens read the operator's name and phone from here). */
export const settings = (): AppSettings => current;
export const setSettings = (next: AppSettings): void => {
  current = next;
};
