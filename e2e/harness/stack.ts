/**
 * The whole real stack for the journeys, one per describe:
 *
 * - pcscd with the vpcd readers (checked, as scripts/ensure-system.sh leaves it: pcscd.ts) and our virtual
 *   card on "Virtual PCD 00 00" (card.ts);
 * - the platform simulator over real HTTP in this process (test PKI .tmp/test-pki, CORS for the
 *   app's origin), stop()/restart() on the same port;
 * - the bridge as a child process (`--backend pcsc`), kill()/restart() on the same port, with a
 *   fresh token kept across restarts (as the box's service does);
 * - the test build of the app (.tmp/e2e-app, built once per run) on a static server whose
 *   settings.json points at the stack's ports, with the journey's idle timings;
 * - the browser: WPE WebKit (cog + WPEWebDriver) or Chromium (chromedriver), driven with real key
 *   events; state through the test hook (`window.__madoguchi`), a screenshot per step. The app is
 *   opened with the launch URL a box gives it: `#bridgeToken=<token>` (`npm start` prints the same).
 *
 * Logs (bridge stdout/stderr, platform requests with bodies, the browser's console / cog output)
 * are collected for the "no PIN or password in any log" check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appKeyOf, type AppKey } from '../../src/app/keys/keymap';
import type { ScreenId } from '../../src/app/screens/ids';
import { DEFAULT_SETTINGS, type AppSettings } from '../../src/app/settings/settings';
import specKeyMap from '../../stb-spec/key-map.json';
import { BRIDGE_TOKEN_FRAGMENT_KEY } from '../../stb-spec/protocol/names';
import { JourneyCard, VPCD, type VpcdEndpoint } from './card';
import { checkPcscd, waitForEmptyReader, writeE2eLog } from './pcscd';
import {
  BridgeProcess,
  CollectedLog,
  PKI_DIR,
  PlatformControl,
  freshToken,
  type BridgeOptions,
} from './processes';
import { startChromium } from './chromium';
import { E2E_APP_DIR, ROOT, SCREENSHOT_DIR } from './screens';
import { pageLogScript } from './page-log';
import { serveStatic, type StaticServer } from './static-server';
import type { Session } from './webdriver';
import { startWpe, type Driver } from './wpe';

export type BrowserName = 'wpe' | 'chromium';
/** Both by default; `MADOGUCHI_E2E_BROWSERS=chromium` (comma-separated) narrows a local run. */
export const BROWSERS: BrowserName[] = (process.env.MADOGUCHI_E2E_BROWSERS ?? 'wpe,chromium')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is BrowserName => name === 'wpe' || name === 'chromium');

const CARD_STATE_DIR = join(ROOT, '.tmp/e2e-cards');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── the app build ───────────────────────────────────────────────────────────────────────────────

const BUILD_STAMP = join(E2E_APP_DIR, '.e2e-build');

/**
 * The test build in .tmp/e2e-app (or `dir`), once per test run (jest --runInBand: one process, one
 * pid). The benches build into their own directory, so a bench never rebuilds under the journeys.
 */
const buildTestAppOnce = (dir: string = E2E_APP_DIR): void => {
  const stampFile = dir === E2E_APP_DIR ? BUILD_STAMP : join(dir, '.e2e-build');
  const stamp = String(process.pid);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-app.js'), '--test-hook', `--out=${dir}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(stampFile, stamp);
};

// ── the journey ─────────────────────────────────────────────────────────────────────────────────

/** WebDriver's codepoints (W3C WebDriver key table) for the DOM key values a spec pair may use. */
const WEBDRIVER_CODEPOINTS: Readonly<Record<string, string>> = {
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
  ArrowLeft: '\uE012',
  ArrowRight: '\uE014',
  Enter: '\uE007',
  Backspace: '\uE003',
  Escape: '\uE00C',
  F9: '\uE039',
};

/** What WebDriver sends for a DOM key value: its codepoint, a character as itself, else nothing. */
const webDriverKey = (key: string): string | undefined =>
  WEBDRIVER_CODEPOINTS[key] ?? (key.length === 1 ? key : undefined);

/**
 * The keys WebDriver can send: the spec's keys but its colour keys (ColorF0Red … have no WebDriver
 * codepoint; neither has BrowserBack, the second pair of Back: a test dispatches those in the page,
 * as journeys/back-key.e2e.test.ts does), and Escape, which the spec does not list, for the tests
 * that show the app ignores it.
 */
export type KeyName = Exclude<AppKey, 'Red' | 'Green' | 'Yellow' | 'Blue'> | 'Escape';

/** Key names → what WebDriver sends: per key of stb-spec/key-map.json, the first pair it can type. */
export const KEYS = Object.fromEntries([
  ...specKeyMap.keys.flatMap((entry) => {
    const sent = entry.events.map((event) => webDriverKey(event.key)).find((key) => key !== undefined);
    return sent === undefined ? [] : [[appKeyOf(entry.name), sent]];
  }),
  ['Escape', WEBDRIVER_CODEPOINTS.Escape],
]) as Readonly<Record<KeyName, string>>;
const UNSENDABLE: readonly AppKey[] = ['Red', 'Green', 'Yellow', 'Blue'];
if (
  UNSENDABLE.some((key) => key in KEYS) ||
  Object.keys(KEYS).length + UNSENDABLE.length !== specKeyMap.keys.length + 1
) {
  throw new Error('stb-spec/key-map.json: the keys WebDriver can send are not those KeyName names');
}

/** A key name as WebDriver sends it; anything else is text, typed character by character. */
const sendable = (key: KeyName | string): string => (KEYS as Partial<Record<string, string>>)[key] ?? key;

export interface HookState {
  screen: string | null;
  props: Record<string, unknown> | null;
  state: { session: unknown; flow: unknown; textSize?: string } | null;
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
    const sequence = keys.map((key) => sendable(key)).join('');
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

  /** Sets the box's text size as the yellow key would (the box keeps it for the next page). */
  async setTextSize(size: 'standard' | 'large' | 'largest'): Promise<void> {
    await this.session.execute(`window.__madoguchi.setTextSize(${JSON.stringify(size)})`);
  }

  /**
   * Waits for the screen (and props the predicate accepts); fails with what is on screen instead.
   * `screen` is a declared id (src/app/screens/ids.ts): a misspelt one does not compile.
   */
  async waitForScreen(screen: ScreenId, predicate?: PropsPredicate, timeoutMs = 20_000): Promise<HookState> {
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

/** Read by collectConsole(). */
const PAGE_LOG = pageLogScript({ stacks: true, cspViolations: false });

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
    if (withCard) {
      checkPcscd(vpcd.reader);
      await waitForEmptyReader(vpcd.reader);
    }
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
      const bridge = await BridgeProcess.start(origin, log, {
        token: freshToken(),
        ...(options.bridge ?? { backend: 'pcsc' }),
      });
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

  /** The URL a box launches the app with: the bridge's token in the fragment. */
  get launchUrl(): string {
    const token = this.bridge.token;
    return token === undefined
      ? this.app.url
      : `${this.app.url}#${BRIDGE_TOKEN_FRAGMENT_KEY}=${encodeURIComponent(token)}`;
  }

  /**
   * A fresh page for the journey (the app starts over: settings.json is read again), with the
   * journey's idle timings, opened at the launch URL (or, `withoutToken`, at the bare address).
   */
  async journey(
    name: string,
    timings?: SessionTimings,
    options: { withoutToken?: boolean } = {},
  ): Promise<Journey> {
    this.timings = timings ?? DEFAULT_SETTINGS.session;
    await this.session.navigate('about:blank');
    await this.session.navigate(options.withoutToken ? this.app.url : this.launchUrl);
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
    return writeE2eLog(`${name}.log`, this.log.text());
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
