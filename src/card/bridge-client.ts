/**
 * The TV app's client of the native card bridge: JSON-RPC 2.0 over one WebSocket, typed by the
 * protocol module. It keeps the connection up (exponential backoff with jitter), re-registers for
 * statusChanged and refetches the status after every (re)connection, and turns every failure into
 * a typed BridgeError. Calls are never queued: without an open connection they fail at once, so a
 * PIN is never sent later, after the viewer has moved on.
 *
 * Browser code: it runs in WPE WebKit 2.28+, so no Node APIs, and only methods.ts / errors.ts of the
 * protocol module are imported (index.ts would pull ajv into the app bundle).
 */
import { STATUS_CHANGED, qualifiedName, type MethodName } from '../../stb-spec/protocol/names';
import type { ParamsOf, ResultOf, Status } from '../../stb-spec/protocol/methods';
import { decodeBase64, encodeBase64 } from './base64';
import {
  DEFAULT_BRIDGE_URL,
  probeUrlOf,
  randomHex,
  withToken,
  type BridgeClientOptions,
  type CallArgs,
  type CallOptions,
  type CardCallOptions,
  type PinCallOptions,
  type ProbeFetch,
  type SignRequest,
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
import { classify, isStatus, resultGuards, type ResponseId } from './incoming';
import { DEFAULT_BACKOFF, backoffDelay, systemTimers, type BackoffOptions, type Timers } from './timing';

const OPEN = 1; // WebSocket.OPEN, the same in every implementation
const PIN_METHODS = new Set<string>(['sign', 'readSignCertificate']);
const SHA256_LENGTH = 32;
/** `cardId` goes out only when known: an absent one is left out, never sent as undefined. */
const withCard = (cardId: string | undefined) => (cardId === undefined ? {} : { cardId });

interface PendingCall {
  /** The method, for error values; the request itself (it may hold a PIN) is not kept. */
  label: string;
  timer: unknown;
  resolve(result: unknown): void;
  reject(error: BridgeError): void;
}

export class BridgeClient {
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

  /** A certificate that needs no PIN, as DER. */
  async readCertificate(
    slot: ParamsOf<'readCertificate'>['slot'],
    options: CardCallOptions = {},
  ): Promise<Uint8Array> {
    const { cardId, ...callOptions } = options;
    const { der } = await this.call('readCertificate', { slot, ...withCard(cardId) }, callOptions);
    return decodeOrFail(der, 'readCertificate');
  }

  /**
   * The signature certificate (it holds name and address: the card asks the signature password).
   * `confirmLastAttempt`: as for sign.
   */
  async readSignCertificate(pin: string, options: PinCallOptions = {}): Promise<Uint8Array> {
    const { confirmLastAttempt, cardId, ...callOptions } = options;
    const params: ParamsOf<'readSignCertificate'> = { pin, ...withCard(cardId) };
    if (confirmLastAttempt !== undefined) params.confirmLastAttempt = confirmLastAttempt;
    const { der } = await this.call('readSignCertificate', params, callOptions);
    return decodeOrFail(der, 'readSignCertificate');
  }

  getPinStatus(
    kind: ParamsOf<'getPinStatus'>['pin'],
    options: CardCallOptions = {},
  ): Promise<ResultOf<'getPinStatus'>> {
    const { cardId, ...callOptions } = options;
    return this.call('getPinStatus', { pin: kind, ...withCard(cardId) }, callOptions);
  }

  /** RSASSA-PKCS1-v1_5 over a SHA-256 digest, by the card; the signature's bytes. */
  async sign(request: SignRequest, options?: CallOptions): Promise<Uint8Array> {
    if (request.digest.length !== SHA256_LENGTH) {
      throw new RangeError(`sign takes a ${SHA256_LENGTH}-byte SHA-256 digest, got ${request.digest.length}`);
    }
    const params: ParamsOf<'sign'> = {
      key: request.key,
      pin: request.pin,
      hash: 'SHA-256',
      digest: encodeBase64(request.digest),
      ...withCard(request.cardId),
    };
    if (request.confirmLastAttempt !== undefined) params.confirmLastAttempt = request.confirmLastAttempt;
    const { signature } = await this.call('sign', params, options);
    return decodeOrFail(signature, 'sign');
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
        if (incoming.method === `${this.idPrefix}.${STATUS_CHANGED}` && isStatus(incoming.params)) {
          this.publishStatus(incoming.params);
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

  /** register first, so no change after the getStatus snapshot can be missed. */
  private async handshake(socket: WebSocketLike): Promise<void> {
    try {
      const registration = { event: STATUS_CHANGED, id: this.idPrefix };
      const registered = await this.exchange(
        socket,
        qualifiedName('register'),
        registration,
        this.connectTimeoutMs,
        'register',
      );
      if (!resultGuards.register(registered)) throw protocolError('register');
      const status = await this.exchange(
        socket,
        qualifiedName('getStatus'),
        {},
        this.connectTimeoutMs,
        'getStatus',
      );
      if (!isStatus(status)) throw protocolError('getStatus');
      if (socket !== this.socket) return;
      this.timers.clearTimeout(this.connectTimer);
      this.failures = 0;
      this.stopProbe(); // a probe still under way is about an attempt before this one
      this.stream.forget('connectFailed');
      this.publishStatus(status);
      this.setState('open');
    } catch {
      // A bridge that fails the handshake is treated like one that is not there: retry later.
      if (socket === this.socket) this.failAttempt(false);
    }
  }

  /** An attempt that did not open: retry later, and say whether the bridge refused the app. */
  private failAttempt(probe: boolean): void {
    this.drop('connection-lost');
    // Only the latest attempt's verdict counts: an older probe still under way is dropped.
    this.stopProbe();
    const report = (refused: boolean) => {
      this.cancelProbe = undefined;
      if (this.running && this.state !== 'open') this.stream.emit({ type: 'connectFailed', refused });
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

function decodeOrFail(text: string, method: string): Uint8Array {
  try {
    return decodeBase64(text);
  } catch {
    throw protocolError(method);
  }
}
