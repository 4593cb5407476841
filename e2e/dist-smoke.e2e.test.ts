/**
 * The smoke journey on a real operator package: `dist/minato-catv/<release>/` as
 * scripts/app-package.ts builds it (stb key map, its own settings.json and CSP), plus the test hook,
 * served as it is and loaded in WPE WebKit (cog + WPEWebDriver). The package's settings and CSP
 * name fixed endpoints, so the platform simulator listens on 127.0.0.1:8787 and the bridge
 * (`--backend simulator`, with the operator's token) on 127.0.0.1:9930; nothing is overridden.
 * Journey: insert-card → simulated card → PIN → first-time registration (customer number,
 * signature password, PIN) → home, greeting 山田 太郎. Also: the normal package of the same
 * operator passes dist:verify, the test-hook package is flagged as a test build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist, verifyPackage } from '../scripts/app-package';
import { loadOperator } from '../config/load-operator';
import { startPlatformServer, type RunningPlatformServer } from '../mocks/platform/server';
import { loadPlatform } from '../mocks/platform/startup';
import { BridgeClient, SimulatorControls } from '../src/card';
import { originWebSocket } from '../src/card/test-support';
import { PINS } from './harness/card';
import { ROOT, SCREENSHOT_DIR } from './harness/screens';
import { pageLogScript } from './harness/page-log';
import { CollectedLog, PKI_DIR } from './harness/processes';
import { writeE2eLog } from './harness/pcscd';
import { Journey } from './harness/stack';
import { serveStatic, type StaticServer } from './harness/static-server';
import { startWpe, type Driver } from './harness/wpe';
import { keypadKeys } from './journeys/steps';
import { SCREEN } from '../src/app/screens/ids';

jest.setTimeout(120_000);

const OPERATOR_FILE = join(ROOT, 'config/operators/minato-catv.json');
const operator = loadOperator(OPERATOR_FILE);
const PLATFORM_PORT = Number(new URL(operator.platform.baseUrl).port);
const BRIDGE_PORT = operator.bridge.port;
const BRIDGE_TOKEN = operator.bridge.token!;
const CUSTOMER_NUMBER = '10010001';
const VIEWER_NAME = '山田 太郎';

/** Violations before it runs show in cog's output. */
const PAGE_LOG = pageLogScript({ stacks: false, cspViolations: true });

/** Fails with a clear message when something else holds a port the package needs. */
const assertPortFree = (port: number, what: string) =>
  new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `127.0.0.1:${port} is taken (${error.code}): the minato-catv package needs it for ${what}. ` +
            'Stop whatever listens there (e.g. `npm start`) and run again.',
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });

describe('the minato-catv dist package in WPE: login → home', () => {
  const log = new CollectedLog();
  const tmp = mkdtempSync(join(tmpdir(), 'madoguchi-dist-smoke-'));
  const timings: Record<string, number> = {};
  let app: StaticServer | undefined;
  let platform: RunningPlatformServer | undefined;
  let bridge: ChildProcess | undefined;
  let bridgeExited: Promise<void> = Promise.resolve();
  let client: BridgeClient | undefined;
  let driver: Driver | undefined;
  let testDir = '';
  let origin = '';

  const stopBridge = async () => {
    if (!bridge) return;
    if (bridge.exitCode === null && bridge.signalCode === null) bridge.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([bridgeExited, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
    if (bridge.exitCode === null && bridge.signalCode === null) bridge.kill('SIGKILL');
    bridge.stdout?.destroy();
    bridge.stderr?.destroy();
    bridge = undefined;
  };

  const collectConsole = async () => {
    try {
      const lines = await driver?.session.execute<string[] | null>(
        'return window.__e2eLog ? window.__e2eLog.splice(0) : null',
      );
      for (const line of lines ?? []) log.add('page', line);
    } catch (error) {
      log.add('page', `(page log not readable: ${(error as Error).message})`);
    }
  };

  beforeAll(async () => {
    const started = Date.now();
    await assertPortFree(PLATFORM_PORT, 'the platform simulator');
    await assertPortFree(BRIDGE_PORT, 'the card bridge');

    const built = await buildDist({
      operatorFile: OPERATOR_FILE,
      outRoot: join(tmp, 'test'),
      testHook: true,
    });
    testDir = built.dir;
    timings.build = Date.now() - started;

    app = await serveStatic(testDir);
    origin = app.url.replace(/\/$/, '');

    const { simulator } = await loadPlatform({ pkiDir: PKI_DIR });
    platform = await startPlatformServer({
      simulator,
      port: PLATFORM_PORT,
      allowOrigins: [origin],
      onError: (error) => log.add('platform', `error ${String(error)}`),
    });
    platform.server.on('request', (request: import('node:http').IncomingMessage) =>
      log.add('platform', `${request.method} ${request.url} origin ${request.headers.origin}`),
    );

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'mocks/dev-bridge/cli.ts'),
        '--backend',
        'simulator',
        '--port',
        String(BRIDGE_PORT),
        '--token',
        BRIDGE_TOKEN,
        '--allow-origin',
        origin,
        '--no-card',
        '--state-dir',
        join(tmp, 'cards'),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    bridge = child;
    bridgeExited = new Promise((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`the bridge did not start in 20 s:\n${output}`)),
        20_000,
      );
      const onData = (source: string) => (chunk: Buffer) => {
        output += chunk.toString();
        log.add(source, chunk.toString());
        if (output.includes('"started"')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData('bridge'));
      child.stderr?.on('data', onData('bridge:stderr'));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the bridge exited (${code}) before it listened:\n${output}`));
      });
    });

    client = new BridgeClient({
      url: `ws://127.0.0.1:${BRIDGE_PORT}/jsonrpc`,
      token: BRIDGE_TOKEN,
      WebSocket: originWebSocket(origin),
    });
    client.start();

    driver = await startWpe();
    timings.stack = Date.now() - started;
  }, 120_000);

  afterAll(async () => {
    await collectConsole();
    if (driver) log.add('cog', driver.log());
    const logFile = writeE2eLog('dist-smoke.log', log.text());
    console.log(`dist smoke timings (ms) ${JSON.stringify(timings)}; log ${logFile}`);
    await driver?.quit().catch(() => undefined);
    client?.close();
    await stopBridge().catch(() => undefined);
    if (platform) {
      platform.server.closeAllConnections();
      await platform.close().catch(() => undefined);
    }
    await app?.close().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('builds a normal package that dist:verify accepts, and flags the test-hook one', async () => {
    const normal = await buildDist({ operatorFile: OPERATOR_FILE, outRoot: join(tmp, 'normal') });
    const verified = verifyPackage(normal.dir);
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(normal.manifest.testHook).toBeUndefined();
    // app.js and its chunks (ES modules; the health and booking screens are loaded on demand).
    for (const file of Object.keys(normal.manifest.files).filter((name) => name.endsWith('.js'))) {
      expect([file, readFileSync(join(normal.dir, file), 'utf8').includes('__madoguchi')]).toEqual([
        file,
        false,
      ]);
    }

    const flagged = verifyPackage(testDir);
    expect(flagged.ok).toBe(false);
    expect(flagged.problems.some((line) => line.includes('a test build'))).toBe(true);
    expect(JSON.parse(readFileSync(join(testDir, 'manifest.json'), 'utf8')).testHook).toBe(true);
  });

  it('registers the card and reaches home with the viewer name', async () => {
    const session = driver!.session;
    const journey = new Journey('dist-smoke', 'wpe', session, log);
    const started = Date.now();
    await session.navigate(app!.url);
    await session.execute(PAGE_LOG).catch(() => undefined);
    try {
      await journey.waitForScreen(SCREEN.insertCard, undefined, 20_000);
      timings.insertCard = Date.now() - started;

      await new SimulatorControls(client!).insertCard('normal');
      await journey.waitForScreen(SCREEN.pinEntry, (p) => p.purpose === 'login');
      await journey.press(PINS.auth, 'Enter');
      // The simulated card is not linked to a customer yet: first-time registration.
      await journey.waitForScreen(SCREEN.customerNumber);
      await journey.press(CUSTOMER_NUMBER);
      await journey.waitForScreen(SCREEN.customerNumber, (p) => p.digits === CUSTOMER_NUMBER);
      await journey.press('Enter');
      await journey.waitForScreen(SCREEN.signPassword);
      await journey.press(...keypadKeys(PINS.sign));
      await journey.waitForScreen(SCREEN.pinEntry, (p) => p.purpose === 'registration');
      await journey.press(PINS.auth, 'Enter');
      const home = await journey.waitForScreen(SCREEN.home);
      timings.home = Date.now() - started;
      expect(home.props?.displayName).toBe(VIEWER_NAME);

      const url = await session.executeAsync<string>(
        'var done = arguments[arguments.length - 1];' +
          'window.__madoguchi.capture().then(done, function (e) { done("error:" + e); });',
      );
      expect(url.startsWith('data:image/png;base64,')).toBe(true);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      writeFileSync(
        join(SCREENSHOT_DIR, 'dist-smoke-home.png'),
        Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'),
      );
    } catch (error) {
      await collectConsole();
      const page = log.lines.filter((line) => line.startsWith('[page] '));
      throw new Error(`${(error as Error).message}\npage log (CSP violations, errors):\n${page.join('\n')}`, {
        cause: error,
      });
    }
    await collectConsole();
    const csp = log.lines.filter((line) => line.startsWith('[page] csp '));
    expect(csp).toEqual([]);
  });
});
