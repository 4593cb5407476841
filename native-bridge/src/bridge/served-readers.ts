/**
 * The readers the bridge serves (spec BR-SEC-50, BR-SEC-51). A box names its My Number reader(s)
 * by stable name (`stableReaderName`: the PC/SC name without pcsc-lite's plug-order field); every
 * other reader — a B-CAS or ACAS slot, say — is invisible to the card service: never listed, never
 * in an event, NO_READER when a call names it. The card service opens, and classifies, only the
 * readers it sees, so nothing is ever connected to one that is not served. Names are compared
 * exactly (case-sensitive). Without a list every reader is served (a development setup).
 */
import { EventEmitter } from 'node:events';
import { stableReaderName } from '../../../stb-spec/protocol/names';
import { NoReaderError } from '../jpki/errors';
import type { ApduTransport } from '../transport/apdu-transport';
import type { ReaderEvents, ReaderService, ReaderSnapshot } from '../transport/pcsc-readers';
import type { CardBackend } from './card-backend';

const SINGLE_READER_EVENTS = ['reader-added', 'reader-removed', 'card-inserted', 'card-removed'] as const;

class ServedReaders extends EventEmitter<ReaderEvents> implements CardBackend {
  readonly readerAllowList: readonly string[];
  private readonly allowed: ReadonlySet<string>;

  constructor(
    private readonly inner: CardBackend,
    allowList: readonly string[],
  ) {
    super();
    this.readerAllowList = [...allowList];
    this.allowed = new Set(allowList);
    for (const event of SINGLE_READER_EVENTS) {
      inner.on(event, (snapshot: ReaderSnapshot) => {
        if (this.serves(snapshot.name)) this.emit(event, snapshot);
      });
    }
    inner.on('change', (readers) => this.emit('change', this.only(readers)));
    inner.on('error', (error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  /** Whether a reader (by its PC/SC name) is one the configuration names. */
  serves(pcscName: string): boolean {
    return this.allowed.has(stableReaderName(pcscName));
  }

  readers(): ReaderSnapshot[] {
    return this.only(this.inner.readers());
  }

  readerService(): ReaderService {
    return this.inner.readerService?.() ?? 'running';
  }

  transport(readerName: string): ApduTransport {
    if (!this.serves(readerName)) throw new NoReaderError();
    return this.inner.transport(readerName);
  }

  close(): void | Promise<void> {
    this.removeAllListeners();
    return this.inner.close();
  }

  private only(readers: ReaderSnapshot[]): ReaderSnapshot[] {
    return readers.filter((reader) => this.serves(reader.name));
  }
}

/** The backend limited to the named readers; unchanged when there is no list (every reader served). */
export function serveReaders(backend: CardBackend, allowList: readonly string[] | undefined): CardBackend {
  return allowList && allowList.length > 0 ? new ServedReaders(backend, allowList) : backend;
}
