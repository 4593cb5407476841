/**
 * The client's options and call types, and how its URL and registration id are made. Browser code
 * like the client itself.
 */
import { DEFAULT_PORT, JSONRPC_PATH, type MethodName } from '../../stb-spec/protocol/names';
import type { ParamsOf } from '../../stb-spec/protocol/methods';
import type { BackoffOptions, Timers } from './timing';

/**
 * The part of the WebSocket API the client uses; the browser's WebSocket and the `ws` package's
 * both fit. Handlers take `never` because the client only assigns them (and checks the event's
 * contents itself), which keeps both implementations' own event types assignable.
 */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface BridgeClientOptions {
  /** Default: the browser's `globalThis.WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** Default `ws://127.0.0.1:9930/jsonrpc`. */
  url?: string;
  /** Sent as `?token=` (Thunder SecurityAgent style) on every connect and reconnect. */
  token?: string;
  /**
   * Tells a bridge that refuses the app (upgrade answered 403) from one that is not there: both
   * look the same to a browser's WebSocket (close 1006). Default: the browser's `fetch`, if any.
   */
  fetch?: ProbeFetch;
  timers?: Timers;
  backoff?: Partial<BackoffOptions>;
  /** Calls without a PIN (default 10 s). */
  callTimeoutMs?: number;
  /** sign and readSignCertificate: VERIFY plus a long card operation (default 30 s). */
  pinCallTimeoutMs?: number;
  /** Socket open plus register and getStatus; after that the attempt counts as failed (default 10 s). */
  connectTimeoutMs?: number;
  /** The statusChanged registration id; default `madoguchi-<random>`, unique per client. */
  idPrefix?: string;
}

export interface CallOptions {
  timeoutMs?: number;
}

/**
 * A card operation: `cardId` names the card the flow started with (from getStatus or an event), so a
 * bridge that finds another card in the reader answers CARD_CHANGED and sends it nothing.
 */
export interface CardCallOptions extends CallOptions {
  cardId?: string;
}

/** readSignCertificate: the one-time value from LAST_ATTEMPT_NEEDS_CONFIRMATION, when the viewer confirmed. */
export interface PinCallOptions extends CardCallOptions {
  confirmLastAttempt?: string;
}

/** The part of `fetch` the probe uses (a plain GET; only whether it resolves matters). */
export type ProbeFetch = (url: string, init: { mode: 'no-cors'; cache: 'no-store' }) => Promise<unknown>;

/** Methods whose params may be left out (getStatus) take them optionally. */
export type CallArgs<M extends MethodName> =
  Record<string, never> extends ParamsOf<M>
    ? [params?: ParamsOf<M>, options?: CallOptions]
    : [params: ParamsOf<M>, options?: CallOptions];

export interface SignRequest {
  key: 'auth' | 'sign';
  pin: string;
  /** The SHA-256 digest of the message: 32 bytes. */
  digest: Uint8Array;
  /**
   * The one-time value of the last LAST_ATTEMPT_NEEDS_CONFIRMATION answer, sent only once the viewer
   * confirmed spending the PIN's last try (a bare `true` never confirms).
   */
  confirmLastAttempt?: string;
  /** As for CardCallOptions. */
  cardId?: string;
}

export const DEFAULT_BRIDGE_URL = `ws://127.0.0.1:${DEFAULT_PORT}${JSONRPC_PATH}`;

export function withToken(url: string, token: string | undefined): string {
  if (token === undefined) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/**
 * The bridge's own address over plain HTTP (ws → http, wss → https, path `/`): any answer there
 * means the bridge is up. Undefined for a URL that is not ws(s).
 */
export function probeUrlOf(url: string): string | undefined {
  const match = /^ws(s?):\/\/([^/?#]+)/i.exec(url);
  return match ? `http${match[1]!.toLowerCase()}://${match[2]}/` : undefined;
}

/** crypto.getRandomValues where there is one (WPE has it); the id is not a secret, only unique. */
export function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes);
  const crypto = (globalThis as { crypto?: { getRandomValues?(array: Uint8Array): Uint8Array } }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(values);
  else for (let i = 0; i < bytes; i++) values[i] = Math.floor(Math.random() * 256);
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('');
}
