/**
 * The Firebolt adapter through the SDK's own mock transport (what the SDK uses where no box answers):
 * the viewer's settings read and followed as the box changes them, and the lifecycle's states.
 */
import { createFireboltBoxPlatform } from './firebolt-box-platform';
import type { BoxPreferences, LifecycleState } from './box-platform';

interface MockTransport {
  event(module: string, event: string, value: unknown): void;
}

const mockTransport = async (): Promise<MockTransport> =>
  (
    (await import('@firebolt-js/sdk/dist/lib/Transport/MockTransport.mjs' as string)) as {
      default: MockTransport;
    }
  ).default;

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

// The SDK logs every message it sends at debug level (the mock transport's only trace of them).
const sent: string[] = [];
beforeAll(() =>
  jest.spyOn(console, 'debug').mockImplementation((line: unknown) => void sent.push(String(line))),
);

describe('the box platform through Firebolt', () => {
  it('reads the viewer’s voice guidance, high contrast and language, then follows each change', async () => {
    const heard: BoxPreferences[] = [];
    const platform = createFireboltBoxPlatform();
    await platform.followPreferences((preferences) => heard.push(preferences));
    // The SDK's mock box: guidance on at rate 1, high contrast on, English.
    expect(heard).toEqual([
      { voiceGuidance: { enabled: true, rate: 1 }, highContrast: true, language: 'en' },
    ]);
    const transport = await mockTransport();
    transport.event('Accessibility', 'highContrastUIChanged', false);
    transport.event('Accessibility', 'voiceGuidanceSettingsChanged', {
      enabled: false,
      navigationHints: false,
      rate: 0.8,
    });
    transport.event('Localization', 'localeChanged', 'ja-JP');
    transport.event('Localization', 'localeChanged', 'fr-FR');
    await settle();
    expect(heard.slice(1)).toEqual([
      { highContrast: false },
      { voiceGuidance: { enabled: false, rate: 0.8 } },
      { language: 'ja' },
    ]);
  });

  it('hears the lifecycle’s states as the box moves the app', async () => {
    const states: LifecycleState[] = [];
    const platform = createFireboltBoxPlatform();
    await platform.followLifecycle((state) => states.push(state));
    const transport = await mockTransport();
    for (const state of ['background', 'foreground', 'inactive', 'suspended', 'unloading']) {
      transport.event('Lifecycle', state, { state, previous: 'foreground' });
    }
    await settle();
    expect(states).toEqual(['background', 'foreground', 'inactive', 'suspended', 'unloading']);
  });

  it('hands the app’s telemetry records to the box’s Metrics', async () => {
    const platform = createFireboltBoxPlatform();
    sent.length = 0;
    platform.telemetrySink().emit({
      format: 1,
      source: 'app',
      seq: 3,
      periodS: 900,
      versions: { app: '0.1.0', bridge: '0.1.0' },
      counts: { 'app.start': 1 },
      gauges: {},
      latency: {},
    } as never);
    await settle();
    const action = sent.find((line) => line.includes('"metrics.action"'));
    expect(action).toContain('"type":"madoguchi.telemetry"');
    expect(action).toContain('"app.start":1');
  });
});
