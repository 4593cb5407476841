/**
 * What a box keeps between launches, in the app origin's localStorage (the launcher and every
 * release folder share it): a random box id that never leaves the box (only its rollout bucket is
 * used), the newest rollout sequence accepted, the last release that started, the one being
 * launched and the ones that did not start lately. No viewer data: nothing of the card, the viewer or
 * the session is ever written here.
 *
 * A launch counts as started when the app, having mounted its first screen, writes its release's
 * name under STARTED_KEY (markStarted). A release launched but never marked has failed to start —
 * a broken bundle, a crash, a hang the box restarted — and is not chosen again for a day.
 */
import { isReleaseName } from './release-name';

export const RECORD_KEY = 'madoguchi.launcher';
export const STARTED_KEY = 'madoguchi.started';
/** A release that did not start is tried again after this long (a power cut also looks like a failure). */
export const RETRY_FAILED_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_FAILED = 8;

export interface BoxRecord {
  boxId: string;
  sequence: number;
  lastGood?: string;
  pending?: { release: string; at: number };
  failed: Array<{ release: string; at: number }>;
}

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const isLaunch = (value: unknown): value is { release: string; at: number } =>
  typeof value === 'object' &&
  value !== null &&
  isReleaseName((value as { release?: unknown }).release) &&
  isTime((value as { at?: unknown }).at);

/** A random 128-bit id in base64url, from the browser's CSPRNG. */
export function newBoxId(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The stored record, or a new one when there is none or it is unreadable (never an exception). */
export function readRecord(store: KeyValueStore, makeId: () => string): BoxRecord {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(store.getItem(RECORD_KEY) ?? '{}');
    if (typeof parsed === 'object' && parsed !== null) raw = parsed as Record<string, unknown>;
  } catch {
    // A damaged record is replaced; the box only loses its place in the wave.
  }
  return {
    boxId: typeof raw.boxId === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(raw.boxId) ? raw.boxId : makeId(),
    sequence: typeof raw.sequence === 'number' && Number.isSafeInteger(raw.sequence) ? raw.sequence : 0,
    ...(isReleaseName(raw.lastGood) ? { lastGood: raw.lastGood } : {}),
    ...(isLaunch(raw.pending) ? { pending: raw.pending } : {}),
    failed: Array.isArray(raw.failed) ? raw.failed.filter(isLaunch).slice(-MAX_FAILED) : [],
  };
}

export function writeRecord(store: KeyValueStore, record: BoxRecord): boolean {
  try {
    store.setItem(RECORD_KEY, JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

/**
 * Settles the previous launch: started → the box's last good release; not started → a failure.
 * Returns the new record; the started mark is consumed.
 */
export function settleLastLaunch(store: KeyValueStore, record: BoxRecord): BoxRecord {
  let started: string | null = null;
  try {
    started = store.getItem(STARTED_KEY);
    store.removeItem(STARTED_KEY);
  } catch {
    // Storage off: no launch can be settled, every start is judged on its own.
  }
  const { pending, ...rest } = record;
  if (!pending) return rest;
  if (started === pending.release) {
    return {
      ...rest,
      lastGood: pending.release,
      failed: rest.failed.filter(({ release }) => release !== pending.release),
    };
  }
  return { ...rest, failed: [...rest.failed, pending].slice(-MAX_FAILED) };
}

/** The releases that did not start within RETRY_FAILED_AFTER_MS before `now`. */
export const failedRecently = (record: BoxRecord, now: number): string[] =>
  record.failed
    .filter(({ at }) => now - at < RETRY_FAILED_AFTER_MS && at <= now)
    .map(({ release }) => release);

/**
 * The app's half: once its first screen is up, it marks its release started — only when it runs
 * from a release folder (`…/<release>/index.html`), so a development page never writes anything.
 */
export function markStarted(store: () => KeyValueStore, pathname: string): string | undefined {
  // `…/<release>/index.html` and `…/<release>/` alike: the folder before the last segment.
  const folders = pathname.split('/');
  const release = folders[folders.length - 2];
  if (!isReleaseName(release)) return undefined;
  try {
    // Reading window.localStorage itself throws where storage is off.
    store().setItem(STARTED_KEY, release);
    return release;
  } catch {
    return undefined;
  }
}
