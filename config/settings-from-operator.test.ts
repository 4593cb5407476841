import path from 'node:path';
import { DEFAULT_SETTINGS, parseSettings } from '../src/app/settings/settings';
import { contentSecurityPolicy, originOf } from './app-csp';
import { loadOperator, type OperatorConfig } from './load-operator';
import { bridgeOrigin, bridgeUrl, packageLogoPath, settingsFromOperator } from './settings-from-operator';

const OPERATORS = path.join(__dirname, 'operators');
const tokyo = () => loadOperator(path.join(OPERATORS, 'madoguchi-cable-tokyo.json'));
const minato = () => loadOperator(path.join(OPERATORS, 'minato-catv.json'));

describe('settingsFromOperator', () => {
  it('maps every field of the production-like example', () => {
    expect(settingsFromOperator(tokyo())).toEqual({
      operator: {
        id: 'madoguchi-cable-tokyo',
        name: { ja: 'まどぐちケーブル東京', en: 'Madoguchi Cable Tokyo' },
        phone: '0120-123-456',
        hours: { ja: '毎日 9時〜18時', en: 'Daily 9:00–18:00' },
      },
      platformUrl: 'https://platform.madoguchi-cable-tokyo.example/v1',
      bridge: { url: 'ws://127.0.0.1:9930/jsonrpc' },
      services: ['health', 'booking'],
      session: { idleTimeoutMs: 300_000, warningLeadMs: 30_000 },
      theme: {
        colors: {
          background: '#101820',
          text: '#FFFFFF',
          accent: '#FFD34D',
          onAccent: '#101820',
          focus: '#FFFFFF',
          onFocus: '#0B3D91',
        },
        logo: 'static/logo.svg',
      },
      defaultLanguage: 'ja',
      pairingClientId: 'madoguchi-cable-tokyo',
    });
  });

  it('carries the token, the default warning lead and leaves unset members out', () => {
    const settings = settingsFromOperator(minato());
    expect(settings.bridge).toEqual({
      url: 'ws://127.0.0.1:9930/jsonrpc',
      token: 'demo-token-not-secret-0123456789',
    });
    expect(settings.session).toEqual({ idleTimeoutMs: 600_000, warningLeadMs: 30_000 });
    expect(settings.services).toEqual(['health']);

    const bare: OperatorConfig = { ...minato(), support: { phone: '03-1234-5678' }, bridge: { port: 12345 } };
    const json = JSON.stringify(settingsFromOperator(bare));
    expect(json).not.toContain('hours');
    expect(json).not.toContain('token');
    expect(settingsFromOperator(bare).bridge.url).toBe('ws://127.0.0.1:12345/jsonrpc');
  });

  it('names the logo inside the package by its type', () => {
    const config = minato();
    expect(packageLogoPath({ ...config, theme: { ...config.theme, logo: 'logos/brand.PNG' } })).toBe(
      'static/logo.png',
    );
    expect(packageLogoPath(config)).toBe('static/logo.svg');
  });

  it.each([tokyo, minato])('gives settings the app accepts (%#)', (load) => {
    const settings = settingsFromOperator(load());
    expect(parseSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
  });

  it('does not share arrays or objects with the configuration', () => {
    const config = tokyo();
    const settings = settingsFromOperator(config);
    settings.services.pop();
    settings.theme.colors.text = '#000000';
    expect(config.services).toEqual(['health', 'booking']);
    expect(config.theme.colors.text).toBe('#FFFFFF');
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only the package, the platform origin and the loopback bridge', () => {
    expect(contentSecurityPolicy(settingsFromOperator(tokyo()))).toBe(
      "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self'; img-src 'self'; " +
        "connect-src 'self' https://platform.madoguchi-cable-tokyo.example ws://127.0.0.1:9930 http://127.0.0.1:9930 ws://127.0.0.1:9998 ws://127.0.0.1:3474; " +
        "base-uri 'none'; form-action 'none'",
    );
  });

  it("allows the operator's telemetry collector only when the configuration names one", () => {
    const config = { ...tokyo(), telemetryUrl: 'https://telemetry.madoguchi-cable-tokyo.example/v1/records' };
    const settings = settingsFromOperator(config);
    expect(settings.telemetryUrl).toBe(config.telemetryUrl);
    expect(parseSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
    expect(contentSecurityPolicy(settings)).toContain(
      'ws://127.0.0.1:3474 https://telemetry.madoguchi-cable-tokyo.example;',
    );
    expect(contentSecurityPolicy(settingsFromOperator(tokyo()))).not.toContain('telemetry');
    expect(() => parseSettings({ ...settings, telemetryUrl: 'http://collector.example' })).toThrow(
      'telemetryUrl (https only)',
    );
  });

  it("has no inline, wildcard or data: source; eval only because Lightning's templates need it", () => {
    for (const settings of [DEFAULT_SETTINGS, settingsFromOperator(minato())]) {
      const csp = contentSecurityPolicy(settings);
      expect(csp.match(/'unsafe-[a-z]+'/g)).toEqual(["'unsafe-eval'"]);
      expect(csp).not.toMatch(/\*|data:|blob:|https?:\/\/[^ ;]*\//);
    }
  });

  it("allows the box's Thunder where the operator's boxes have it, and nothing else", () => {
    const settings = settingsFromOperator({ ...tokyo(), tts: { thunderUrl: 'ws://127.0.0.1:9001/jsonrpc' } });
    expect(settings.voice).toEqual({ thunderUrl: 'ws://127.0.0.1:9001/jsonrpc' });
    const csp = contentSecurityPolicy(settings);
    expect(csp).toContain('ws://127.0.0.1:9001 ');
    expect(csp).not.toContain('9998');
  });

  it('uses origins (no path), keeping explicit ports', () => {
    expect(originOf('https://platform.example/v1/')).toBe('https://platform.example');
    expect(originOf('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(originOf(bridgeUrl(9931))).toBe(bridgeOrigin(9931));
  });
});
