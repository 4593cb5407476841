/**
 * The TV app package's Content-Security-Policy (index.html `<meta http-equiv>`), derived from its
 * settings.json so the two cannot disagree: the page may load its own scripts, styles and images
 * ('self') and connect to itself, the platform API's origin and the card bridge on the loopback
 * (ws://127.0.0.1:PORT, and http://127.0.0.1:PORT: after a refused upgrade the app asks there whether
 * the bridge is up, to tell "refused" from "not there", src/card/probe.ts) and the box's Thunder for text-to-speech (ws://127.0.0.1:9998) — nothing
 * else, but the operator's telemetry collector when settings.json names one (telemetryUrl). No inline script or style ('unsafe-inline'). 'unsafe-eval' is there because Lightning 2
 * compiles its component templates and property accessors with `new Function` (no fallback): without
 * it the app shows nothing at all.
 * `npm run dist` writes it; `npm run dist:verify` recomputes it from settings.json and compares.
 */
import type { AppSettings } from '../src/app/settings/settings';
import { DEFAULT_THUNDER_URL } from '../src/app/voice/thunder-speaker';

/** scheme://host[:port] of an http(s) or ws(s) URL (the default port left out, as URL does). */
export function originOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

export function contentSecurityPolicy(
  settings: Pick<AppSettings, 'platformUrl' | 'bridge' | 'telemetryUrl'>,
): string {
  const connect = [
    "'self'",
    originOf(settings.platformUrl),
    originOf(settings.bridge.url),
    originOf(settings.bridge.url.replace(/^ws/i, 'http')),
    originOf(DEFAULT_THUNDER_URL),
    ...(settings.telemetryUrl !== undefined ? [originOf(settings.telemetryUrl)] : []),
  ];
  return [
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
