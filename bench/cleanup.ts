/**
 * Everything a bench starts is registered here and undone in reverse order, on success, on failure
 * and on Ctrl-C, so no card stays in the reader and no child process or pcsclite handle outlives it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

type Step = { what: string; undo: () => unknown };

/** A step that hangs must not keep the bench alive: each one gets this long. */
const STEP_TIMEOUT_MS = 3_000;

export class Cleanup {
  private readonly steps: Step[] = [];
  /** Set by shutdown(): nothing new may start (a child spawned now would outlive the bench). */
  closed = false;

  /** Registers an undo step; the returned function runs it early (and only once). */
  add(what: string, undo: () => unknown): () => Promise<void> {
    const step: Step = { what, undo };
    this.steps.push(step);
    return async () => {
      const index = this.steps.indexOf(step);
      if (index < 0) return;
      this.steps.splice(index, 1);
      await runStep(step);
    };
  }

  /** Runs every remaining step, newest first; failures are reported, never thrown. */
  async runAll(report: (message: string) => void = () => undefined): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      const problem = await runStep(step);
      if (problem) report(`cleanup: ${step.what}: ${problem}`);
    }
  }
}

/** For Ctrl-C: refuse new child processes, then undo everything. */
export async function shutdown(cleanup: Cleanup, report: (message: string) => void): Promise<void> {
  cleanup.closed = true;
  await cleanup.runAll(report);
}

async function runStep(step: Step): Promise<string | undefined> {
  try {
    await withTimeout(Promise.resolve().then(step.undo), STEP_TIMEOUT_MS, `${step.what} took too long`);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Rejects with `message` when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program without blocking the event loop (the virtual card answers APDUs on this very
 * loop), killed after `timeoutMs` or by the cleanup. ENOENT rejects; a non-zero exit resolves.
 */
export function runCommand(
  cleanup: Cleanup,
  program: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  if (cleanup.closed) return Promise.reject(new Error(`${program} not started: the bench is shutting down`));
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(program, args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const forget = cleanup.add(`kill ${program} (pid ${child.pid ?? '?'})`, kill);
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      void forget();
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      void forget();
      const result = {
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      };
      if (timedOut) reject(new Error(`${program} did not finish within ${timeoutMs} ms and was killed`));
      else resolve(result);
    });
  });
}
