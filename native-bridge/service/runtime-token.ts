/**
 * The box's bridge token when bridge.json configures none: made fresh once per box start and kept in
 * the service's runtime directory (/run, a tmpfs), so the service's own supervised restarts keep it
 * — the app already holds it — while a reboot makes a new one. The app gets it in its launch URL's
 * fragment, which the box's app launcher reads from the launch URL file.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BRIDGE_TOKEN_FRAGMENT_KEY } from '../../stb-spec/protocol/names';

export const DEFAULT_TOKEN_FILE = '/run/madoguchi-bridge/token';
export const DEFAULT_LAUNCH_URL_FILE = '/run/madoguchi-bridge/launch-url';
/** 32 random bytes, base64url: 43 characters, 256 bits. */
const GENERATED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class RuntimeTokenError extends Error {}

/** The token in the runtime file, or a fresh one written there (mode 0600). */
export function runtimeToken(file: string): { token: string; reused: boolean } {
  const kept = readIfPresent(file)?.trim();
  if (kept !== undefined && GENERATED_TOKEN.test(kept)) return { token: kept, reused: true };
  const token = randomBytes(32).toString('base64url');
  writeAtomically(file, `${token}\n`, 0o600);
  return { token, reused: false };
}

/** The app's address with `bridgeToken=<token>` added to its fragment (`k=v&k=v` form). */
export function launchUrl(appUrl: string, token: string): string {
  const [base, fragment = ''] = splitOnce(appUrl, '#');
  const parameter = `${BRIDGE_TOKEN_FRAGMENT_KEY}=${encodeURIComponent(token)}`;
  return `${base}#${fragment === '' ? parameter : `${fragment}&${parameter}`}`;
}

/** Writes the launch URL for the box's app launcher (mode 0640: the launcher may read it by group). */
export function writeLaunchUrl(file: string, appUrl: string, token: string): void {
  writeAtomically(file, `${launchUrl(appUrl, token)}\n`, 0o640);
}

/** Never a half-written file: a reader sees the old content or the new one. */
export function writeAtomically(file: string, content: string, mode: number): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o750 });
    rmSync(temporary, { force: true });
    writeFileSync(temporary, content, { mode, flag: 'wx' });
    chmodSync(temporary, mode); // the unit's UMask=0077 would otherwise narrow 0640
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The directory itself is unusable: nothing was left behind.
    }
    throw cannot(file, '書き込めません', 'write', error);
  }
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannot(file, '読めません', 'read', error);
  }
}

function cannot(file: string, ja: string, en: string, error: unknown): RuntimeTokenError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new RuntimeTokenError(
    `${file} を${ja}（systemd ユニットの RuntimeDirectory=madoguchi-bridge、または bridge.json の ` +
      `tokenFile / launchUrlFile を確認してください） / cannot ${en} ${file} (check ` +
      `RuntimeDirectory=madoguchi-bridge in the unit, or tokenFile / launchUrlFile in bridge.json): ${reason}`,
  );
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}
