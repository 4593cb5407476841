/**
 * Imported first by index.ts: settings.json is requested while the rest of the bundle is parsed and
 * evaluated (~40 ms on cog), not after it — the first screen waits for the settings (theme, language).
 * (A `<link rel="preload" as="fetch">` in index.html would start it earlier, but WPE never hands
 * the preloaded response to fetch(), with any cache mode: it was requested twice.)
 */
const request = (): Promise<Response> => fetch('settings.json', { cache: 'no-store' });

const early: Promise<Response> | undefined = typeof fetch === 'function' ? request() : undefined;
// loadSettings reports a failure when it awaits this; until then it is not an unhandled rejection.
early?.catch(() => undefined);

/** The early request's response (a fetch of its own where there was none). */
export const settingsResponse = (): Promise<Response> => early ?? request();
