/**
 * `npm run platform -- [--port 8787] [--host 127.0.0.1] [--pki DIR | --no-test-pki]
 *   [--trust-anchor F.pem]... [--sign-trust-anchor F.pem]... [--crl F]... [--allow-origin O]... [--public-url URL]
 *   [--allow-missing-crl] [--crl-refresh-seconds N] [--jlis-data FILE]... [--no-rate-limits]
 *   [--simulator-controls] [--data DIR] [--senders FILE] [--digital-auth-app-port N] [--phone-card F]`
 * Serves the platform simulator over HTTP. Trusts the test PKI in .tmp/test-pki by default (every
 * root generation), plus the given anchors: a --trust-anchor bundle may hold auth and signature
 * roots (sorted by their OU). CRLs are issued afresh from the PKI's revocation list at start, every
 * --crl-refresh-seconds (default 600) and on SIGHUP; --crl files are re-read then too; sessions
 * whose certificate a refreshed CRL revokes end then. --simulator-controls adds /__simulator/
 * (reset, status), answering only to a control token printed at start (MADOGUCHI_SIMULATOR_TOKEN
 * sets it). --data DIR keeps customers, links, bookings, notices, receipts and address changes in
 * SQLite there (default: in memory); --senders FILE holds the senders' credentials (default
 * .tmp/platform-senders.json, made with fresh ones when missing). Beside it runs a simulated
 * デジタル認証アプリ for the readerless login (--digital-auth-app-port, default any free port), whose
 * phone holds the card of a virtual card's state file (--phone-card; none: "no card" on its screen).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadPlatform } from './startup';
import { startPlatformServer, type RunningPlatformServer } from './server';
import { startDigitalAuthAppFor, type DigitalAuthAppLink } from './digital-auth-app-link';

export interface PlatformCliOptions {
  port: number;
  host: string;
  pkiDir: string | undefined;
  trustAnchorFiles: string[];
  signTrustAnchorFiles: string[];
  crlFiles: string[];
  allowOrigins: string[];
  requireCrl: boolean;
  crlRefreshSeconds: number;
  jlisDataFiles: string[];
  rateLimits: boolean;
  /** The /__simulator/ routes and their token; undefined: no such routes. */
  simulatorControls: { token: string } | undefined;
  /** SQLite data directory; undefined: in memory. */
  dataDir: string | undefined;
  sendersFile: string;
  /** Where phones reach this platform (the pairing page's address); default: the address it listens on. */
  publicUrl: string | undefined;
  /** The simulated デジタル認証アプリ's port (0: any free one), beside the platform. */
  digitalAuthAppPort: number;
  /** The virtual card's state file whose card the phone holds for the readerless login. */
  phoneCardFile: string | undefined;
}

/** Sets the simulator control token (else a fresh random one at each start). */
export const SIMULATOR_TOKEN_ENV = 'MADOGUCHI_SIMULATOR_TOKEN';

export const DEFAULT_PKI_DIR = path.join('.tmp', 'test-pki');
export const DEFAULT_SENDERS_FILE = path.join('.tmp', 'platform-senders.json');
export const USAGE =
  'usage: npm run platform -- [--port 8787] [--host H] [--pki DIR | --no-test-pki] ' +
  '[--trust-anchor F.pem]... [--sign-trust-anchor F.pem]... [--crl F]... [--allow-origin O]... ' +
  '[--allow-missing-crl] [--crl-refresh-seconds N] [--jlis-data FILE]... [--no-rate-limits] ' +
  '[--simulator-controls] [--data DIR] [--senders FILE] [--public-url URL] ' +
  '[--digital-auth-app-port N] [--phone-card STATE.json]';

export class CliUsageError extends Error {}

function integer(flag: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliUsageError(`${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

type ListOption = 'trustAnchorFiles' | 'signTrustAnchorFiles' | 'crlFiles' | 'allowOrigins' | 'jlisDataFiles';

/** A flag that may repeat: each value is added to the list. */
const listFlag =
  (list: ListOption) =>
  (options: PlatformCliOptions, value: () => string): void => {
    options[list].push(value());
  };

/** What each flag does to the options; `value()` takes the flag's value from the command line. */
const FLAGS: Record<
  string,
  (options: PlatformCliOptions, value: () => string, env: NodeJS.ProcessEnv) => void
> = {
  '--port': (options, value) => {
    options.port = integer('--port', value(), 0, 65535);
  },
  '--host': (options, value) => {
    options.host = value();
  },
  '--pki': (options, value) => {
    options.pkiDir = value();
  },
  '--no-test-pki': (options) => {
    options.pkiDir = undefined;
  },
  '--trust-anchor': listFlag('trustAnchorFiles'),
  '--sign-trust-anchor': listFlag('signTrustAnchorFiles'),
  '--crl': listFlag('crlFiles'),
  '--allow-origin': listFlag('allowOrigins'),
  '--allow-missing-crl': (options) => {
    options.requireCrl = false;
  },
  '--crl-refresh-seconds': (options, value) => {
    options.crlRefreshSeconds = integer('--crl-refresh-seconds', value(), 0, 86400);
  },
  '--jlis-data': listFlag('jlisDataFiles'),
  '--no-rate-limits': (options) => {
    options.rateLimits = false;
  },
  '--data': (options, value) => {
    options.dataDir = value();
  },
  '--senders': (options, value) => {
    options.sendersFile = value();
  },
  '--public-url': (options, value) => {
    const url = value();
    if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(url)) {
      throw new CliUsageError(`--public-url must be an http(s) URL without query, got "${url}"`);
    }
    options.publicUrl = url.replace(/\/+$/, '');
  },
  '--digital-auth-app-port': (options, value) => {
    options.digitalAuthAppPort = integer('--digital-auth-app-port', value(), 0, 65535);
  },
  '--phone-card': (options, value) => {
    options.phoneCardFile = value();
  },
  '--simulator-controls': (options, _value, env) => {
    const token = env[SIMULATOR_TOKEN_ENV] || randomBytes(32).toString('base64url');
    if (token.length < 16) throw new CliUsageError(`${SIMULATOR_TOKEN_ENV} needs 16 characters or more`);
    options.simulatorControls = { token };
  },
};

export function parsePlatformArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): PlatformCliOptions {
  const options: PlatformCliOptions = {
    port: 8787,
    host: '127.0.0.1',
    pkiDir: DEFAULT_PKI_DIR,
    trustAnchorFiles: [],
    signTrustAnchorFiles: [],
    crlFiles: [],
    allowOrigins: [],
    requireCrl: true,
    crlRefreshSeconds: 600,
    jlisDataFiles: [],
    rateLimits: true,
    simulatorControls: undefined,
    dataDir: undefined,
    sendersFile: DEFAULT_SENDERS_FILE,
    publicUrl: undefined,
    digitalAuthAppPort: 0,
    phoneCardFile: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new CliUsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--help' || flag === '-h') throw new CliUsageError(USAGE);
    const apply = Object.hasOwn(FLAGS, flag) ? FLAGS[flag] : undefined;
    if (!apply) throw new CliUsageError(`unknown option ${flag}\n${USAGE}`);
    apply(options, value, env);
  }
  return options;
}

export interface RunningPlatform extends RunningPlatformServer {
  refreshCrls(): Promise<number>;
  warnings: string[];
  /** Where the simulated デジタル認証アプリ answers. */
  digitalAuthAppUrl: string;
}

/** Loads the anchors and CRLs and starts the HTTP server (also what the tests call, with port 0). */
export async function startPlatform(options: PlatformCliOptions): Promise<RunningPlatform> {
  const loaded = await loadPlatform({
    pkiDir: options.pkiDir,
    trustAnchorFiles: options.trustAnchorFiles,
    signTrustAnchorFiles: options.signTrustAnchorFiles,
    crlFiles: options.crlFiles,
    requireCrl: options.requireCrl,
    jlisDataFiles: options.jlisDataFiles,
    ...(options.rateLimits ? {} : { limits: false as const }),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    sendersFile: options.sendersFile,
  });
  const started: { link?: DigitalAuthAppLink } = {};
  const server = await startPlatformServer({
    simulator: loaded.simulator,
    port: options.port,
    host: options.host,
    allowOrigins: options.allowOrigins,
    onError: (error) => console.error('platform simulator error:', error),
    ...(options.simulatorControls ? { simulatorControls: options.simulatorControls } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    phoneLogin: () => started.link?.phoneLogin,
  });
  const link = await startDigitalAuthAppFor(loaded.simulator, options.publicUrl ?? server.url, {
    host: options.host,
    port: options.digitalAuthAppPort,
    phoneCardFile: options.phoneCardFile,
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  started.link = link;
  const timer =
    options.crlRefreshSeconds > 0
      ? setInterval(
          () => void loaded.refreshCrls().catch(reportRefreshError),
          options.crlRefreshSeconds * 1000,
        )
      : undefined;
  timer?.unref();
  return {
    ...server,
    refreshCrls: loaded.refreshCrls,
    warnings: loaded.warnings,
    digitalAuthAppUrl: link.app.issuer,
    close: async () => {
      if (timer) clearInterval(timer);
      await link.app.close();
      await server.close();
      loaded.close();
    },
  };
}

function reportRefreshError(error: unknown): void {
  console.error(`CRL refresh failed: ${error instanceof Error ? error.message : String(error)}`);
}

async function main(): Promise<void> {
  let options: PlatformCliOptions;
  try {
    options = parsePlatformArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const running = await startPlatform(options);
  for (const warning of running.warnings) console.warn(`warning: ${warning}`);
  console.log(
    `platform simulator listening on ${running.url}` +
      (options.allowOrigins.length ? ` (CORS: ${options.allowOrigins.join(', ')})` : ''),
  );
  console.log(`simulated デジタル認証アプリ (readerless login) on ${running.digitalAuthAppUrl}`);
  if (options.simulatorControls) {
    console.log(
      `simulator controls: POST ${running.url}/__simulator/reset, GET ${running.url}/__simulator/status ` +
        `with the header "X-Simulator-Token: ${options.simulatorControls.token}"`,
    );
  }
  process.on('SIGHUP', () => void running.refreshCrls().catch(reportRefreshError));
  const stop = (): void => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
