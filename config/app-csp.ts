/**
 * The TV app package's Content-Security-Policy (index.html `<meta http-equiv>`), derived from its
 * settings.json so the two cannot disagree: the page may load its own scripts, styles and images
 * ('self') and connect to itself, the platform API's origin and the card bridge on the loopback
 * (ws://127.0.0.1:PORT) — nothing else. No inline script or style ('unsafe-inline'), no eval.
 * `npm run dist` writes it; `npm run dist:verify` recomputes it from settings.json and compares.
 */
import type { AppSettings } from '../src/app/settings/settings';

/** scheme://host[:port] of an http(s) or ws(s) URL (the default port left out, as URL does). */
export function originOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

export function contentSecurityPolicy(settings: Pick<AppSettings, 'platformUrl' | 'bridge'>): string {
  const connect = ["'self'", originOf(settings.platformUrl), originOf(settings.bridge.url)];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
