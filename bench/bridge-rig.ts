/**
 * The bridge bench's rig:
 *   - the reference bridge, run as `npm run bridge` runs it (node with tsx's loader, simulator
 *     backend, info logging) but as our direct child, so its pid is the bridge's and its RSS is its own;
 *   - a minimal JSON-RPC client on the `ws` package, one call at a time;
 *   - the floor's card: a twin of the bridge's card (same state file, same construction), driven
 *     in this process by JpkiCard with no JSON and no WebSocket.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { createScenarioTransport } from '../mocks/virtual-card/scenarios';
import { loadCardState, type VirtualCardState } from '../mocks/virtual-card/state';
import type { VirtualCardTransport } from '../mocks/virtual-card/in-process-transport';
import { JpkiCard } from '../native-bridge/src/jpki/jpki-card';
import { toHex } from '../native-bridge/src/jpki/apdu';
import {
  JSONRPC_PATH,
  qualifiedName,
  SendWindow,
  type MethodName,
  type ParamsOf,
  type ResultOf,
} from '../stb-spec/protocol';
import { BenchSetupError } from './card-rig';
import { withTimeout, type Cleanup } from './cleanup';
import { confined } from '../e2e/harness/confine';

const BRIDGE_ORIGIN = 'http://127.0.0.1:8080';
/** The scenario the simulator inserts at start; the twin is built with the same one. */
const SCENARIO = 'normal';
const REPO_ROOT = path.resolve(__dirname, '..');
const BRIDGE_CLI = path.join(REPO_ROOT, 'mocks', 'dev-bridge', 'cli.ts');
/** tsx compiles the bridge on start and the simulator issues a fresh test PKI: a few seconds. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 2_000;

/** Resident set of a process in bytes, from /proc (Linux); peak = VmHWM. */
export interface MemorySample {
  rssBytes: number;
  peakRssBytes: number;
}

export interface BridgeProcess {
  pid: number;
  url: string;
  /** The simulator's card state (credentials, PINs, counters) as it was inserted. */
  stateFile: string;
  /** How the child was started, for the notes (no PIN: the simulator's default 1234 is used). */
  commandLine: string;
  memory(): MemorySample | undefined;
  /** The bridge's log so far (JSON lines), read from its file. */
  logLines(): string[];
  stop(): Promise<void>;
}

/**
 * Starts the bridge CLI with `--port 0` and waits for its "listening" log line. Its stdout goes to a
 * file, not a pipe to us: draining a pipe would put the log's cost on our event loop, inside the
 * timed round trips (the bridge logs each call just before it replies).
 */
export async function startBridgeProcess(tempDir: string, cleanup: Cleanup): Promise<BridgeProcess> {
  const stateDir = path.join(tempDir, 'state');
  const args = [
    BRIDGE_CLI,
    ...['--backend', 'simulator', '--port', '0', '--allow-origin', BRIDGE_ORIGIN],
    ...['--scenario', SCENARIO, '--pki', path.join(tempDir, 'pki'), '--state-dir', stateDir],
  ];
  // Our child directly (not `npx tsx`, whose wrapper process would be the one we measure).
  const child = await startLoggedChild({
    name: 'bridge',
    failure: 'ブリッジを起動できません / the bridge did not start',
    args: ['--import', 'tsx', ...args],
    logFile: path.join(tempDir, 'bridge.log'),
    spawnOptions: { cwd: REPO_ROOT },
    stopTimeoutMs: STOP_TIMEOUT_MS,
    cleanup,
  });
  return {
    pid: child.pid,
    url: `ws://127.0.0.1:${child.port}${JSONRPC_PATH}`,
    stateFile: path.join(stateDir, `card-${SCENARIO}.json`),
    commandLine: `node --import tsx ${path.relative(REPO_ROOT, BRIDGE_CLI)} ${args.slice(1, 9).join(' ')} --pki TEMP --state-dir TEMP`,
    memory: () => processMemory(child.pid),
    logLines: child.logLines,
    stop: child.stop,
  };
}

export interface LoggedChildOptions {
  /** What the child is, in the cleanup's and the errors' words ("bridge"). */
  name: string;
  /** The setup error's first words, in Japanese and English, when it does not start. */
  failure: string;
  /** Node's arguments (the child is this node, confined as the bench's children are). */
  args: string[];
  /** Where its stdout (the JSON log) goes. */
  logFile: string;
  spawnOptions?: Pick<SpawnOptions, 'cwd' | 'env'>;
  /** How long SIGTERM has before SIGKILL. */
  stopTimeoutMs: number;
  cleanup: Cleanup;
}

export interface LoggedChild {
  pid: number;
  /** The port its "listening" log line names. */
  port: number;
  /** Its log so far (JSON lines), read from its file. */
  logLines(): string[];
  stop(): Promise<void>;
}

/**
 * Starts node as our direct child with stdout to a log file and stderr collected, stops it on
 * cleanup (SIGTERM, then SIGKILL), and waits for its "listening" log line; a child that exits or
 * stays silent fails the setup with its stderr.
 */
export async function startLoggedChild(options: LoggedChildOptions): Promise<LoggedChild> {
  const { name, logFile, cleanup } = options;
  if (cleanup.closed) throw new Error(`${name} not started: the bench is shutting down`);
  const logFd = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    const command = confined(process.execPath, options.args);
    child = spawn(command.program, command.args, {
      ...options.spawnOptions,
      stdio: ['ignore', logFd, 'pipe'],
    });
  } finally {
    closeSync(logFd);
  }
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  let exitReason: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve((exitReason = `exited (${signal ?? `code ${code}`})`)));
    child.once('error', (error) => resolve((exitReason = `could not start: ${error.message}`)));
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    child.kill('SIGTERM'); // the bridge closes its server and exits on SIGTERM
    await withTimeout(exited, options.stopTimeoutMs, 'no exit after SIGTERM').catch(() =>
      child.kill('SIGKILL'),
    );
  };
  cleanup.add(`stop the ${name} (pid ${child.pid ?? '?'})`, stop);

  const readLog = () =>
    existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : [];
  const port = await waitForListening(readLog, () => exitReason).catch((error: Error) => {
    throw new BenchSetupError(`${options.failure}: ${error.message}\n${stderr.join('').trim()}`);
  });
  return { pid: child.pid!, port, logLines: readLog, stop };
}

/** Polls the log for the port; gives up when the child is gone or after START_TIMEOUT_MS. */
async function waitForListening(
  readLog: () => string[],
  exitReason: () => string | undefined,
): Promise<number> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    for (const line of readLog()) {
      const entry = parseLogLine(line);
      if (entry?.event === 'listening' && typeof entry.port === 'number') return entry.port;
    }
    const gone = exitReason();
    if (gone) throw new Error(gone);
    if (performance.now() > deadline)
      throw new Error(`no "listening" log within ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function parseLogLine(line: string): Record<string, unknown> | undefined {
  try {
    const entry: unknown = JSON.parse(line);
    return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** VmRSS and VmHWM of a live process, or undefined where /proc is missing (not Linux). */
function processMemory(pid: number): MemorySample | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const sample = { rssBytes: kib('VmRSS') * 1024, peakRssBytes: kib('VmHWM') * 1024 };
  return Number.isFinite(sample.rssBytes) ? sample : undefined;
}

class BridgeCallError extends Error {
  constructor(
    method: string,
    readonly code: number,
    message: string,
  ) {
    super(`${method}: JSON-RPC error ${code} ${message}`);
  }
}

/** A JSON-RPC client that makes one call at a time, as the TV app does during a login. */
export class BridgeClient {
  private nextId = 1;
  private pending:
    | { id: number; method: string; resolve: (result: unknown) => void; reject: (error: Error) => void }
    | undefined;

  /** Set by keepWithin(): the bridge's message limit, kept as an app keeps it. */
  private window: SendWindow | undefined;

  private readonly listeners: ((method: string, params: unknown) => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.onMessage(String(data)));
    ws.on('close', () => this.failPending(new Error('the bridge closed the connection')));
    ws.on('error', (error) => this.failPending(error));
  }

  static connect(url: string, origin = BRIDGE_ORIGIN): Promise<BridgeClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { origin });
      ws.once('open', () => resolve(new BridgeClient(ws)));
      ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`WebSocket upgrade refused: HTTP ${response.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  /** Resolves with the result; a JSON-RPC error rejects with BridgeCallError (params never quoted). */
  call<M extends MethodName>(method: M, params?: ParamsOf<M>): Promise<ResultOf<M>> {
    if (this.pending) return Promise.reject(new Error('BridgeClient makes one call at a time'));
    const id = this.nextId++;
    const message = { jsonrpc: '2.0', id, method: qualifiedName(method), ...(params && { params }) };
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending = { id, method, resolve: resolve as (result: unknown) => void, reject };
      this.window?.record(performance.now());
      this.ws.send(JSON.stringify(message));
    });
  }

  /**
   * Keeps this connection within the bridge's announced frames-per-second limit (getInfo's
   * limits): a client that sends faster is closed by the bridge, and no app sends that fast.
   */
  async keepWithinLimits(): Promise<void> {
    const info = await this.call('getInfo');
    this.window = SendWindow.forLimit(info.limits.maxMessagesPerSecond);
  }

  /** Resolves when one more call keeps within the limit; untimed, before a timed call. */
  async paced(): Promise<void> {
    for (;;) {
      const delay = this.window?.delayAt(performance.now()) ?? 0;
      if (delay <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(delay)));
    }
  }

  /** Hears every notification (a message with a method and no id): its method as sent, and params. */
  onNotification(listener: (method: string, params: unknown) => void): void {
    this.listeners.push(listener);
  }

  close(): void {
    this.ws.close();
  }

  private onMessage(text: string): void {
    const pending = this.pending;
    const message = JSON.parse(text) as {
      id?: unknown;
      method?: unknown;
      params?: unknown;
      result?: unknown;
      error?: { code: number; message: string };
    };
    if (typeof message.method === 'string' && message.id === undefined) {
      for (const listener of this.listeners) listener(message.method, message.params);
      return;
    }
    if (!pending || message.id !== pending.id) return;
    this.pending = undefined;
    if (message.error)
      pending.reject(new BridgeCallError(pending.method, message.error.code, message.error.message));
    else pending.resolve(message.result);
  }

  private failPending(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}

export interface FloorCard {
  state: VirtualCardState;
  transport: VirtualCardTransport;
  driver: JpkiCard;
}

/**
 * The bridge's card, twice: same state (keys, certificates, PINs, counters), built by the same call
 * the simulator backend makes, with the epoch reported, so our JpkiCard caches its selection exactly
 * as the bridge's does. Not the bridge's card object itself: two drivers on one card would each
 * trust a selection the other one changed.
 */
export function openFloorCard(stateFile: string): FloorCard {
  const state = loadCardState(stateFile);
  if (!state) throw new BenchSetupError(`the bridge wrote no card state at ${stateFile}`);
  const transport = createScenarioTransport(SCENARIO, state, { reportEpoch: true });
  // The options CardService gives the driver of an inserted card.
  const driver = new JpkiCard(transport, { atr: toHex(transport.card.atr) });
  return { state, transport, driver };
}
