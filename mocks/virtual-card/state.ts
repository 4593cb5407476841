/**
 * The card's persistent state: PIN values, tries left per PIN and its credentials (certificates and
 * the private keys that never leave a real card). Volatile state (selection, verified flags) lives
 * in the applet and is lost on every power cycle, as on the real card.
 *
 * `--state FILE` keeps this across runs so a PIN locked in one test run stays locked in the next.
 * Writes are atomic (temp file + rename) so a run killed mid-write never leaves half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { credentialsFromJSON, credentialsToJSON, type CardCredentialsJson } from '../pki/persistence';
import type { CardCredentials } from '../pki/types';
import { PIN_MAX_TRIES, type PinKind } from '../../stb-spec/protocol/jpki-card';

export interface VirtualCardState {
  /** PIN values as the holder types them (ASCII): auth PIN 4 digits, signature password A–Z 0–9. */
  pins: Record<PinKind, string>;
  /** Tries left before the PIN locks; 0 = locked. Survives power cycles. */
  triesLeft: Record<PinKind, number>;
  credentials: CardCredentials;
}

/** A fresh card: every PIN with its full number of tries. */
export function createCardState(
  credentials: CardCredentials,
  pins: Record<PinKind, string>,
): VirtualCardState {
  return { pins: { ...pins }, triesLeft: { ...PIN_MAX_TRIES }, credentials };
}

const STATE_FORMAT_VERSION = 1;

export interface VirtualCardStateJSON {
  version: typeof STATE_FORMAT_VERSION;
  pins: Record<PinKind, string>;
  triesLeft: Record<PinKind, number>;
  /** Certificates and PKCS#8 keys in base64 (mocks/pki's credentialsToJSON). */
  credentials: CardCredentialsJson;
}

export function cardStateToJSON(state: VirtualCardState): VirtualCardStateJSON {
  return {
    version: STATE_FORMAT_VERSION,
    pins: { ...state.pins },
    triesLeft: { ...state.triesLeft },
    credentials: credentialsToJSON(state.credentials),
  };
}

/** Parses and checks a state file's content; throws with a message naming what is wrong. */
export function cardStateFromJSON(json: unknown): VirtualCardState {
  const root = asRecord(json, 'state');
  if (root.version !== STATE_FORMAT_VERSION)
    throw new Error(`state: unsupported version ${String(root.version)}`);
  const pins = asRecord(root.pins, 'state.pins');
  const tries = asRecord(root.triesLeft, 'state.triesLeft');
  const pinKinds: PinKind[] = ['auth', 'sign'];
  for (const kind of pinKinds) {
    if (typeof pins[kind] !== 'string') throw new Error(`state.pins.${kind} must be a string`);
    const left = tries[kind];
    if (typeof left !== 'number' || !Number.isInteger(left) || left < 0 || left > PIN_MAX_TRIES[kind]) {
      throw new Error(`state.triesLeft.${kind} must be an integer 0–${PIN_MAX_TRIES[kind]}`);
    }
  }
  return {
    pins: { auth: pins.auth as string, sign: pins.sign as string },
    triesLeft: { auth: tries.auth as number, sign: tries.sign as number },
    credentials: credentialsFromJSON(root.credentials),
  };
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what} must be an object`);
  return value as Record<string, unknown>;
}

/** Reads a state file; undefined when it does not exist yet. */
export function loadCardState(file: string): VirtualCardState | undefined {
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`state file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return cardStateFromJSON(json);
}

/**
 * Writes the state so that readers see either the old or the new file, never a torn one: the
 * content goes to a temp file in the same directory (same file system), then replaces the target.
 * Synchronous because the applet persists a counter before it answers the VERIFY.
 */
export function saveCardStateAtomic(file: string, state: VirtualCardState): void {
  const directory = dirname(file);
  mkdirSync(directory, { recursive: true });
  const temp = join(directory, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(temp, JSON.stringify(cardStateToJSON(state), null, 2) + '\n', { mode: 0o600 });
  renameSync(temp, file);
}
