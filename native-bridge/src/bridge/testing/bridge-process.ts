/**
 * The production bridge as the box runs it, for tests on real parts: `cli.ts` in its own node
 * process (tsx as a loader: one pid to stop), its JSON log kept, its port read from the
 * `"event":"listening"` line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

export interface BridgeProcess {
  child: ChildProcess;
  port: number;
  /** Everything it wrote to stdout and stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

/** A TypeScript entry point of the repository in its own node process. */
export function nodeProcess(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
}

/** Stops a child with SIGTERM and waits for it to go. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await exited(child);
}

/** Starts `native-bridge/src/bridge/cli.ts ARGS` and resolves once it listens. */
async function startBridgeProcess(args: string[]): Promise<BridgeProcess> {
  const child = nodeProcess('native-bridge/src/bridge/cli.ts', args);
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the bridge did not log "listening" within 30 s')),
      30_000,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"event":"listening"')) return;
      clearTimeout(timer);
      resolvePort((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bridge exited (${code}) before listening:\n${log}`));
    });
  });
  return { child, port, log: () => log, stop: () => stopProcess(child) };
}

/** The production bridge on pcscd, on a free port, serving only `reader` (its stable name). */
export function startPcscBridge(options: { origin: string; token: string; reader: string }) {
  return startBridgeProcess([
    '--backend',
    'pcsc',
    '--port',
    '0',
    '--allow-origin',
    options.origin,
    '--token',
    options.token,
    '--reader',
    options.reader,
  ]);
}
