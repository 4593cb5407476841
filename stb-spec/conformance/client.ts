/**
 * The kit's WebSocket client: raw JSON-RPC frames in, every frame out checked against the protocol
 * schemas (message-checks.ts) as it arrives. Problems are collected, not thrown, so the runner can
 * fail the case that was running even when the case never looked at the offending frame.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { methodOf as protocolMethodOf, qualifiedName, type MethodName } from '../protocol';
import { CaseFailure } from './case';
import { checkIncoming, type Id, type Incoming } from './message-checks';

export type Reply = Extract<Incoming, { kind: 'result' | 'error' }>;
export type NotificationMessage = Extract<Incoming, { kind: 'notification' }>;

export interface ConnectOptions {
  /** null: send no Origin header. Default: the kit's --origin. */
  origin?: string | null;
  /** null: no ?token= even when the kit has one; a string: this token. Default: the kit's --token. */
  token?: string | null;
  /** Replaces the URL's path (e.g. "/other" to check path refusal). */
  path?: string;
  label?: string;
}

interface Waiter {
  accept(message: Incoming): boolean;
}

/** How an upgrade settles: with an HTTP status, or with a failure. */
export interface UpgradeSettle {
  resolve(status: number): void;
  reject(error: Error): void;
}

/**
 * Opens an upgrade: 101 when the bridge accepts it (closed again at once), a failure when nothing
 * answers in time. `watchRefusal` hooks how the socket reports a refusal, which differs between
 * Node (the HTTP status) and a browser (no status at all).
 */
export function openUpgrade(
  url: string,
  origin: string | null,
  timeoutMs: number,
  watchRefusal: (ws: WebSocket, settle: UpgradeSettle) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === null ? {} : { origin });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new CaseFailure(`no answer to the upgrade request within ${timeoutMs} ms`));
    }, timeoutMs);
    const settle: UpgradeSettle = {
      resolve: (status) => {
        clearTimeout(timer);
        resolve(status);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    };
    ws.once('open', () => {
      ws.close();
      settle.resolve(101);
    });
    watchRefusal(ws, settle);
  });
}

/** Opens an upgrade and reports its HTTP status: 101 when the bridge accepted (closed again at once). */
export function upgradeStatus(url: string, origin: string | null, timeoutMs: number): Promise<number> {
  return openUpgrade(url, origin, timeoutMs, (ws, settle) => {
    ws.once('unexpected-response', (_request, response) => {
      settle.resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => {
      settle.reject(new CaseFailure(`upgrade failed without an HTTP answer: ${error.message}`));
    });
  });
}

export function withToken(url: string, token: string | undefined | null, path?: string): string {
  const parsed = new URL(url);
  if (path !== undefined) parsed.pathname = path;
  if (token !== undefined && token !== null) parsed.searchParams.set('token', token);
  return parsed.toString();
}

export class KitClient {
  /** Every checked frame in arrival order, with its arrival time (performance.now()) and size. */
  readonly received: { at: number; message: Incoming; bytes: number }[] = [];
  /** Schema and protocol problems seen on this connection. */
  readonly problems: string[] = [];
  closeCode: number | undefined;
  private readonly inbox: Reply[] = [];
  private readonly methods = new Map<Id, MethodName>();
  private readonly issued = new Set<Id>();
  private readonly answered = new Set<Id>();
  private waiters: Waiter[] = [];
  // Counter ids start high so raw frames of the cases can use small ids without colliding.
  private nextId = 1001;

  private constructor(
    private readonly ws: WebSocket,
    readonly label: string,
    private readonly timeoutMs: number,
  ) {
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const waiter of this.waiters) waiter.accept({ kind: 'garbage', text: '' });
    });
    ws.on('error', () => undefined); // close follows; callers see closeCode
  }

  static connect(
    url: string,
    origin: string | null,
    timeoutMs: number,
    label = 'client',
  ): Promise<KitClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, origin === null ? {} : { origin });
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new CaseFailure(`${label}: the upgrade was not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(new KitClient(ws, label, timeoutMs));
      });
      ws.once('unexpected-response', (_request, response) => {
        clearTimeout(timer);
        ws.terminate();
        reject(new CaseFailure(`${label}: the bridge refused the upgrade with HTTP ${response.statusCode}`));
      });
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(new CaseFailure(`${label}: cannot connect to ${url}: ${error.message}`));
      });
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Calls a protocol method by short name (or any fully qualified name) and waits for its answer. */
  async call(method: string, params?: unknown, options: { id?: Id } = {}): Promise<Reply> {
    const id = options.id ?? this.nextId++;
    const qualified = method.includes('.') ? method : qualifiedName(method as MethodName);
    this.expect(id, qualified);
    this.sendText(JSON.stringify({ jsonrpc: '2.0', id, method: qualified, ...optional(params) }));
    return this.reply(id);
  }

  /** Sends several calls in one TCP write, so they reach the bridge together (for BUSY). */
  async callTogether(calls: { method: string; params?: unknown }[]): Promise<Reply[]> {
    const socket = (this.ws as unknown as { _socket?: Socket })._socket;
    const ids = calls.map(({ method, params }) => {
      const id = this.nextId++;
      const qualified = qualifiedName(method as MethodName);
      this.expect(id, qualified);
      return { id, frame: JSON.stringify({ jsonrpc: '2.0', id, method: qualified, ...optional(params) }) };
    });
    socket?.cork();
    for (const { frame } of ids) this.sendText(frame);
    socket?.uncork();
    return Promise.all(ids.map(({ id }) => this.reply(id)));
  }

  /** Registers an id the kit is about to send in a raw frame, with its method when it is one. */
  expect(id: Id, qualifiedMethod?: string): void {
    if (id === null) return;
    this.issued.add(id);
    const method = qualifiedMethod === undefined ? undefined : protocolMethodOf(qualifiedMethod);
    if (method) this.methods.set(id, method);
  }

  sendText(text: string | Buffer): void {
    if (!this.isOpen) throw new CaseFailure(`${this.label}: the connection is closed (${this.closeCode})`);
    this.ws.send(text, { binary: false });
  }

  sendBinary(bytes: Buffer): void {
    if (!this.isOpen) throw new CaseFailure(`${this.label}: the connection is closed (${this.closeCode})`);
    this.ws.send(bytes, { binary: true });
  }

  /** The next answer with this id (null: the next answer with id null), waiting for it if need be. */
  reply(id: Id, timeoutMs = this.timeoutMs): Promise<Reply> {
    const index = this.inbox.findIndex((message) => message.id === id);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0]!);
    return this.waitFor(
      (message): message is Reply =>
        (message.kind === 'result' || message.kind === 'error') && message.id === id,
      timeoutMs,
      `an answer with id ${JSON.stringify(id)}`,
      true,
    );
  }

  /** The first notification (already received or arriving within timeoutMs) that matches. */
  notification(
    match: (message: NotificationMessage) => boolean,
    timeoutMs = this.timeoutMs,
    after = 0,
  ): Promise<NotificationMessage> {
    const seen = this.received
      .slice(after)
      .find(({ message }) => message.kind === 'notification' && match(message));
    if (seen) return Promise.resolve(seen.message as NotificationMessage);
    return this.waitFor(
      (message): message is NotificationMessage => message.kind === 'notification' && match(message),
      timeoutMs,
      'a notification',
      false,
    );
  }

  notifications(after = 0): NotificationMessage[] {
    return this.received
      .slice(after)
      .map(({ message }) => message)
      .filter((message): message is NotificationMessage => message.kind === 'notification');
  }

  /** Answers not yet taken by reply(): e.g. ones the case did not expect. */
  untakenReplies(): Reply[] {
    return [...this.inbox];
  }

  ping(timeoutMs = this.timeoutMs): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.ws.once('pong', () => {
        clearTimeout(timer);
        resolve(true);
      });
      this.ws.ping();
    });
  }

  /** Stops reading the socket (the kernel's buffers fill, then the bridge's own queue grows). */
  pauseReading(): void {
    this.ws.pause();
  }

  resumeReading(): void {
    this.ws.resume();
  }

  /** This connection's own TCP port and the bridge's: to find its socket queues (socket-queues.ts). */
  ports(): { local: number; remote: number } | undefined {
    const socket = (this.ws as unknown as { _socket?: Socket })._socket;
    const local = socket?.localPort;
    const remote = socket?.remotePort;
    return local === undefined || remote === undefined ? undefined : { local, remote };
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }

  private waitFor<T extends Incoming>(
    predicate: (message: Incoming) => message is T,
    timeoutMs: number,
    what: string,
    take: boolean,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        accept: (message) => {
          if (this.closeCode !== undefined && !predicate(message)) {
            done();
            reject(
              new CaseFailure(`${this.label}: the bridge closed the connection (code ${this.closeCode})`),
            );
            return true;
          }
          if (!predicate(message)) return false;
          done();
          const index = this.inbox.indexOf(message as unknown as Reply);
          if (take && index >= 0) this.inbox.splice(index, 1);
          resolve(message);
          return true;
        },
      };
      const timer = setTimeout(() => {
        done();
        reject(new CaseFailure(`${this.label}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      if (this.closeCode !== undefined) {
        done();
        reject(new CaseFailure(`${this.label}: the bridge closed the connection (code ${this.closeCode})`));
        return;
      }
      this.waiters.push(waiter);
    });
  }

  private onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) this.problems.push(`${this.label}: the bridge sent a binary frame (BR-TRN-3)`);
    const { message, problems } = checkIncoming(bytes.toString('utf8'), (id) => this.methods.get(id));
    for (const problem of problems) this.problems.push(`${this.label}: ${problem}`);
    if (message.kind === 'result' || message.kind === 'error') {
      this.checkId(message.id);
      this.inbox.push(message);
    }
    this.received.push({ at: performance.now(), message, bytes: bytes.length });
    for (const waiter of [...this.waiters]) waiter.accept(message);
  }

  /** Each id the kit sent gets exactly one answer, and no answer carries an id the kit never sent. */
  private checkId(id: Id): void {
    if (id === null) return;
    if (!this.issued.has(id))
      this.problems.push(`${this.label}: an answer with id ${JSON.stringify(id)}, never sent`);
    else if (this.answered.has(id))
      this.problems.push(`${this.label}: a second answer to id ${JSON.stringify(id)}`);
    this.answered.add(id);
  }
}

const optional = (params: unknown) => (params === undefined ? {} : { params });
