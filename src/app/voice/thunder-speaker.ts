/**
 * The box's text-to-speech: RDK `org.rdk.TextToSpeech` over Thunder JSON-RPC 2.0 on a WebSocket.
 * Speaks only while TTS is enabled in the box's settings (`isttsenabled`, then the
 * `onttsstatechanged` notification); a speech ends with its `onspeechcomplete` (or interrupted or
 * error) event, which the voice's queue waits for; `cancel` takes the id.
 */
import { untilSaid, type SpeechLanguage, type Speaker } from './speaker';

export const DEFAULT_THUNDER_URL = 'ws://127.0.0.1:9998/jsonrpc';
const PLUGIN = 'org.rdk.TextToSpeech.1';
const EVENTS_ID = 'client.events';
/** The TextToSpeech events that end a speech (each carries its speechid). */
const SPEECH_END_EVENTS = ['onspeechcomplete', 'onspeechinterrupted', 'onnetworkerror', 'onplaybackerror'];

/** The parts of a WebSocket used (a fake in tests). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
}
export type SocketFactory = new (url: string) => SocketLike;

interface RpcMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: unknown;
}

export class ThunderSpeaker implements Speaker {
  private readonly socket: SocketLike;
  private nextId = 1;
  private readonly pending = new Map<number, (message: RpcMessage) => void>();
  private enabled = false;
  private speechId: number | undefined;
  /** Each speech's end, by speech id: called on its complete, interrupted or error event. */
  private readonly ending = new Map<number, () => void>();

  constructor(url: string, WebSocketImpl: SocketFactory) {
    this.socket = new WebSocketImpl(url);
    this.socket.onmessage = (event) => this.receive(event.data);
    this.socket.onclose = () => {
      this.enabled = false;
    };
  }

  /** Opens, asks whether TTS is enabled and subscribes to changes; resolves with the answer. */
  start(): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const ask = () => {
        this.call('register', { event: 'onttsstatechanged', id: EVENTS_ID });
        for (const event of SPEECH_END_EVENTS) this.call('register', { event, id: EVENTS_ID });
        this.call('isttsenabled', undefined, (reply) => {
          if (!reply.result) return reject(new Error('isttsenabled failed'));
          this.enabled = reply.result.isenabled === true;
          resolve(this.enabled);
        });
      };
      if (this.socket.readyState === 1) ask();
      else this.socket.onopen = ask;
      this.socket.onerror = () => reject(new Error('Thunder unreachable'));
    });
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  speak(text: string, _language: SpeechLanguage): Promise<void> {
    // The box speaks in the voice the viewer set up; the language follows its configuration.
    if (!this.enabled || !text) return Promise.resolve();
    return untilSaid(text, (ended) => {
      this.call('speak', { text }, (reply) => {
        const id = reply.result?.speechid;
        if (typeof id !== 'number') return ended();
        this.speechId = id;
        this.ending.set(id, ended);
      });
    });
  }

  stop(): void {
    if (!this.enabled || this.speechId === undefined) return;
    this.call('cancel', { speechid: this.speechId });
    this.finish(this.speechId);
    this.speechId = undefined;
  }

  private finish(id: number) {
    const ended = this.ending.get(id);
    this.ending.delete(id);
    ended?.();
  }

  close(): void {
    this.socket.close();
  }

  private call(method: string, params?: Record<string, unknown>, onReply?: (message: RpcMessage) => void) {
    if (this.socket.readyState !== 1) return;
    const id = this.nextId++;
    if (onReply) this.pending.set(id, onReply);
    this.socket.send(
      JSON.stringify({ jsonrpc: '2.0', id, method: `${PLUGIN}.${method}`, ...(params ? { params } : {}) }),
    );
  }

  private receive(data: unknown) {
    let message: RpcMessage;
    try {
      message = JSON.parse(String(data)) as RpcMessage;
    } catch {
      return;
    }
    if (message.id !== undefined) {
      const reply = this.pending.get(message.id);
      this.pending.delete(message.id);
      reply?.(message);
      return;
    }
    if (message.method === `${EVENTS_ID}.onttsstatechanged`) {
      this.enabled = message.params?.state === true;
      if (!this.enabled) {
        for (const id of [...this.ending.keys()]) this.finish(id);
        this.speechId = undefined;
      }
      return;
    }
    const id = message.params?.speechid;
    if (
      SPEECH_END_EVENTS.some((event) => message.method === `${EVENTS_ID}.${event}`) &&
      typeof id === 'number'
    )
      this.finish(id);
  }
}
