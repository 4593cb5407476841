/** The part of the `pcsclite` addon's API we use (it ships no types). */
declare module 'pcsclite' {
  import { EventEmitter } from 'node:events';

  interface ReaderStatus {
    state: number;
    atr?: Buffer;
  }

  interface CardReader extends EventEmitter {
    readonly name: string;
    connected: boolean;
    state: number;
    readonly SCARD_SHARE_SHARED: number;
    readonly SCARD_SHARE_EXCLUSIVE: number;
    readonly SCARD_PROTOCOL_T0: number;
    readonly SCARD_PROTOCOL_T1: number;
    readonly SCARD_STATE_EMPTY: number;
    readonly SCARD_STATE_PRESENT: number;
    readonly SCARD_STATE_MUTE: number;
    readonly SCARD_STATE_CHANGED: number;
    readonly SCARD_LEAVE_CARD: number;
    readonly SCARD_RESET_CARD: number;
    readonly SCARD_UNPOWER_CARD: number;
    connect(
      options: { share_mode?: number; protocol?: number },
      cb: (err: Error | null, protocol: number) => void,
    ): void;
    disconnect(disposition: number, cb: (err: Error | null) => void): void;
    transmit(
      data: Buffer,
      resLen: number,
      protocol: number,
      cb: (err: Error | null, data: Buffer) => void,
    ): void;
    close(): void;
    on(event: 'status', listener: (status: ReaderStatus) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
  }

  interface PCSCLite extends EventEmitter {
    readers: Record<string, CardReader>;
    close(): void;
    on(event: 'reader', listener: (reader: CardReader) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
  }

  function pcsclite(): PCSCLite;
  export = pcsclite;
  export type { CardReader, PCSCLite, ReaderStatus };
}
