/**
 * The reader monitor and the served-readers filter above it, against a scripted pcsclite (the real
 * one runs in pcsc.pcsc.test.ts): the one rule for a new insertion, and a bridge that serves one
 * reader never connecting to the other.
 */
import { EventEmitter } from 'node:events';
import { CardService } from '../bridge/card-service';
import { serveReaders } from '../bridge/served-readers';
import { NoReaderError } from '../jpki/errors';
import { PcscReaderMonitor } from './pcsc-readers';

const PRESENT = 0x20;
const EMPTY = 0x10;
const MUTE = 0x200;
const ATR = Buffer.from('3B8F8001', 'hex');
const REMOVED = 'SCardTransmit error: Card was removed.(0x80100069)';

class ScriptedReader extends EventEmitter {
  connected = false;
  connects = 0;
  transmits = 0;
  transmitError: string | undefined;
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_EMPTY = EMPTY;
  readonly SCARD_STATE_PRESENT = PRESENT;
  readonly SCARD_STATE_MUTE = MUTE;
  readonly SCARD_STATE_CHANGED = 2;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  readonly SCARD_UNPOWER_CARD = 2;

  constructor(readonly name: string) {
    super();
  }

  /** pcsc-lite's dwEventState: the event counter in the high 16 bits, the flags below. */
  report(flags: number, counter: number): void {
    this.emit('status', { state: (counter << 16) | flags, atr: flags & PRESENT ? ATR : undefined });
  }

  connect(_options: unknown, done: (error: Error | null, protocol: number) => void): void {
    this.connects++;
    this.connected = true;
    setImmediate(() => done(null, 2));
  }

  disconnect(_disposition: number, done: (error: Error | null) => void): void {
    this.connected = false;
    setImmediate(() => done(null));
  }

  transmit(_data: Buffer, _length: number, _protocol: number, done: (e: Error | null, d: Buffer) => void) {
    this.transmits++;
    const error = this.transmitError;
    // Not the JPKI AP: every command answers "file not found".
    setImmediate(() => (error ? done(new Error(error), Buffer.alloc(0)) : done(null, Buffer.of(0x6a, 0x82))));
  }

  close(): void {}
}

let scripted: ScriptedReader[] = [];
const service = new EventEmitter() as EventEmitter & { close(): void };
service.close = () => undefined;

jest.mock('pcsclite', () => ({
  __esModule: true,
  default: () => {
    setTimeout(() => {
      for (const reader of scripted) {
        service.emit('reader', reader);
        reader.report(reader.name.startsWith('Empty') ? EMPTY : PRESENT, 1);
      }
    }, 5);
    return service;
  },
}));

let monitor: PcscReaderMonitor | undefined;

async function start(...names: string[]): Promise<[PcscReaderMonitor, ...ScriptedReader[]]> {
  scripted = names.map((name) => new ScriptedReader(name));
  monitor = await PcscReaderMonitor.start();
  return [monitor, ...scripted];
}

const insertionOf = (m: PcscReaderMonitor, name: string) =>
  m.readers().find((r) => r.name === name)?.insertion;

afterEach(() => {
  monitor?.close();
  service.removeAllListeners();
});

describe('what counts as a new insertion', () => {
  it('a card arriving in an empty reader, or pcsc-lite counting an event while one stays in', async () => {
    const [m, reader] = await start('Empty Reader 00 00');
    expect(insertionOf(m, reader!.name)).toBeUndefined();
    reader!.report(PRESENT, 2);
    const first = insertionOf(m, reader!.name);
    expect(first).toBeDefined();
    // Swapped between two polls: still present, but the counter moved (by two: out and in).
    reader!.report(PRESENT, 4);
    expect(insertionOf(m, reader!.name)).toBeGreaterThan(first!);
  });

  it('nothing else: mute ↔ present with the same counter keeps the insertion', async () => {
    const [m, reader] = await start('Reader 00 00');
    const first = insertionOf(m, reader!.name);
    reader!.report(PRESENT | MUTE, 1);
    reader!.report(PRESENT, 1);
    expect(insertionOf(m, reader!.name)).toBe(first);
  });

  it('a transmit that finds the card gone counts nothing; the removal and the next card count once', async () => {
    const [m, reader] = await start('Reader 00 00');
    const first = insertionOf(m, reader!.name)!;
    const changes: (number | undefined)[] = [];
    m.on('change', (readers) => changes.push(readers[0]!.insertion));
    reader!.transmitError = REMOVED;
    await expect(m.transport(reader!.name).transmit(Uint8Array.of(0, 0xa4, 4, 0x0c))).rejects.toThrow();
    expect(insertionOf(m, reader!.name)).toBe(first);
    expect(changes).toEqual([]);

    reader!.report(EMPTY, 2);
    reader!.transmitError = undefined;
    reader!.report(PRESENT, 3);
    expect(changes).toEqual([undefined, first + 1]);
  });
});

describe('a bridge that serves only the named readers', () => {
  it('never connects to another reader, not even to classify its card, and never lists it', async () => {
    const [m, mine, foreign] = await start('My Number Reader 00 00', 'B-CAS Slot 00 01');
    const served = serveReaders(m, ['My Number Reader 00']);
    const cards = new CardService(served);
    await cards.settled();
    foreign!.report(PRESENT, 4); // a new card in the B-CAS slot
    mine!.report(PRESENT, 3);
    await cards.settled();

    expect(cards.status().readers.map((r) => r.name)).toEqual(['My Number Reader 00 00']);
    expect(cards.readerAllowList()).toEqual(['My Number Reader 00']);
    expect(mine!.connects).toBeGreaterThan(0);
    expect([foreign!.connects, foreign!.transmits]).toEqual([0, 0]);
    expect(() => served.transport('B-CAS Slot 00 01')).toThrow(NoReaderError);
    await expect(cards.pinStatus('auth', { reader: 'B-CAS Slot 00 01' })).rejects.toBeInstanceOf(
      NoReaderError,
    );
    expect(foreign!.connects).toBe(0);
  });

  it('compares stable names exactly: another case or the full PC/SC name is not the reader', async () => {
    const [m] = await start('My Number Reader 00 00');
    for (const list of [['my number reader 00'], ['My Number Reader 00 00'], ['My Number Reader']]) {
      expect(serveReaders(m, list).readers()).toEqual([]);
    }
    expect(serveReaders(m, ['My Number Reader 00']).readers()).toHaveLength(1);
  });

  it('without a list serves, and so classifies, every reader (a development setup)', async () => {
    const [m, mine, foreign] = await start('My Number Reader 00 00', 'B-CAS Slot 00 01');
    const cards = new CardService(serveReaders(m, undefined));
    await cards.settled();
    expect(cards.status().readers).toHaveLength(2);
    expect(cards.readerAllowList()).toBeUndefined();
    expect([mine!.connects > 0, foreign!.connects > 0]).toEqual([true, true]);
  });
});
