/**
 * The app on a box with Firebolt, in WPE WebKit and Chromium: the page is given a Firebolt endpoint
 * the way an RDK box gives it (`window.__firebolt.endpoint`, set before the app loads), and a Firebolt
 * server on that endpoint reports the viewer's box settings — voice guidance on, high contrast on,
 * English. The app, under its package's Content-Security-Policy, tells the box it is ready after its
 * first screen, asks for those settings, draws in high contrast, and goes back to the operator's
 * colours when the viewer switches high contrast off in the box's menu.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildApp } from '../../scripts/build-app.js';
import { contentSecurityPolicy } from '../../config/app-csp';
import { DEFAULT_SETTINGS } from '../../src/app/settings/settings';
import { highContrastTheme, themeFromSettings } from '../../src/app/theme/tokens';
import { decodePng } from '../harness/png';
import { SCREENSHOT_DIR } from '../harness/screens';
import { BROWSERS, type BrowserName } from '../harness/stack';
import { serveStatic, type StaticServer } from '../harness/static-server';
import { startChromium } from '../harness/chromium';
import { startWpe, type Driver } from '../harness/wpe';

jest.setTimeout(120_000);

const FIREBOLT_PORT = 3474;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A box's Firebolt endpoint: JSON-RPC over WebSocket, answers from `settings`, events on demand. */
class FakeFirebolt {
  readonly received: string[] = [];
  private readonly listeners = new Map<string, { socket: WebSocket; id: number }>();
  private readonly server = new WebSocketServer({
    host: '127.0.0.1',
    port: FIREBOLT_PORT,
    handleProtocols: () => 'jsonrpc',
  });

  constructor(private readonly settings: Record<string, unknown>) {
    this.server.on('connection', (socket) =>
      socket.on('message', (data) => {
        const request = JSON.parse(String(data)) as {
          id: number;
          method: string;
          params?: { listen?: boolean };
        };
        this.received.push(request.method);
        const [module, method] = request.method.split('.') as [string, string];
        if (/^on[A-Z]/.test(method) && request.params?.listen) {
          const event = `${module}.${method[2]!.toLowerCase()}${method.slice(3)}`;
          this.listeners.set(event, { socket, id: request.id });
          socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { listening: true, event } }));
          return;
        }
        const result = this.settings[request.method] ?? null;
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result }));
      }),
    );
  }

  /** The box's event, e.g. `accessibility.highContrastUIChanged`, to the app if it listens. */
  emit(event: string, value: unknown): boolean {
    const listener = this.listeners.get(event);
    listener?.socket.send(JSON.stringify({ jsonrpc: '2.0', id: listener.id, result: value }));
    return Boolean(listener);
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const argbToRgb = (argb: number) => [(argb >>> 16) & 0xff, (argb >>> 8) & 0xff, argb & 0xff];

let dir = '';
let server: StaticServer | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-firebolt-e2e-'));
  await buildApp({
    outDir: dir,
    testHook: true,
    settings: DEFAULT_SETTINGS,
    csp: contentSecurityPolicy(DEFAULT_SETTINGS),
  });
  const page = readFileSync(join(dir, 'index.html'), 'utf8');
  // What the box's browser does before any script of the page: name its Firebolt endpoint.
  server = await serveStatic(dir, 0, {
    '/index.html': () => page.replace('<title>', '<script src="firebolt-endpoint.js"></script>\n<title>'),
    '/firebolt-endpoint.js': () =>
      `window.__firebolt = { endpoint: 'ws://127.0.0.1:${FIREBOLT_PORT}/jsonrpc' };\n`,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(BROWSERS)('the app on a Firebolt box in %s', (browser: BrowserName) => {
  let driver: Driver | undefined;
  let firebolt: FakeFirebolt | undefined;
  let shots = 0;

  beforeAll(async () => {
    firebolt = new FakeFirebolt({
      'accessibility.voiceGuidanceSettings': { enabled: true, navigationHints: true, rate: 1 },
      'accessibility.highContrastUI': true,
      'localization.locale': 'en-US',
    });
    driver = await (browser === 'wpe' ? startWpe() : startChromium());
  });

  afterAll(async () => {
    await driver?.quit();
    await firebolt?.close();
  });

  /** A pixel near the stage's top-left corner (the shell's background), read from the canvas by the test hook (WPE screenshots miss WebGL). */
  const corner = async (): Promise<number[]> => {
    const url = await driver!.session.executeAsync<string>(
      'var done = arguments[arguments.length - 1]; window.__madoguchi.capture().then(done, function (e) { done(String(e)); });',
    );
    const file = Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64');
    // Kept for a look: the last frame checked (high contrast, then the operator's colours).
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, `${browser}-firebolt-${shots++}.png`), file);
    const png = decodePng(file);
    const at = (4 * png.width + 4) * png.channels;
    return [...png.pixels.subarray(at, at + 3)];
  };

  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let waited = 0; waited < 20_000; waited += 200) {
      if (await check()) return;
      await sleep(200);
    }
    throw new Error(
      `${browser}: ${what} did not happen\nFirebolt heard: ${firebolt!.received.join(', ')}\n${driver!.log()}`,
    );
  };

  it('follows the box: ready after the first screen, its settings asked, high contrast on and off', async () => {
    await driver!.session.navigate(`${server!.url}index.html#bridgeToken=firebolt-e2e`);
    await until('lifecycle.ready', async () => firebolt!.received.includes('lifecycle.ready'));
    expect(
      await driver!.session.execute<string | undefined>('return window.__madoguchi.screen'),
    ).toBeDefined();
    expect(firebolt!.received).toEqual(
      expect.arrayContaining([
        'accessibility.voiceGuidanceSettings',
        'accessibility.highContrastUI',
        'localization.locale',
        'accessibility.onHighContrastUIChanged',
        'accessibility.onVoiceGuidanceSettingsChanged',
      ]),
    );
    const black = argbToRgb(highContrastTheme().colors.background);
    await until(
      'the high-contrast background',
      async () => JSON.stringify(await corner()) === JSON.stringify(black),
    );

    expect(firebolt!.emit('accessibility.highContrastUIChanged', false)).toBe(true);
    const operator = argbToRgb(themeFromSettings(DEFAULT_SETTINGS).colors.background);
    await until(
      "the operator's background again",
      async () => JSON.stringify(await corner()) === JSON.stringify(operator),
    );
  });
});
