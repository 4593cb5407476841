/**
 * Where the bridge's cards come from: PC/SC readers (the box's real reader, or vpcd in tests) or the
 * in-process simulator. Both report readers with card presence and give an ApduTransport per reader.
 */
import type { EventEmitter } from 'node:events';
import type { ApduTransport } from '../transport/apdu-transport';
import type { ReaderEvents, ReaderService, ReaderSnapshot } from '../transport/pcsc-readers';

export interface CardBackend extends EventEmitter<ReaderEvents> {
  readers(): ReaderSnapshot[];
  /** Whether the reader service answers; a backend without one (the simulator) is always running. */
  readerService?(): ReaderService;
  transport(readerName: string): ApduTransport;
  /** The stable names of the only readers served, when the configuration names them (BR-SEC-51). */
  readonly readerAllowList?: readonly string[];
  close(): void | Promise<void>;
}
