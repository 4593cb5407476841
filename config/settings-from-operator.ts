/**
 * The TV app's runtime settings (`settings.json`, src/app/settings/settings.ts) for one operator
 * configuration (config/operators/NAME.json, already validated by config/load-operator.ts).
 * Pure: `npm run dist` writes the result beside index.html and copies the logo to `packageLogoPath`.
 */
import path from 'node:path';
import type { AppSettings } from '../src/app/settings/settings';
import { sessionTiming, type OperatorConfig } from './load-operator';

/** The loopback host the card bridge listens on (stb-spec BR-SEC-1). */
const BRIDGE_HOST = '127.0.0.1';

/** Where the bridge's JSON-RPC endpoint is for a port: ws://127.0.0.1:PORT/jsonrpc. */
export const bridgeUrl = (port: number): string => `ws://${BRIDGE_HOST}:${port}/jsonrpc`;

/** The bridge's origin, as the Content-Security-Policy names it: ws://127.0.0.1:PORT. */
export const bridgeOrigin = (port: number): string => `ws://${BRIDGE_HOST}:${port}`;

/** The logo's path inside the package, relative to index.html: static/logo.svg or static/logo.png. */
export const packageLogoPath = (config: OperatorConfig): string =>
  `static/logo${path.extname(config.theme.logo).toLowerCase()}`;

/** OperatorConfig → AppSettings. Optional members are left out when unset (stable JSON). */
export function settingsFromOperator(config: OperatorConfig): AppSettings {
  const { idleTimeoutMs, warningLeadMs } = sessionTiming(config);
  return {
    operator: {
      id: config.id,
      name: { ja: config.name.ja, en: config.name.en },
      phone: config.support.phone,
      ...(config.support.hours
        ? { hours: { ja: config.support.hours.ja, en: config.support.hours.en } }
        : {}),
    },
    platformUrl: config.platform.baseUrl,
    bridge: {
      url: bridgeUrl(config.bridge.port),
      ...(config.bridge.token !== undefined ? { token: config.bridge.token } : {}),
    },
    ...(config.telemetryUrl !== undefined ? { telemetryUrl: config.telemetryUrl } : {}),
    services: [...config.services],
    session: { idleTimeoutMs, warningLeadMs },
    theme: {
      colors: {
        background: config.theme.colors.background,
        text: config.theme.colors.text,
        accent: config.theme.colors.accent,
        onAccent: config.theme.colors.onAccent,
        focus: config.theme.colors.focus,
        onFocus: config.theme.colors.onFocus,
      },
      logo: packageLogoPath(config),
    },
    defaultLanguage: config.defaultLanguage,
    // The platform knows each operator's TV app by the operator's id.
    pairingClientId: config.id,
    ...(config.tts ? { voice: { thunderUrl: config.tts.thunderUrl } } : {}),
  };
}
