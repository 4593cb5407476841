/**
 * The TV app package's Content-Security-Policy (index.html `<meta http-equiv>`), derived from its
 * settings.json so the two cannot disagree: the page may load its own scripts, styles and images
 * ('self') and connect to itself, the platform API's origin and the card bridge on the loopback
 * (ws://127.0.0.1:PORT, and http://127.0.0.1:PORT: after a refused upgrade the app asks there whether
 * the bridge is up, to tell "refused" from "not there", src/card/probe.ts), the box's Thunder for
 * text-to-speech (ws://127.0.0.1:9998, or the settings' voice.thunderUrl) and Firebolt
 * (ws://127.0.0.1:3474) — nothing else, but the operator's telemetry collector when settings.json
 * names one (telemetryUrl). No inline script or style ('unsafe-inline'). 'unsafe-eval' is there because Lightning 2
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

/**
 * Firebolt's WebSocket on an RDK box (Ripple's default endpoint): the app follows the viewer's box
 * settings through it where the box has one (src/app/box-platform/).
 */
const FIREBOLT_ORIGIN = 'ws://127.0.0.1:3474';

export function contentSecurityPolicy(
  settings: Pick<AppSettings, 'platformUrl' | 'bridge' | 'voice' | 'telemetryUrl'>,
): string {
  const connect = [
    "'self'",
    originOf(settings.platformUrl),
    originOf(settings.bridge.url),
    originOf(settings.bridge.url.replace(/^ws/i, 'http')),
    originOf(settings.voice?.thunderUrl ?? DEFAULT_THUNDER_URL),
    FIREBOLT_ORIGIN,
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

/**
 * The launcher page's policy (scripts/rollout/launcher-package.ts): its own script and style, and
 * reads of its own origin only (launcher.json, rollout.json, the releases' manifests).
 */
export const LAUNCHER_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
