/**
 * The `ws` package's client API, as client.ts uses it, over the browser's WebSocket — so the
 * browser build runs the kit's own client.ts and its checks of every frame unchanged. What a page
 * cannot do (choose or leave out the Origin, send a ping or invalid UTF-8, stop reading) ends the case as
 * "Node build only".
 */
import { Buffer } from 'buffer';
import { nodeOnly } from './node-only';

type Listener = (...args: unknown[]) => void;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export default class WebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  private readonly socket: globalThis.WebSocket;
  private readonly listeners = new Map<string, { listener: Listener; once: boolean }[]>();
  private opened = false;

  constructor(url: string, options: { origin?: string } = {}) {
    if (options.origin === undefined) nodeOnly('leave out the Origin header');
    if (options.origin !== globalThis.location.origin) {
      nodeOnly(
        `send the Origin ${options.origin} (a page always sends its own, ${globalThis.location.origin})`,
      );
    }
    this.socket = new globalThis.WebSocket(url);
    this.socket.binaryType = 'arraybuffer';
    this.socket.onopen = () => {
      this.opened = true;
      this.emit('open');
    };
    this.socket.onmessage = (event: MessageEvent) => {
      const binary = typeof event.data !== 'string';
      const data = binary
        ? Buffer.from(event.data as ArrayBuffer)
        : Buffer.from(event.data as string, 'utf8');
      this.emit('message', data, binary);
    };
    this.socket.onerror = () => {
      if (!this.opened) {
        this.emit('error', new Error('the browser could not open the connection (it does not say why)'));
      }
    };
    this.socket.onclose = (event: CloseEvent) => this.emit('close', event.code);
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  on(event: string, listener: Listener): this {
    return this.add(event, listener, false);
  }

  once(event: string, listener: Listener): this {
    return this.add(event, listener, true);
  }

  send(data: string | Uint8Array, options: { binary?: boolean } = {}): void {
    if (options.binary) {
      this.socket.send(new Uint8Array(data as Uint8Array));
      return;
    }
    if (typeof data === 'string') {
      this.socket.send(data);
      return;
    }
    let text: string;
    try {
      text = strictUtf8.decode(data);
    } catch {
      return nodeOnly('send a text frame that is not valid UTF-8');
    }
    this.socket.send(text);
  }

  ping(): void {
    nodeOnly('send a WebSocket ping');
  }

  pause(): void {
    nodeOnly('stop reading a connection (a page’s WebSocket reads every message)');
  }

  resume(): void {
    nodeOnly('stop reading a connection (a page’s WebSocket reads every message)');
  }

  close(): void {
    this.socket.close();
  }

  terminate(): void {
    this.socket.close();
  }

  private add(event: string, listener: Listener, once: boolean): this {
    const list = this.listeners.get(event) ?? [];
    list.push({ listener, once });
    this.listeners.set(event, list);
    return this;
  }

  private emit(event: string, ...args: unknown[]): void {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((entry) => !entry.once),
    );
    for (const { listener } of list) listener(...args);
  }
}
