/**
 * The bench's own card: a fresh test-PKI My Number Card, in this process, put into the vpcd reader
 * the bench was given (default "Virtual PCD 00 01", not the tests' 00 00), seen through the real
 * pcscd by a PcscReaderMonitor. The card logs every APDU it answers, so counts are taken on the
 * card side whoever sent them; the log keeps headers, AIDs and status words, never command data.
 */
import { createTestPki, DEMO_HOLDERS, type CardCredentials } from '../mocks/pki';
import { VirtualJpkiCard } from '../mocks/virtual-card/jpki-applet';
import { createCardState } from '../mocks/virtual-card/state';
import { VpcdCard } from '../mocks/virtual-card/vpcd-client';
import { toHex } from '../native-bridge/src/jpki/apdu';
import { JPKI_AID } from '../stb-spec/protocol/jpki-card';
import { PcscReaderMonitor, type ReaderSnapshot } from '../native-bridge/src/transport/pcsc-readers';
import type { PcscTransport } from '../native-bridge/src/transport/pcsc-transport';
import { withTimeout, type Cleanup } from './cleanup';

export const DEFAULT_READER = 'Virtual PCD 00 01';
export const DEFAULT_VPCD_PORT = 35964;
export const AUTH_PIN = '1234';
const SIGN_PASSWORD = 'ABC123';
const JPKI_AID_HEX = toHex(JPKI_AID);
/** pcscd polls vpcd; insertion and removal show up well within this. */
const PRESENCE_TIMEOUT_MS = 10_000;

/** What the card saw of one APDU. VERIFY's data is the PIN: only its length is kept. */
export interface CardSideApdu {
  /** CLA INS P1 P2 as hex. */
  header: string;
  dataLength: number;
  /** The DF name of a SELECT by name (public AIDs, useful to see what a middleware probes). */
  selectedAid?: string;
  sw: number;
}

export class BenchSetupError extends Error {}

export interface CardRigOptions {
  readerName: string;
  vpcdPort: number;
  cleanup: Cleanup;
}

export class CardRig {
  readonly cardLog: CardSideApdu[] = [];
  private inserted: VpcdCard | undefined;

  private constructor(
    readonly options: CardRigOptions,
    readonly monitor: PcscReaderMonitor,
    readonly credentials: CardCredentials,
    private readonly card: VirtualJpkiCard,
  ) {}

  /** Connects to pcscd, checks the reader is there and empty, and makes the card (not inserted yet). */
  static async start(options: CardRigOptions): Promise<CardRig> {
    let monitor: PcscReaderMonitor;
    try {
      monitor = await PcscReaderMonitor.start({ transmitTimeoutMs: 10_000 });
    } catch (error) {
      throw new BenchSetupError(
        `pcscd に接続できません。pcscd が動いていないようです — \`bash scripts/ensure-system.sh\` で起動してください。\n` +
          `cannot reach pcscd (${(error as Error).message}); is it running? Start it with \`bash scripts/ensure-system.sh\`.`,
      );
    }
    options.cleanup.add('close the PC/SC monitor', () => monitor.close());
    monitor.on('error', () => undefined); // pcscd hiccups surface as failed transmits, with context
    const reader = monitor.readers().find((r) => r.name === options.readerName);
    if (!reader) {
      const names = monitor.readers().map((r) => `"${r.name}"`);
      throw new BenchSetupError(
        `リーダー "${options.readerName}" が見つかりません (あるのは: ${names.join(', ') || 'なし'})。` +
          `vpcd 入りの pcscd を \`bash scripts/ensure-system.sh\` で起動してください。\n` +
          `reader "${options.readerName}" not found (readers: ${names.join(', ') || 'none'}); ` +
          `start pcscd with vsmartcard's vpcd via \`bash scripts/ensure-system.sh\`, or pass --reader NAME --vpcd-port N.`,
      );
    }
    if (reader.presence !== 'absent') {
      throw new BenchSetupError(
        `リーダー "${options.readerName}" には既にカードがあります。別のカードを外してください。\n` +
          `reader "${options.readerName}" already holds a card (someone else's virtual card?); remove it first.`,
      );
    }
    const pki = await createTestPki();
    const credentials = await pki.issueCard(DEMO_HOLDERS[0]!);
    const card = new VirtualJpkiCard({
      state: createCardState(credentials, { auth: AUTH_PIN, sign: SIGN_PASSWORD }),
    });
    const rig = new CardRig(options, monitor, credentials, card);
    options.cleanup.add('remove the virtual card', () => rig.remove());
    return rig;
  }

  get readerName(): string {
    return this.options.readerName;
  }

  /** Tries left on the card itself (the bench must not spend any). */
  get authTriesLeft(): number {
    return this.card.state.triesLeft.auth;
  }

  /** Puts the card into the reader (a power-up: no AP selected, no PIN verified) and waits for pcscd. */
  async insert(): Promise<void> {
    if (this.inserted) throw new Error('the card is already inserted');
    const vpcd = new VpcdCard(this.card, { port: this.options.vpcdPort, connectAttempts: 10 });
    vpcd.on('apdu', (command, response) => this.cardLog.push(describe(command, response)));
    vpcd.on('error', () => undefined); // a reset socket is followed by 'removed'
    await vpcd.connect();
    this.inserted = vpcd;
    await this.waitFor('present');
  }

  async remove(): Promise<void> {
    const vpcd = this.inserted;
    if (!vpcd) return;
    this.inserted = undefined;
    await vpcd.disconnect();
    await this.waitFor('absent');
  }

  transport(): PcscTransport {
    return this.monitor.transport(this.options.readerName);
  }

  private waitFor(presence: ReaderSnapshot['presence']): Promise<void> {
    const name = this.options.readerName;
    const matches = (readers: ReaderSnapshot[]) =>
      readers.find((r) => r.name === name)?.presence === presence;
    if (matches(this.monitor.readers())) return Promise.resolve();
    let listener: ((readers: ReaderSnapshot[]) => void) | undefined;
    const seen = new Promise<void>((resolve) => {
      listener = (readers) => {
        if (matches(readers)) resolve();
      };
      this.monitor.on('change', listener);
    });
    const what =
      presence === 'present' ? 'カード挿入 / the card to appear' : 'カード取り出し / the card to leave';
    const hint = presence === 'present' ? ` (does --vpcd-port ${this.options.vpcdPort} belong to it?)` : '';
    return withTimeout(
      seen,
      PRESENCE_TIMEOUT_MS,
      `timed out waiting for ${what} in "${name}"${hint}`,
    ).finally(() => listener && this.monitor.off('change', listener));
  }
}

function describe(command: Uint8Array, response: Uint8Array): CardSideApdu {
  const header = toHex(command.subarray(0, 4));
  // Short Lc at byte 4 when the command carries data (cases 3 and 4); 0 for cases 1 and 2.
  const dataLength = command.length > 5 ? command[4]! : 0;
  const isSelectByName = command[1] === 0xa4 && command[2] === 0x04;
  const sw =
    response.length >= 2 ? (response[response.length - 2]! << 8) | response[response.length - 1]! : 0;
  return {
    header,
    dataLength,
    ...(isSelectByName ? { selectedAid: toHex(command.subarray(5, 5 + dataLength)) } : {}),
    sw,
  };
}

/** Index of the successful SELECT of the JPKI AP, or -1: what came before is a middleware's probing. */
export function jpkiSelectIndex(apdus: readonly CardSideApdu[]): number {
  return apdus.findIndex((apdu) => apdu.selectedAid === JPKI_AID_HEX && apdu.sw === 0x9000);
}

/** One line per APDU for --verbose: header, data length or AID, status word. Never data. */
export function formatCardSideApdu(apdu: CardSideApdu): string {
  const detail = apdu.selectedAid
    ? `AID ${apdu.selectedAid}`
    : apdu.dataLength
      ? `${apdu.dataLength} data bytes`
      : '';
  return `${apdu.header} ${detail.padEnd(36)} → ${apdu.sw.toString(16).toUpperCase().padStart(4, '0')}`;
}
