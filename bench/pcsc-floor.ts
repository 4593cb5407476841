/**
 * The floor: what the same APDU bytes cost with no driver at all. A transport wrapper records the
 * exact commands our driver sent (they hold the PIN: kept in memory only, never printed or saved),
 * and a plain pcsclite connection replays them back to back on the same reader.
 */
import type { CardReader } from 'pcsclite';
import type { ApduTransport } from '../native-bridge/src/transport/apdu-transport';
import { withTimeout, type Cleanup } from './cleanup';

export interface RecordedExchange {
  command: Uint8Array;
  sw: number;
}

/** Passes everything through to the real transport and keeps a copy of each command and its SW. */
export class RecordingTransport implements ApduTransport {
  readonly exchanges: RecordedExchange[] = [];

  constructor(private readonly inner: ApduTransport) {}

  get epoch(): number | undefined {
    return this.inner.epoch;
  }

  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return this.inner.exclusive(operation);
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const response = await this.inner.transmit(command);
    this.exchanges.push({ command: Uint8Array.from(command), sw: statusWord(response) });
    return response;
  }
}

const MAX_RESPONSE = 258;
const OPERATION_TIMEOUT_MS = 10_000;

/** One reader through a pcsclite context of the bench's own (closed by `cleanup`). */
export async function openPcscReader(readerName: string, cleanup: Cleanup): Promise<CardReader> {
  const { default: pcsclite } = await import('pcsclite');
  const pcsc = pcsclite();
  pcsc.on('error', () => undefined);
  cleanup.add('close the raw pcsclite context', () => {
    for (const each of Object.values(pcsc.readers)) each.close();
    pcsc.close();
  });
  const found = new Promise<CardReader>((resolve) => {
    const existing = pcsc.readers[readerName];
    if (existing) resolve(existing);
    pcsc.on('reader', (reader) => reader.name === readerName && resolve(reader));
  });
  const reader = await withTimeout(found, 3_000, `pcsclite did not list reader "${readerName}"`);
  reader.on('error', () => undefined);
  return reader;
}

/** A bare pcsclite handle on one reader: connect, transmit, disconnect. No retries, no parsing. */
export class RawReader {
  private protocol: number | undefined;

  private constructor(private readonly reader: CardReader) {}

  static async open(readerName: string, cleanup: Cleanup): Promise<RawReader> {
    const raw = new RawReader(await openPcscReader(readerName, cleanup));
    cleanup.add('disconnect the raw pcsclite reader', () => raw.disconnect());
    return raw;
  }

  /** Exclusive, like our transport, so both are measured under the same share mode. */
  connect(): Promise<void> {
    const reader = this.reader;
    const connected = new Promise<void>((resolve, reject) => {
      const options = {
        share_mode: reader.SCARD_SHARE_EXCLUSIVE,
        protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1,
      };
      reader.connect(options, (error, protocol) => {
        if (error) return reject(error);
        this.protocol = protocol;
        resolve();
      });
    });
    return withTimeout(connected, OPERATION_TIMEOUT_MS, 'SCardConnect did not return');
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    const protocol = this.protocol;
    if (protocol === undefined) return Promise.reject(new Error('not connected'));
    const sent = new Promise<Uint8Array>((resolve, reject) => {
      this.reader.transmit(Buffer.from(command), MAX_RESPONSE, protocol, (error, data) =>
        error ? reject(error) : resolve(data),
      );
    });
    return withTimeout(sent, OPERATION_TIMEOUT_MS, 'SCardTransmit did not return');
  }

  /** Resets the card on the way out, as our transport's release() does. */
  async disconnect(): Promise<void> {
    if (this.protocol === undefined) return;
    this.protocol = undefined;
    const reader = this.reader;
    await withTimeout(
      new Promise<void>((resolve) => reader.disconnect(reader.SCARD_RESET_CARD, () => resolve())),
      OPERATION_TIMEOUT_MS,
      'SCardDisconnect did not return',
    );
  }
}

/**
 * Replays `prime` untimed (it puts the card where our driver had it: AP selected), then `measured`
 * back to back under one clock. Fails if any status word differs from what our driver got, so the
 * floor is provably the same work.
 */
export async function replayFloor(
  raw: RawReader,
  prime: readonly RecordedExchange[],
  measured: readonly RecordedExchange[],
): Promise<number> {
  for (const [index, exchange] of prime.entries()) {
    checkSameStatus(statusWord(await raw.transmit(exchange.command)), exchange, `priming APDU ${index + 1}`);
  }
  const statuses: number[] = [];
  const started = performance.now();
  for (const exchange of measured) statuses.push(statusWord(await raw.transmit(exchange.command)));
  const elapsed = performance.now() - started;
  measured.forEach((exchange, index) => checkSameStatus(statuses[index]!, exchange, `APDU ${index + 1}`));
  return elapsed;
}

function checkSameStatus(got: number, expected: RecordedExchange, what: string): void {
  if (got === expected.sw) return;
  throw new Error(
    `floor replay diverged at ${what} (INS ${hex2(expected.command[1] ?? 0)}): ` +
      `SW ${hex4(got)} where our driver got ${hex4(expected.sw)}`,
  );
}

function statusWord(response: Uint8Array): number {
  return response.length >= 2 ? (response[response.length - 2]! << 8) | response[response.length - 1]! : -1;
}

const hex2 = (value: number) => value.toString(16).toUpperCase().padStart(2, '0');
const hex4 = (value: number) => (value < 0 ? 'none' : value.toString(16).toUpperCase().padStart(4, '0'));
