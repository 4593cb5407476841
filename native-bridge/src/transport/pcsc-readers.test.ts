/**
 * The reader monitor and the served-readers filter above it, against a scripted pcsclite (the real
 * one runs in pcsc.pcsc.test.ts): the one rule for a new insertion, and a bridge that serves one
 * reader never connecting to the other.
 */
import { EventEmitter } from 'node:events';
import { CardService } from '../bridge/card-service';
import { serveReaders } from '../bridge/served-readers';
import { NoReaderError } from '../jpki/errors';
import { addonLoadError, PcscReaderMonitor } from './pcsc-readers';

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
/** pcscd as the next PC/SC context finds it: down (no service), or up with the scripted readers. */
const pcscd = { down: false, contexts: 0, refusal: undefined as string | undefined };
const NO_SERVICE = 'SCardEstablishContext error: Service not available.(0x8010001d)';
/** What pcsclite reports when pcscd dies under an open context: each reader ends, then this. */
const PCSCD_DIED = 'SCardGetStatusChange error: RPC transport error.(0x80100013)';

jest.mock('pcsclite', () => () => {
  pcscd.contexts++;
  // pcsclite establishes its context in its constructor, and throws there when refused.
  if (pcscd.refusal) throw new Error(pcscd.refusal);
  setTimeout(() => {
    if (pcscd.down) {
      service.emit('error', new Error(NO_SERVICE));
      return;
    }
    for (const reader of scripted) {
      service.emit('reader', reader);
      reader.report(reader.name.startsWith('Empty') ? EMPTY : PRESENT, 1);
    }
  }, 5);
  return service;
});

let monitor: PcscReaderMonitor | undefined;

async function start(...names: string[]): Promise<[PcscReaderMonitor, ...ScriptedReader[]]> {
  scripted = names.map((name) => new ScriptedReader(name));
  monitor = await PcscReaderMonitor.start({}, { firstDelayMs: 10, maxDelayMs: 40, settleMs: 100 });
  return [monitor, ...scripted];
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 2_000) throw new Error(`not within 2 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const insertionOf = (m: PcscReaderMonitor, name: string) =>
  m.readers().find((r) => r.name === name)?.insertion;

afterEach(() => {
  monitor?.close();
  service.removeAllListeners();
  Object.assign(pcscd, { down: false, contexts: 0, refusal: undefined });
});

describe('pcscd going away and coming back', () => {
  it('readers go at once, then return with their card by a new context, without a restart', async () => {
    const [m] = await start('Reader 00 00');
    const services: string[] = [];
    m.on('change', () => services.push(m.readerService()));
    m.on('error', () => undefined);
    for (const reader of scripted) reader.emit('end');
    service.emit('error', new Error(PCSCD_DIED));
    expect([m.readerService(), m.readers()]).toEqual(['unavailable', []]);
    await until(() => m.readers().length === 1, 'the reader back');
    expect(m.readers()[0]).toMatchObject({ name: 'Reader 00 00', presence: 'present' });
    expect([m.readerService(), m.reconnects]).toEqual(['running', 1]);
    // Told both ways: the readers going (with the service) and coming back.
    expect(services.indexOf('unavailable')).toBeGreaterThanOrEqual(0);
    expect(services.at(-1)).toBe('running');
  });

  it('still down: tries again with growing waits, and reports the outage once, not each try', async () => {
    const [m] = await start('Reader 00 00');
    const errors: Error[] = [];
    m.on('error', (error) => errors.push(error));
    pcscd.down = true;
    service.emit('error', new Error(NO_SERVICE));
    await until(() => pcscd.contexts >= 5, 'four more tries');
    expect(m.readerService()).toBe('unavailable');
    expect(errors).toHaveLength(1);
    pcscd.down = false;
    await until(() => m.readerService() === 'running', 'pcscd back');
    expect(m.readers().map((r) => r.name)).toEqual(['Reader 00 00']);
  });

  it('a new context refused for another reason is one more try, reported, never the end', async () => {
    const [m] = await start('Reader 00 00');
    const errors: string[] = [];
    m.on('error', (error) => errors.push(error.message));
    pcscd.refusal = 'SCardEstablishContext error: Internal error.(0x80100001)';
    service.emit('error', new Error(NO_SERVICE));
    await until(() => errors.filter((e) => e.includes('Internal error')).length >= 2, 'two refused tries');
    expect(m.readerService()).toBe('unavailable');
    pcscd.refusal = undefined;
    await until(() => m.readers().length === 1, 'the reader back');
  });

  it('pcscd back without any reader: the service is running again, with no readers', async () => {
    const [m] = await start('Reader 00 00');
    m.on('error', () => undefined);
    scripted = [];
    service.emit('error', new Error(NO_SERVICE));
    await until(() => m.readerService() === 'running', 'a quiet new context');
    expect(m.readers()).toEqual([]);
  });

  it('pcscd not running when the bridge starts: unavailable, then the readers once it runs', async () => {
    pcscd.down = true;
    const started = start('Reader 00 00');
    const [m] = await started;
    m.on('error', () => undefined);
    expect(m.readerService()).toBe('unavailable');
    pcscd.down = false;
    await until(() => m.readers().length === 1, 'the reader once pcscd runs');
  });
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

describe('a PC/SC addon built for another Node.js', () => {
  it('is named plainly, with both ABIs and the way out, not as a loader stack', () => {
    const loaderError = new Error(
      "The module '/opt/madoguchi/bridge/current/node_modules/pcsclite/build/Release/pcsclite.node'\n" +
        'was compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\n' +
        'NODE_MODULE_VERSION 127. Please try re-compiling or re-installing\nthe module.',
    );
    const error = addonLoadError(loaderError);
    expect(error.message).toContain('PC/SC アドオン (pcsclite) はこの Node.js 用にビルドされていません');
    expect(error.message).toContain(`it has ABI 115, Node.js ${process.version} needs 127`);
    expect(error.message).toContain('npm run bridge:bundle');
    expect(error.cause).toBe(loaderError);
    // Any other failure passes through as it was.
    const other = new Error('libpcsclite.so.1: cannot open shared object file');
    expect(addonLoadError(other)).toBe(other);
  });
});
