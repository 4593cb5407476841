/** For the tools' tests: runs a package script's entry (scripts/NAME.ts) as npm would, with tsx. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..');
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');

/** Resolves with the exit code and stdout + stderr; never rejects on a non-zero exit. */
export async function runScript(name: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [path.join(REPO, 'scripts', `${name}.ts`), ...args], {
      cwd: REPO,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}
