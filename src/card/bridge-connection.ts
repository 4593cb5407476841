/**
 * The connection of the TV app's bridge client (bridge-client.ts): JSON-RPC 2.0 over one WebSocket, typed by the
 * protocol module. It keeps the connection up (exponential backoff with jitter), re-registers for
 * statusChanged and refetches the status after every (re)connection, and turns every failure into
 * a typed BridgeError. Calls are never queued: without an open connection they fail at once, so a
 * PIN is never sent later, after the viewer has moved on.
 *
 * Browser code: it runs in WPE WebKit 2.28+, so no Node APIs, and only methods.ts / errors.ts of the
 * protocol module are imported (index.ts would pull ajv into the app bundle).
 */
import { STATUS_CHANGED, qualifiedName, type MethodName } from '../../stb-spec/protocol/names';
import type { ResultOf, Status } from '../../stb-spec/protocol/methods';
import {
  DEFAULT_BRIDGE_URL,
  probeUrlOf,
  randomHex,
  withToken,
  type BridgeClientOptions,
  type CallArgs,
  type CallOptions,
  type ProbeFetch,
  type WebSocketConstructor,
  type WebSocketLike,
} from './client-options';
import {
  BridgeError,
  fromRpcError,
  protocolError,
  timedOut,
  unavailable,
  type UnavailableReason,
} from './errors';
import {
  LatestEventStream,
  type BridgeListener,
  type ConnectionState,
  type Unsubscribe,
} from './event-stream';
import { probeBridge } from './probe';
import { classify, resultGuards, type ResponseId } from './incoming';
import { OLDER_BRIDGE, isMethodNotFound, readStatus, versionOf, type BridgeVersion } from './bridge-version';
import { DEFAULT_BACKOFF, backoffDelay, systemTimers, type BackoffOptions, type Timers } from './timing';

const OPEN = 1; // WebSocket.OPEN, the same in every implementation
const PIN_METHODS = new Set<string>(['sign', 'readSignCertificate']);

interface PendingCall {
  /** The method, for error values; the request itself (it may hold a PIN) is not kept. */
  label: string;
  timer: unknown;
  resolve(result: unknown): void;
  reject(error: BridgeError): void;
}

export class BridgeConnection {
  readonly idPrefix: string;
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly url: string;
  /** http(s)://host:port/ of the bridge, to tell "refused" from "not there" after a failed upgrade. */
  private readonly probeUrl: string | undefined;
  private readonly fetchImpl: ProbeFetch | undefined;
  private readonly timers: Timers;
  private readonly backoff: BackoffOptions;
  private readonly callTimeoutMs: number;
  private readonly pinCallTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly stream = new LatestEventStream();
  private readonly pending = new Map<ResponseId, PendingCall>();
  private socket: WebSocketLike | undefined;
  private state: ConnectionState = 'closed';
  private running = false;
  /** close() was called: calls fail with reason `closed` rather than `not-connected`. */
  private closedByApp = false;
  private failures = 0;
  private nextId = 1;
  private retryTimer: unknown;
  private connectTimer: unknown;
  /** The probe of the last failed attempt, while it runs (see probe.ts). */
  private cancelProbe: (() => void) | undefined;
  /** The bridge of the current connection, from its handshake (bridge-version.ts). */
  private version: BridgeVersion | undefined;

  constructor(options: BridgeClientOptions = {}) {
    const WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WebSocketImpl) throw new TypeError('BridgeClient needs a WebSocket implementation');
    this.WebSocketImpl = WebSocketImpl;
    this.url = withToken(options.url ?? DEFAULT_BRIDGE_URL, options.token);
    this.probeUrl = probeUrlOf(options.url ?? DEFAULT_BRIDGE_URL);
    const browserFetch = (globalThis as { fetch?: ProbeFetch }).fetch;
    this.fetchImpl = options.fetch ?? (browserFetch ? (url, init) => browserFetch(url, init) : undefined);
    this.timers = options.timers ?? systemTimers;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.callTimeoutMs = options.callTimeoutMs ?? 10_000;
    this.pinCallTimeoutMs = options.pinCallTimeoutMs ?? 30_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.idPrefix = options.idPrefix ?? `madoguchi-${randomHex(8)}`;
    this.stream.emit({ type: 'connection', state: 'closed' });
  }

  /** Starts connecting (and keeps reconnecting until close()). Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.closedByApp = false;
    this.connect();
  }

  /** Stops reconnecting, closes the socket, fails calls in flight with BRIDGE_UNAVAILABLE. */
  close(): void {
    this.running = false;
    this.closedByApp = true;
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stopProbe();
    this.drop('closed');
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** The bridge's version as its handshake told it; undefined while not connected. */
  get bridgeVersion(): BridgeVersion | undefined {
    return this.version;
  }

  /** The card status of the current connection; undefined while not connected. */
  get status(): Status | undefined {
    return this.stream.latestOf('status')?.status;
  }

  /**
   * Connection and status events; the latest of each is replayed at once. The status is sent
   * before `open` on every (re)connection, and is forgotten when the connection is lost.
   */
  subscribe(listener: BridgeListener): Unsubscribe {
    return this.stream.subscribe(listener);
  }

  /** A protocol method with typed params and result (results are shape-checked). */
  call<M extends MethodName>(method: M, ...[params, options]: CallArgs<M>): Promise<ResultOf<M>> {
    const timeoutMs = options?.timeoutMs ?? this.defaultTimeout(method);
    return this.callOpen(qualifiedName(method), params ?? {}, timeoutMs, method).then((result) => {
      // `?.`: a method name cast past the types has no guard, and must fail typed, not with a TypeError.
      if (!resultGuards[method]?.(result)) throw protocolError(method);
      return result;
    });
  }

  /** A method outside the protocol (e.g. the simulator's), by its qualified name; result unchecked. */
  request(qualifiedMethod: string, params: object = {}, options: CallOptions = {}): Promise<unknown> {
    return this.callOpen(qualifiedMethod, params, options.timeoutMs ?? this.callTimeoutMs, qualifiedMethod);
  }

  getStatus(options?: CallOptions): Promise<Status> {
    return this.call('getStatus', {}, options);
  }

  private defaultTimeout(method: MethodName): number {
    return PIN_METHODS.has(method) ? this.pinCallTimeoutMs : this.callTimeoutMs;
  }

  private callOpen(qualified: string, params: object, timeoutMs: number, label: string): Promise<unknown> {
    const socket = this.socket;
    if (this.state !== 'open' || !socket) {
      return Promise.reject(unavailable(this.closedByApp ? 'closed' : 'not-connected', label));
    }
    return this.exchange(socket, qualified, params, timeoutMs, label);
  }

  /** Sends one request on `socket` and waits for its reply (or the timeout, or the socket's end). */
  private exchange(
    socket: WebSocketLike,
    qualified: string,
    params: object,
    timeoutMs: number,
    label: string,
  ): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      if (socket.readyState !== OPEN) {
        reject(unavailable('connection-lost', label));
        return;
      }
      const id = this.nextId++;
      const timer = this.timers.setTimeout(() => {
        // A late reply finds no pending call and is dropped.
        if (this.pending.delete(id)) reject(timedOut(timeoutMs, label));
      }, timeoutMs);
      this.pending.set(id, { label, timer, resolve, reject });
      try {
        socket.send(JSON.stringify({ jsonrpc: '2.0', id, method: qualified, params }));
      } catch {
        this.settle(id, undefined, unavailable('connection-lost', label));
      }
    });
  }

  private settle(id: ResponseId, result: unknown, error?: BridgeError): void {
    const call = this.pending.get(id);
    if (!call) return; // timed out already, or not ours
    this.pending.delete(id);
    this.timers.clearTimeout(call.timer);
    if (error) call.reject(error);
    else call.resolve(result);
  }

  private onMessage(data: unknown): void {
    const incoming = classify(data);
    const labelOf = (id: ResponseId) => this.pending.get(id)?.label;
    switch (incoming.kind) {
      case 'notification':
        // Only our own registration's events; a malformed status is ignored, never half-applied.
        if (incoming.method === `${this.idPrefix}.${STATUS_CHANGED}` && this.version) {
          const status = readStatus(incoming.params, this.version);
          if (status) this.publishStatus(status);
        }
        return;
      case 'result':
        this.settle(incoming.id, incoming.result);
        return;
      case 'error':
        // id null: the bridge could not tell which request it answers; the call will time out.
        if (incoming.id !== null) {
          this.settle(incoming.id, undefined, fromRpcError(incoming.error, labelOf(incoming.id)));
        }
        return;
      case 'malformed':
        if (incoming.id !== undefined) {
          this.settle(incoming.id, undefined, protocolError(labelOf(incoming.id)));
        }
        return;
    }
  }

  private connect(): void {
    this.retryTimer = undefined;
    this.setState('connecting');
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocketImpl(this.url);
    } catch {
      this.failAttempt(false);
      return;
    }
    this.socket = socket;
    let upgraded = false;
    // Every handler first checks that its socket is still the current one: a replaced socket's
    // late events must not touch the new connection.
    socket.onopen = () => {
      upgraded = true;
      if (socket === this.socket) void this.handshake(socket);
    };
    socket.onmessage = (event: { data?: unknown }) => {
      if (socket === this.socket) this.onMessage(event.data);
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;
      if (this.state === 'open') this.drop('connection-lost');
      // Closed before the upgrade: refused (403) and "not there" look alike; the probe tells.
      else this.failAttempt(!upgraded);
    };
    socket.onerror = () => undefined; // a close event follows; it does the work
    this.connectTimer = this.timers.setTimeout(() => {
      if (socket === this.socket && this.state === 'connecting') this.failAttempt(false);
    }, this.connectTimeoutMs);
  }

  /**
   * register first, so no change after the getStatus snapshot can be missed; getInfo between them
   * says which bridge this is (bridge-version.ts), so the status is read as that bridge sends it.
   */
  private async handshake(socket: WebSocketLike): Promise<void> {
    const ask = (method: 'register' | 'getInfo' | 'getStatus', params: object) =>
      this.exchange(socket, qualifiedName(method), params, this.connectTimeoutMs, method);
    let unsupported = false;
    try {
      // Method not found for register: this bridge serves no protocol 1 at all (BR-VER-6).
      const registered = await ask('register', { event: STATUS_CHANGED, id: this.idPrefix }).catch(
        (error: unknown) => {
          unsupported = isMethodNotFound(error);
          throw error;
        },
      );
      if (!resultGuards.register(registered)) throw protocolError('register');
      const info = await ask('getInfo', {}).catch((error: unknown) => {
        if (isMethodNotFound(error)) return undefined; // a bridge of document version 1.x
        throw error;
      });
      if (info !== undefined && !resultGuards.getInfo(info)) throw protocolError('getInfo');
      const version = info === undefined ? OLDER_BRIDGE : versionOf(info);
      unsupported = version === undefined;
      if (!version) throw protocolError('getInfo');
      // Known from here on, so a notification already on its way is read as this bridge sends it.
      if (socket === this.socket) this.version = version;
      const status = readStatus(await ask('getStatus', {}), version);
      if (!status) throw protocolError('getStatus');
      if (socket !== this.socket) return;
      this.timers.clearTimeout(this.connectTimer);
      this.failures = 0;
      this.stopProbe(); // a probe still under way is about an attempt before this one
      this.stream.forget('connectFailed');
      this.publishStatus(status);
      this.setState('open');
    } catch {
      // A bridge that fails the handshake is treated like one that is not there: retry later (a
      // box's firmware may bring one this app can serve), saying when it is one it cannot serve.
      if (socket === this.socket) this.failAttempt(false, unsupported);
    }
  }

  /**
   * An attempt that did not open: retry later, and say whether the bridge refused the app, or
   * answered but serves no protocol this app speaks.
   */
  private failAttempt(probe: boolean, unsupported = false): void {
    this.drop('connection-lost');
    // Only the latest attempt's verdict counts: an older probe still under way is dropped.
    this.stopProbe();
    const report = (refused: boolean) => {
      this.cancelProbe = undefined;
      if (this.running && this.state !== 'open') {
        this.stream.emit({ type: 'connectFailed', refused, ...(unsupported ? { unsupported } : {}) });
      }
    };
    if (!probe || !this.fetchImpl || !this.probeUrl) report(false);
    else
      this.cancelProbe = probeBridge(
        this.fetchImpl,
        this.probeUrl,
        this.timers,
        this.connectTimeoutMs,
        report,
      );
  }

  private stopProbe(): void {
    this.cancelProbe?.();
    this.cancelProbe = undefined;
  }

  /** Ends the current socket (if any); unless close() was called, schedules the next attempt. */
  private drop(reason: UnavailableReason): void {
    const socket = this.socket;
    this.socket = undefined;
    this.timers.clearTimeout(this.connectTimer);
    if (socket) {
      const ignore = () => undefined;
      // No-op handlers rather than null: `ws` throws on an 'error' event nobody listens to.
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = ignore;
      try {
        socket.close();
      } catch {
        // already closing
      }
    }
    for (const id of [...this.pending.keys()]) {
      this.settle(id, undefined, unavailable(reason, this.pending.get(id)?.label));
    }
    this.stream.forget('status');
    this.version = undefined;
    this.setState('closed');
    if (this.running && this.retryTimer === undefined) {
      const delay = backoffDelay(this.failures++, this.backoff, () => this.timers.random());
      this.retryTimer = this.timers.setTimeout(() => this.connect(), delay);
    }
  }

  private publishStatus(status: Status): void {
    const latest = this.stream.latestOf('status');
    if (latest && JSON.stringify(latest.status) === JSON.stringify(status)) return;
    this.stream.emit({ type: 'status', status });
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.stream.emit({ type: 'connection', state });
  }
}
