/**
 * The virtual card in a real reader: vsmartcard's `vpcd` driver inside pcscd listens on TCP
 * (35963 = reader "Virtual PCD 00 00", 35964 = "Virtual PCD 00 01") and we connect to it as the
 * card. Connected means inserted; closing the socket means removed. pcscd, OpenSC and our PC/SC
 * transport then talk to this process as if it were a card.
 *
 * Wire format, both directions: 2-byte big-endian length + payload. A 1-byte payload from vpcd is
 * a control code; anything longer is a command APDU, answered with the response APDU.
 */
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { UsageError } from '../../native-bridge/src/bridge/command-line';
import type { CardPace } from './card-pace';
import type { VirtualJpkiCard } from './jpki-applet';

export const VPCD_DEFAULT_HOST = '127.0.0.1';
export const VPCD_DEFAULT_PORT = 35963;

/** A `--vpcd HOST:PORT` argument; a UsageError when it is not one. */
export function parseVpcdAddress(text: string): [host: string, port: number] {
  const match = /^(.+):(\d{1,5})$/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new UsageError(`--vpcd: HOST:PORT の形で指定してください / expected HOST:PORT, got "${text}"`);
  }
  return [match[1]!, port];
}

/** Control codes vpcd sends as 1-byte payloads. Only GET ATR is answered. */
export const VpcdControl = { powerOff: 0x00, powerOn: 0x01, reset: 0x02, getAtr: 0x04 } as const;

export type RemovalReason = 'disconnected' | 'apdu-limit' | 'vpcd-closed';

export interface VpcdCardEvents {
  /** One answered APDU. Command data may hold a PIN: log lengths or INS, never the bytes. */
  apdu: [command: Uint8Array, response: Uint8Array];
  control: [code: number];
  inserted: [];
  removed: [reason: RemovalReason];
  error: [error: Error];
}

export interface VpcdCardOptions {
  host?: string;
  port?: number;
  /** Close the socket (card removed) instead of answering APDU number N+1. */
  removeAfterApdus?: number;
  /** A slow or hanging card: answers leave when the pace says, in order (default: at once). */
  pace?: CardPace;
  /** Connection attempts while vpcd is not listening yet (default 25), `retryDelayMs` apart (200). */
  connectAttempts?: number;
  retryDelayMs?: number;
}

/** Splits a TCP byte stream into vpcd frames; a frame (or its length prefix) may span chunks. */
export class VpcdFrameReader {
  private buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Uint8Array[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: Uint8Array[] = [];
    while (this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + length) break;
      frames.push(new Uint8Array(this.buffer.subarray(2, 2 + length)));
      this.buffer = this.buffer.subarray(2 + length);
    }
    return frames;
  }
}

export function encodeVpcdFrame(payload: Uint8Array): Buffer {
  const frame = Buffer.alloc(2 + payload.length);
  frame.writeUInt16BE(payload.length, 0);
  frame.set(payload, 2);
  return frame;
}

/** What vpcd needs of a card: its ATR, power and reset, and answers to command APDUs. */
export type PlayableCard = Pick<VirtualJpkiCard, 'atr' | 'powerOn' | 'powerOff' | 'reset' | 'process'>;

export class VpcdCard extends EventEmitter<VpcdCardEvents> {
  /** APDUs answered since the last connect. */
  apduCount = 0;
  readonly host: string;
  readonly port: number;
  private readonly removeAfterApdus: number | undefined;
  private readonly connectAttempts: number;
  private readonly retryDelayMs: number;
  private readonly pace: CardPace | undefined;
  /** Held answers leave one after another: a later frame's answer never overtakes. */
  private outgoing: Promise<void> = Promise.resolve();
  private socket: Socket | undefined;
  private closingReason: RemovalReason | undefined;
  /** While set, answers to command APDUs wait for it; vpcd's own ATR requests never do. */
  private apduGate: Promise<void> | undefined;

  constructor(
    readonly card: PlayableCard,
    options: VpcdCardOptions = {},
  ) {
    super();
    this.host = options.host ?? VPCD_DEFAULT_HOST;
    this.port = options.port ?? VPCD_DEFAULT_PORT;
    this.removeAfterApdus = options.removeAfterApdus;
    this.connectAttempts = Math.max(1, options.connectAttempts ?? 25);
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.pace = options.pace;
  }

  get isConnected(): boolean {
    return this.socket !== undefined;
  }

  /** Inserts the card: connects to vpcd, retrying while nothing listens there yet. */
  async connect(): Promise<void> {
    if (this.socket) return;
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= this.connectAttempts; attempt++) {
      try {
        this.attach(await this.openSocket());
        return;
      } catch (error) {
        lastError = error as Error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ECONNREFUSED' && code !== 'ENOENT') break;
        if (attempt < this.connectAttempts) await delay(this.retryDelayMs);
      }
    }
    throw new Error(
      `vpcd に接続できません / cannot connect to vpcd at ${this.host}:${this.port} ` +
        `(${lastError?.message ?? 'unknown error'}). Is pcscd running with vsmartcard's vpcd driver?`,
    );
  }

  /** Removes the card: closes the connection; resolves once the socket is closed. */
  async disconnect(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.closingReason = 'disconnected';
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      // vpcd may not close its side promptly; do not wait for it for long.
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }

  private openSocket(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: this.host, port: this.port });
      const onError = (error: Error): void => {
        socket.destroy();
        reject(error);
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        resolve(socket);
      });
    });
  }

  private attach(socket: Socket): void {
    // Every APDU is one small request/response; Nagle would add tens of ms to each.
    socket.setNoDelay(true);
    this.socket = socket;
    this.closingReason = undefined;
    this.apduCount = 0;
    this.card.powerOn();
    const reader = new VpcdFrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        if (this.socket !== socket || socket.destroyed) return;
        this.handleFrame(socket, frame);
      }
    });
    socket.on('error', (error) => {
      // A reset connection is vpcd going away; close follows and reports the removal.
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.card.powerOff();
      this.emit('removed', this.closingReason ?? 'vpcd-closed');
    });
    this.emit('inserted');
  }

  private handleFrame(socket: Socket, frame: Uint8Array): void {
    if (frame.length === 1) {
      this.handleControl(socket, frame[0]!);
      return;
    }
    if (frame.length === 0) return;
    if (this.removeAfterApdus !== undefined && this.apduCount >= this.removeAfterApdus) {
      this.closingReason = 'apdu-limit';
      socket.destroy();
      return;
    }
    const response = this.card.process(frame);
    this.apduCount++;
    this.emit('apdu', frame, response);
    const gate = this.apduGate;
    const paced = this.pace?.hold(frame);
    this.answer(
      socket,
      response,
      gate && paced ? Promise.all([gate, paced]).then(() => undefined) : (gate ?? paced),
    );
  }

  /**
   * Holds the answers to command APDUs until `release`: the bridge's operation provably stays with
   * the card. Only APDU answers wait. vpcd asks for the ATR to poll presence, holding pcscd's lock
   * for the whole reader until the answer comes; holding that answer too would stop the bridge's
   * APDU from ever reaching the card.
   */
  holdApduAnswers(): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.apduGate = gate;
    const reached = new Promise<void>((resolve) => this.once('apdu', () => resolve()));
    return {
      reached,
      release: () => {
        if (this.apduGate === gate) this.apduGate = undefined;
        release();
      },
    };
  }

  private answer(socket: Socket, payload: Uint8Array, held?: Promise<void>): void {
    if (!this.pace && !held) {
      socket.write(encodeVpcdFrame(payload));
      return;
    }
    this.outgoing = this.outgoing
      .then(() => held)
      .then(() => {
        if (!socket.destroyed) socket.write(encodeVpcdFrame(payload));
      });
  }

  private handleControl(socket: Socket, code: number): void {
    this.emit('control', code);
    switch (code) {
      case VpcdControl.powerOff:
        this.card.powerOff();
        break;
      case VpcdControl.powerOn:
        this.card.powerOn();
        break;
      case VpcdControl.reset:
        this.card.reset();
        break;
      case VpcdControl.getAtr:
        this.answer(socket, this.card.atr);
        break;
      default:
        // Unknown control codes are ignored: answering would desynchronise vpcd's framing.
        break;
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
