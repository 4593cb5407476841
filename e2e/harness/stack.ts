/**
 * The whole real stack for the journeys (issue 7), one per describe:
 *
 * - pcscd with the vpcd readers (checked, as scripts/ensure-system.sh leaves it) and our virtual
 *   card on "Virtual PCD 00 00" (card.ts);
 * - the platform simulator over real HTTP in this process (test PKI .tmp/test-pki, CORS for the
 *   app's origin), stop()/restart() on the same port;
 * - the bridge as a child process (`--backend pcsc`), kill()/restart() on the same port;
 * - the test build of the app (.tmp/e2e-app, built once per run) on a static server whose
 *   settings.json points at the stack's ports, with the journey's idle timings;
 * - the browser: WPE WebKit (cog + WPEWebDriver) or Chromium (chromedriver), driven with real key
 *   events; state through the test hook (`window.__madoguchi`), a screenshot per step.
 *
 * Logs (bridge stdout/stderr, platform requests with bodies, the browser's console / cog output)
 * are collected for the "no PIN or password in any log" check.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { sign as rsaSign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatform } from '../../mocks/platform/startup';
import { startPlatformServer, type RunningPlatformServer } from '../../mocks/platform/server';
import type { PlatformSimulator } from '../../mocks/platform/simulator/simulator';
import { DEFAULT_SETTINGS, type AppSettings } from '../../src/app/settings/settings';
import { JourneyCard, VPCD, type VpcdEndpoint } from './card';
import { startChromium } from './chromium';
import { freePort } from './ports';
import { E2E_APP_DIR, ROOT, SCREENSHOT_DIR } from './screens';
import { serveStatic, type StaticServer } from './static-server';
import type { Session } from './webdriver';
import { startWpe, type Driver } from './wpe';

export type BrowserName = 'wpe' | 'chromium';
/** Both by default; `MADOGUCHI_E2E_BROWSERS=chromium` (comma-separated) narrows a local run. */
export const BROWSERS: BrowserName[] = (process.env.MADOGUCHI_E2E_BROWSERS ?? 'wpe,chromium')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is BrowserName => name === 'wpe' || name === 'chromium');

export const PKI_DIR = join(ROOT, '.tmp/test-pki');
export const CARD_STATE_DIR = join(ROOT, '.tmp/e2e-cards');
export const LOG_DIR = join(ROOT, '.tmp/e2e-logs');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── pcscd ───────────────────────────────────────────────────────────────────────────────────────

/** pcscd must run and show the vpcd reader; scripts/ensure-system.sh (as root) sets that up. */
export const checkPcscd = (reader: string = VPCD.reader): void => {
  const hint = 'run `sudo bash scripts/ensure-system.sh` (installs pcscd + vsmartcard-vpcd and starts pcscd)';
  try {
    execFileSync('pgrep', ['-x', 'pcscd'], { stdio: 'ignore' });
  } catch (error) {
    throw new Error(`pcscd is not running: ${hint}`, { cause: error });
  }
  let readers: string;
  try {
    readers = execFileSync('opensc-tool', ['--list-readers'], { encoding: 'utf8', timeout: 10_000 });
  } catch (error) {
    throw new Error(`opensc-tool --list-readers failed (${(error as Error).message}): ${hint}`, {
      cause: error,
    });
  }
  if (!readers.includes(reader)) {
    throw new Error(`pcscd runs without the vpcd reader "${reader}" (readers:\n${readers}): ${hint}`);
  }
};

// ── the app build ───────────────────────────────────────────────────────────────────────────────

const BUILD_STAMP = join(E2E_APP_DIR, '.e2e-build');

/**
 * The test build in .tmp/e2e-app (or `dir`), once per test run (jest --runInBand: one process, one
 * pid). The benches build into their own directory, so a bench never rebuilds under the journeys.
 */
export const buildTestAppOnce = (dir: string = E2E_APP_DIR): void => {
  const stampFile = dir === E2E_APP_DIR ? BUILD_STAMP : join(dir, '.e2e-build');
  const stamp = String(process.pid);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts/build-app.js'), '--test-hook', '--platform=keyboard', `--out=${dir}`],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  writeFileSync(stampFile, stamp);
};

// ── the log ─────────────────────────────────────────────────────────────────────────────────────

export class CollectedLog {
  readonly lines: string[] = [];
  add(source: string, text: string): void {
    for (const line of text.split('\n')) if (line.trim()) this.lines.push(`[${source}] ${line}`);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

/** Whether `secret` stands in `text` as a token of its own (not inside a longer number or base64). */
export const findSecret = (text: string, secret: string): string | undefined => {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?<![A-Za-z0-9+/_-])${escaped}(?![A-Za-z0-9+/_=-])`).exec(text);
  return match ? text.slice(Math.max(0, match.index - 80), match.index + secret.length + 80) : undefined;
};

// ── platform ────────────────────────────────────────────────────────────────────────────────────

export class PlatformControl {
  private server: RunningPlatformServer | undefined;
  port = 0;
  url = '';

  private constructor(
    readonly simulator: PlatformSimulator,
    private readonly origin: string,
    private readonly log: CollectedLog,
  ) {}

  static async start(origin: string, log: CollectedLog): Promise<PlatformControl> {
    const { simulator } = await loadPlatform({ pkiDir: PKI_DIR });
    const control = new PlatformControl(simulator, origin, log);
    await control.listen(0);
    return control;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  private async listen(port: number): Promise<void> {
    const server = await startPlatformServer({
      simulator: this.simulator,
      port,
      allowOrigins: [this.origin],
      onError: (error) => this.log.add('platform', `error ${String(error)}`),
    });
    server.server.on('request', (request: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () =>
        this.log.add(
          'platform',
          `${request.method} ${request.url} ${request.headers.authorization ? 'auth ' : ''}${Buffer.concat(chunks).toString('utf8')}`,
        ),
      );
    });
    this.server = server;
    this.port = server.port;
    this.url = server.url;
  }

  /** The platform goes away (connections refused) until restart(). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.server.closeAllConnections();
    await server?.close();
  }

  /** Back on the same port, with the same state (links, bookings). */
  async restart(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  /** Links the valid card to 山田 太郎 (10010001) without the app: a registration signed in Node. */
  async link(card: JourneyCard, customerNumber = '10010001'): Promise<void> {
    const credentials = card.validCredentials;
    const { challenge } = this.simulator.createChallenge({ purpose: 'registration' });
    const message = Buffer.from(challenge, 'base64url');
    const signWith = (pkcs8: Uint8Array) =>
      rsaSign('sha256', message, { key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }).toString(
        'base64',
      );
    await this.simulator.register({
      customerNumber,
      challenge,
      authCertificate: Buffer.from(credentials.authCertificate).toString('base64'),
      authSignature: signWith(credentials.authPrivateKeyPkcs8),
      signCertificate: Buffer.from(credentials.signCertificate).toString('base64'),
      signSignature: signWith(credentials.signPrivateKeyPkcs8),
    });
  }

  async close(): Promise<void> {
    await this.stop();
  }
}

// ── bridge ──────────────────────────────────────────────────────────────────────────────────────

export interface BridgeOptions {
  backend: 'pcsc' | 'simulator';
  /** Extra arguments, e.g. ['--no-card'] for the simulator. */
  args?: string[];
}

export class BridgeProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly port: number,
    private readonly origin: string,
    private readonly options: BridgeOptions,
    private readonly log: CollectedLog,
  ) {}

  static async start(origin: string, log: CollectedLog, options: BridgeOptions): Promise<BridgeProcess> {
    const bridge = new BridgeProcess(await freePort(), origin, options, log);
    await bridge.restart();
    return bridge;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/jsonrpc`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** The bridge process's id while it runs (the memory bench reads its RSS). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the bridge (again) on its port; resolves once it listens. */
  async restart(): Promise<void> {
    if (this.child) return;
    const args = [
      '--import',
      'tsx',
      join(ROOT, 'native-bridge/src/bridge/cli.ts'),
      '--backend',
      this.options.backend,
      '--port',
      String(this.port),
      '--allow-origin',
      this.origin,
      ...(this.options.args ?? []),
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let output = '';
    const started = new Promise<void>((resolve, reject) => {
      const onData = (source: string) => (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        this.log.add(source, text);
        if (text.includes('"started"')) resolve();
      };
      child.stdout?.on('data', onData('bridge'));
      child.stderr?.on('data', onData('bridge:stderr'));
      child.once('exit', (code) =>
        reject(new Error(`the bridge exited (${code}) before it listened:\n${output}`)),
      );
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        started,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the bridge did not start in 20 s:\n${output}`)), 20_000);
        }),
      ]);
    } catch (error) {
      await this.kill();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: the bridge is gone at once, as when it crashes. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await this.exited;
    child.stdout?.destroy();
    child.stderr?.destroy();
  }

  async close(): Promise<void> {
    await this.kill('SIGTERM');
  }
}

// ── the journey ─────────────────────────────────────────────────────────────────────────────────

/** Key names → WebDriver key codepoints (the keyboard build's key map: src/app/keys/keymap.ts). */
export const KEYS = {
  Up: '\uE013',
  Down: '\uE015',
  Left: '\uE012',
  Right: '\uE014',
  Enter: '\uE007',
  Back: '\uE003',
  Escape: '\uE00C',
  Red: '\uE031',
  Green: '\uE032',
  Yellow: '\uE033',
  Blue: '\uE034',
} as const;
export type KeyName = keyof typeof KEYS;

export interface HookState {
  screen: string | null;
  props: Record<string, unknown> | null;
  state: { session: unknown; flow: unknown } | null;
}

export type PropsPredicate = (props: Record<string, unknown>) => boolean;

const READ_HOOK =
  'var h = window.__madoguchi; if (!h) return { screen: null, props: null, state: null };' +
  'return { screen: h.screen || null, props: h.props(), state: h.state() };';

export class Journey {
  private step = 0;
  readonly started = Date.now();

  constructor(
    readonly name: string,
    readonly browser: BrowserName,
    private readonly session: Session,
    private readonly log: CollectedLog,
  ) {}

  /** Real key presses (WebDriver actions: keyDown + keyUp each). Text is typed character by character. */
  async press(...keys: (KeyName | string)[]): Promise<void> {
    const sequence = keys.map((key) => (key in KEYS ? KEYS[key as KeyName] : key)).join('');
    await this.session.sendKeys(sequence);
  }

  async read(): Promise<HookState> {
    return this.session.execute<HookState>(READ_HOOK);
  }

  async state(): Promise<HookState['state']> {
    return (await this.read()).state;
  }

  async props(): Promise<Record<string, unknown> | null> {
    return (await this.read()).props;
  }

  /** Waits for the screen (and props the predicate accepts); fails with what is on screen instead. */
  async waitForScreen(screen: string, predicate?: PropsPredicate, timeoutMs = 20_000): Promise<HookState> {
    const deadline = Date.now() + timeoutMs;
    let last: HookState | undefined;
    for (;;) {
      try {
        last = await this.read();
      } catch (error) {
        last = { screen: `(hook unreadable: ${(error as Error).message})`, props: null, state: null };
      }
      if (last.screen === screen && (!predicate || (last.props && predicate(last.props)))) return last;
      if (Date.now() > deadline) {
        throw new Error(
          `${this.browser}/${this.name}: screen '${screen}'${predicate ? ' (with the expected props)' : ''} ` +
            `not reached in ${timeoutMs} ms; on '${last.screen}' props ${JSON.stringify(last.props)} ` +
            `state ${JSON.stringify(last.state)}`,
        );
      }
      await sleep(100);
    }
  }

  /** The stage as PNG: .tmp/screenshots/journeys/<browser>/<journey>/NN-step.png. */
  async shot(stepName: string): Promise<string> {
    this.step += 1;
    const dir = join(SCREENSHOT_DIR, 'journeys', this.browser, this.name);
    mkdirSync(dir, { recursive: true });
    const url = await this.session.executeAsync<string>(
      'var done = arguments[arguments.length - 1];' +
        'window.__madoguchi.capture().then(done, function (e) { done("error:" + e); });',
    );
    if (!url.startsWith('data:image/png;base64,')) throw new Error(`capture failed: ${url.slice(0, 200)}`);
    const file = join(dir, `${String(this.step).padStart(2, '0')}-${stepName}.png`);
    writeFileSync(file, Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
    return file;
  }

  note(text: string): void {
    this.log.add(`journey ${this.name}`, text);
  }
}

// ── the stack ───────────────────────────────────────────────────────────────────────────────────

export interface SessionTimings {
  idleTimeoutMs: number;
  warningLeadMs: number;
}

export interface StackOptions {
  browser: BrowserName;
  bridge?: BridgeOptions;
  /** Without the virtual card and pcscd (the insert-card smoke test on the simulator backend). */
  withCard?: boolean;
  /** The card's vpcd port and reader (default VPCD: "Virtual PCD 00 00", the tests'). */
  vpcd?: VpcdEndpoint;
  /** Where the test build goes (default .tmp/e2e-app). */
  appDir?: string;
}

/**
 * Installed in the page after each navigation: console calls, uncaught errors and unhandled
 * rejections into `window.__e2eLog` (WPE has no WebDriver log endpoint), read by collectConsole().
 */
const PAGE_LOG = `
if (!window.__e2eLog) {
  var record = window.__e2eLog = [];
  var text = function (value) {
    if (value && value.stack) return String(value.name) + ': ' + String(value.message) + ' ' + String(value.stack);
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  };
  var push = function (level, values) { record.push(level + ' ' + Array.prototype.map.call(values, text).join(' ')); };
  ['log', 'info', 'warn', 'error'].forEach(function (level) {
    var original = console[level];
    console[level] = function () { push(level, arguments); return original.apply(console, arguments); };
  });
  window.addEventListener('error', function (e) { push('uncaught', [e.error || e.message]); });
  window.addEventListener('unhandledrejection', function (e) { push('unhandledrejection', [e.reason]); });
}`;

export class Stack {
  timings: SessionTimings = DEFAULT_SETTINGS.session;
  private consoleSeen = 0;

  private constructor(
    readonly log: CollectedLog,
    readonly browser: BrowserName,
    readonly card: JourneyCard | undefined,
    readonly app: StaticServer,
    readonly platform: PlatformControl,
    readonly bridge: BridgeProcess,
    readonly driver: Driver,
  ) {}

  static async start(options: StackOptions): Promise<Stack> {
    const withCard = options.withCard ?? true;
    const vpcd = options.vpcd ?? VPCD;
    const appDir = options.appDir ?? E2E_APP_DIR;
    if (withCard) checkPcscd(vpcd.reader);
    buildTestAppOnce(appDir);
    const cleanup: (() => Promise<unknown>)[] = [];
    try {
      const card = withCard ? await JourneyCard.create(PKI_DIR, CARD_STATE_DIR, vpcd) : undefined;
      if (card) cleanup.push(() => card.close());
      let settings = (): AppSettings => DEFAULT_SETTINGS;
      const app = await serveStatic(appDir, 0, { '/settings.json': () => JSON.stringify(settings()) });
      cleanup.push(() => app.close());
      const origin = app.url.replace(/\/$/, '');
      const log = new CollectedLog();
      const platform = await PlatformControl.start(origin, log);
      cleanup.push(() => platform.close());
      const bridge = await BridgeProcess.start(origin, log, options.bridge ?? { backend: 'pcsc' });
      cleanup.push(() => bridge.close());
      const driver = options.browser === 'wpe' ? await startWpe() : await startChromium();
      cleanup.push(() => driver.quit());
      const stack = new Stack(log, options.browser, card, app, platform, bridge, driver);
      settings = () => ({
        ...DEFAULT_SETTINGS,
        platformUrl: platform.url,
        bridge: { url: bridge.url },
        session: { ...stack.timings },
      });
      return stack;
    } catch (error) {
      for (const step of cleanup.reverse()) await step().catch(() => undefined);
      throw error;
    }
  }

  get session(): Session {
    return this.driver.session;
  }

  /**
   * A fresh page for the journey (the app starts over: settings.json is read again), with the
   * journey's idle timings. The card is taken out first unless `keepCard`.
   */
  async journey(name: string, timings?: SessionTimings): Promise<Journey> {
    this.timings = timings ?? DEFAULT_SETTINGS.session;
    await this.session.navigate('about:blank');
    await this.session.navigate(this.app.url);
    await this.session.execute(PAGE_LOG).catch(() => undefined);
    return new Journey(name, this.browser, this.session, this.log);
  }

  /** The browser's console since the last call: the page's own record, Chromium's log, cog's output. */
  async collectConsole(): Promise<void> {
    try {
      const lines = await this.session.execute<string[] | null>(
        'return window.__e2eLog ? window.__e2eLog.splice(0) : null',
      );
      for (const line of lines ?? []) this.log.add('page', line);
    } catch (error) {
      this.log.add('page', `(page log not readable: ${(error as Error).message})`);
    }
    if (this.browser === 'chromium') {
      try {
        const entries = (await this.session.command('POST', '/se/log', { type: 'browser' })) as {
          level: string;
          message: string;
        }[];
        for (const entry of entries) this.log.add('console', `${entry.level} ${entry.message}`);
      } catch (error) {
        this.log.add('console', `(console not readable: ${(error as Error).message})`);
      }
    } else {
      const output = this.driver.log();
      this.log.add('cog', output.slice(this.consoleSeen));
      this.consoleSeen = output.length;
    }
  }

  /** Writes everything collected to .tmp/e2e-logs/<browser>.log and returns it. */
  async writeLog(name: string = this.browser): Promise<string> {
    await this.collectConsole();
    mkdirSync(LOG_DIR, { recursive: true });
    const file = join(LOG_DIR, `${name}.log`);
    writeFileSync(file, this.log.text());
    return file;
  }

  async close(): Promise<void> {
    await this.collectConsole().catch(() => undefined);
    await this.driver.quit().catch(() => undefined);
    await this.bridge.close().catch(() => undefined);
    await this.platform.close().catch(() => undefined);
    await this.card?.close().catch(() => undefined);
    await this.app.close().catch(() => undefined);
  }
}

/** Removes the screenshots of earlier runs of one browser's journeys. */
export const clearJourneyShots = (browser: BrowserName): void => {
  rmSync(join(SCREENSHOT_DIR, 'journeys', browser), { recursive: true, force: true });
};
