/**
 * The stack's server processes for the journeys and the benches: the platform simulator over real
 * HTTP in the test's process (stop()/restart() on the same port, every request logged with its body)
 * and the bridge as a child process (kill()/restart() on the same port, its token kept across
 * restarts as the box's service keeps it), both writing into one collected log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, sign as rsaSign } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PhoneCard } from '../../mocks/digital-auth-app/phone-card';
import { startDigitalAuthAppFor, type DigitalAuthAppLink } from '../../mocks/platform/digital-auth-app-link';
import { loadPlatform } from '../../mocks/platform/startup';
import { startPlatformServer, type RunningPlatformServer } from '../../mocks/platform/server';
import type { PlatformSimulator } from '../../mocks/platform/simulator/simulator';
import type { CardCredentials } from '../../mocks/pki';
import { createCardState } from '../../mocks/virtual-card/state';
import { PINS, type JourneyCard } from './card';
import { freePort } from './ports';
import { ROOT } from './screens';
import { confined } from './confine';

export const PKI_DIR = join(ROOT, '.tmp/test-pki');

/** The town office as a sender of notices on the journeys' platform (its credential is the test's). */
export const CITY_SENDER = {
  id: 'city',
  name: '窓口町役場',
  nameEn: 'Madoguchi Town Office',
  token: 'journeys-city-sender-credential-0123456789abcdef',
} as const;

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
  /** The simulated デジタル認証アプリ, once a journey holds a card to the phone. */
  private phoneApp: DigitalAuthAppLink | undefined;
  port = 0;
  url = '';

  private constructor(
    readonly simulator: PlatformSimulator,
    private readonly origin: string,
    private readonly log: CollectedLog,
    private readonly loadCrls: () => Promise<number>,
  ) {}

  static async start(origin: string, log: CollectedLog): Promise<PlatformControl> {
    // Each stack its own file: stacks of both browsers may start at once.
    const sendersFile = join(
      ROOT,
      `.tmp/journey-senders-${process.pid}-${randomBytes(4).toString('hex')}.json`,
    );
    await mkdir(join(ROOT, '.tmp'), { recursive: true });
    await writeFile(sendersFile, JSON.stringify([CITY_SENDER]), { mode: 0o600 });
    const { simulator, refreshCrls } = await loadPlatform({ pkiDir: PKI_DIR, sendersFile });
    await rm(sendersFile);
    const control = new PlatformControl(simulator, origin, log, refreshCrls);
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
      phoneLogin: () => this.phoneApp?.phoneLogin,
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

  /** The test PKI's CRLs read again (as an operator's CRL refresh does): 変更確認 runs over them. */
  async refreshCrls(): Promise<void> {
    await this.loadCrls();
  }

  /**
   * Links the valid card (or `credentials`) to 山田 太郎 (10010001) without the app: a registration
   * signed in Node.
   */
  async link(
    card: JourneyCard,
    customerNumber = '10010001',
    credentials: CardCredentials = card.validCredentials,
  ): Promise<void> {
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

  /**
   * The readerless login: the simulated デジタル認証アプリ beside the platform (as `--digital-auth-app-port`
   * starts it), with `credentials` (by default the journey card's) held to the phone, same PINs.
   */
  async holdToPhone(card: JourneyCard, credentials: CardCredentials = card.validCredentials): Promise<void> {
    this.phoneApp ??= await startDigitalAuthAppFor(this.simulator, this.url, { host: '127.0.0.1', port: 0 });
    this.phoneApp.app.card = new PhoneCard(createCardState(credentials, { ...PINS }));
  }

  async close(): Promise<void> {
    await this.phoneApp?.app.close();
    this.phoneApp = undefined;
    await this.stop();
  }
}

// ── bridge ──────────────────────────────────────────────────────────────────────────────────────

export interface BridgeOptions {
  backend: 'pcsc' | 'simulator';
  /** Extra arguments, e.g. ['--no-card'] for the simulator. */
  args?: string[];
  /** Required on the WebSocket URL (`?token=`); without one the development bridge stays open. */
  token?: string;
  /**
   * `1.x`: a bridge of that spec document version (the development entry point's --spec, whatever
   * the backend), for the version-skew journeys.
   */
  spec?: '1.x';
}

/** A token as a box makes one: 32 random bytes, base64url. */
export const freshToken = (): string => randomBytes(32).toString('base64url');

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

  get token(): string | undefined {
    return this.options.token;
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
      // pcsc runs the production entry point; only the development one has the simulator and --spec.
      join(
        ROOT,
        this.options.backend === 'pcsc' && !this.options.spec
          ? 'native-bridge/src/bridge/cli.ts'
          : 'mocks/dev-bridge/cli.ts',
      ),
      ...(this.options.spec ? ['--spec', this.options.spec] : []),
      '--backend',
      this.options.backend,
      '--port',
      String(this.port),
      '--allow-origin',
      this.origin,
      ...(this.options.args ?? []),
    ];
    // The development entry point reads the token from its environment (off the command line);
    // the production one, which a box's service runs with its own configuration, takes --token.
    const { token } = this.options;
    const env = { ...process.env };
    delete env.MADOGUCHI_BRIDGE_TOKEN;
    if (token !== undefined && this.options.backend === 'pcsc')
      args.push(`--token=${token}`); // a token may begin with '-'
    else if (token !== undefined) env.MADOGUCHI_BRIDGE_TOKEN = token;
    const command = confined(process.execPath, args, env);
    const child = spawn(command.program, command.args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
