/**
 * A virtual My Number Card: the JPKI AP (公的個人認証 AP) as an APDU processor. It answers the
 * APDUs of our native bridge and of OpenSC's jpki driver like the real card does, and answers
 * anything else with an ISO 7816-4 error status word. It never throws on any input.
 *
 * Only the JPKI AP exists here. The card-info APs and the individual number (個人番号) are not
 * modelled at all: by law nothing in this project may read them, so their AIDs answer 6A82 like
 * any unknown AID.
 *
 * Choices where the card's behaviour is not pinned down by our sources (documented in README.md):
 * - fewer than 4 bytes → 6700; a known INS with the wrong CLA → 6E00;
 * - READ BINARY with short-EF addressing while SFI support is off → 6A81 (function not supported);
 * - VERIFY and COMPUTE DIGITAL SIGNATURE without a current EF of the right kind → 6986;
 * - a VERIFY with data that is wrong in any way (also wrong length) costs a try;
 * - a failed SELECT keeps the previous selection; GET RESPONSE with nothing pending → 6985.
 */
import { constants as cryptoConstants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import {
  Cla,
  Ins,
  JPKI_AID,
  JPKI_ATR,
  JPKI_TOKEN_EF_SIZE,
  JPKI_TOKEN_LABEL,
  JpkiEf,
  PIN_MAX_TRIES,
  READ_BINARY_SFI_FLAG,
  SELECT_P2_NO_RESPONSE,
  SFI_MAX,
  SIGN_P1,
  SIGN_P2,
  SelectP1,
  VERIFY_P1,
  VERIFY_P2_SELECTED_PIN,
  type KeyKind,
  type PinKind,
} from '../../stb-spec/protocol/jpki-card';
import { parseCommandApdu, type CommandApdu } from './command-apdu';
import type { VirtualCardState } from './state';
import { Sw } from './status-words';

/** Generic ISO 14443/7816 ATR of a card without a JPKI AP (for the not-my-number-card scenario). */
export const GENERIC_CARD_ATR = Uint8Array.of(
  0x3b,
  0x8f,
  0x80,
  0x01,
  0x80,
  0x4f,
  0x0c,
  0xa0,
  0x00,
  0x00,
  0x03,
  0x06,
  0x03,
  0x00,
  0x03,
  0x00,
  0x00,
  0x00,
  0x00,
  0x68,
);

/** RSA-2048 with PKCS#1 v1.5 type-1 padding leaves room for at most 256 − 11 bytes of DigestInfo. */
const MAX_SIGN_INPUT_LENGTH = 245;

export interface VirtualJpkiCardOptions {
  /** Persistent state; the card mutates `triesLeft` in place and reports each change. */
  state: VirtualCardState;
  /** Called after every change of the persistent state (to write the state file). */
  onStateChange?: (state: VirtualCardState) => void;
  /** Default: the JPKI ATR when the AP is present, GENERIC_CARD_ATR otherwise. */
  atr?: Uint8Array;
  /** false: a card without a JPKI AP (not a My Number Card). Default true. */
  hasJpkiAp?: boolean;
  /** READ BINARY with short EF identifiers (P1 = 0x80 | SFI). Default true. */
  sfiReads?: boolean;
  /** Answer to a READ BINARY that reaches the end of the EF early: the bytes + 6282 (default), or 6Cxx. */
  shortRead?: 'end-of-file-warning' | 'wrong-le';
  /** T=0 style: any response with data comes back as 61xx and is fetched with GET RESPONSE. */
  deliverResponsesViaGetResponse?: boolean;
}

type ElementaryFile =
  | { kind: 'binary'; content: Uint8Array; readableAfter?: PinKind }
  | { kind: 'pin'; pin: PinKind }
  | { kind: 'key'; key: KeyKind };

interface PendingResponse {
  data: Uint8Array;
  finalSw: number;
}

/** Which CLA each supported INS is accepted with. */
const CLA_OF_INS = new Map<number, number>([
  [Ins.select, Cla.iso],
  [Ins.readBinary, Cla.iso],
  [Ins.verify, Cla.iso],
  [Ins.getResponse, Cla.iso],
  [Ins.computeDigitalSignature, Cla.proprietary],
]);

const SFI_MASK = 0x1f;
const SFI_RESERVED_BITS = 0x60;

export class VirtualJpkiCard {
  readonly atr: Uint8Array;
  readonly state: VirtualCardState;
  private readonly options: Required<Omit<VirtualJpkiCardOptions, 'atr' | 'onStateChange' | 'state'>>;
  private readonly onStateChange: ((state: VirtualCardState) => void) | undefined;
  private readonly files: ReadonlyMap<number, ElementaryFile>;
  private readonly keys = new Map<KeyKind, KeyObject>();

  // Volatile (security) state: lost on power-off, reset and on every SELECT of the AP.
  private apSelected = false;
  private currentEf: number | undefined;
  private readonly verified = new Set<PinKind>();
  private pending: PendingResponse | undefined;
  private powerEventCount = 0;

  constructor(options: VirtualJpkiCardOptions) {
    this.state = options.state;
    this.onStateChange = options.onStateChange;
    this.options = {
      hasJpkiAp: options.hasJpkiAp ?? true,
      sfiReads: options.sfiReads ?? true,
      shortRead: options.shortRead ?? 'end-of-file-warning',
      deliverResponsesViaGetResponse: options.deliverResponsesViaGetResponse ?? false,
    };
    this.atr = options.atr ?? (this.options.hasJpkiAp ? JPKI_ATR : GENERIC_CARD_ATR);
    this.files = buildFiles(options.state);
  }

  /** Counts power-ups, resets and power-offs: each one loses the volatile state. */
  get powerEvents(): number {
    return this.powerEventCount;
  }

  /** Cold start: everything volatile is gone; PIN counters are kept. */
  powerOn(): void {
    this.powerEventCount++;
    this.clearVolatileState();
  }

  /** Warm reset: same effect as a power cycle for this card. */
  reset(): void {
    this.powerEventCount++;
    this.clearVolatileState();
  }

  powerOff(): void {
    this.powerEventCount++;
    this.clearVolatileState();
  }

  /** Processes one command APDU; returns response data + SW1 SW2. Never throws. */
  process(command: Uint8Array): Uint8Array {
    try {
      return this.dispatch(command);
    } catch {
      // Only reachable through a bug; a card answers 6F00 (no precise diagnosis) rather than die.
      this.pending = undefined;
      return withSw(new Uint8Array(0), 0x6f00);
    }
  }

  private dispatch(bytes: Uint8Array): Uint8Array {
    // Any command but GET RESPONSE discards a response still waiting to be fetched (T=0 rule).
    if (bytes[1] !== Ins.getResponse) this.pending = undefined;
    if (bytes.length < 4) return status(Sw.wrongLength);
    const cla = bytes[0]!;
    const ins = bytes[1]!;
    if (cla !== Cla.iso && cla !== Cla.proprietary) return status(Sw.claNotSupported);
    const expectedCla = CLA_OF_INS.get(ins);
    if (expectedCla === undefined) return status(Sw.insNotSupported);
    if (expectedCla !== cla) return status(Sw.claNotSupported);

    const apdu = parseCommandApdu(bytes);
    if (!apdu) return status(Sw.wrongLength);
    switch (ins) {
      case Ins.select:
        return this.select(apdu);
      case Ins.readBinary:
        return this.readBinary(apdu);
      case Ins.verify:
        return this.verify(apdu);
      case Ins.computeDigitalSignature:
        return this.computeSignature(apdu);
      default:
        return this.getResponse(apdu);
    }
  }

  private select(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 !== SelectP1.byDfName && apdu.p1 !== SelectP1.byFileId) return status(Sw.incorrectP1P2);
    if (apdu.p2 !== SELECT_P2_NO_RESPONSE) return status(Sw.incorrectP1P2);
    if (apdu.data.length === 0) return status(Sw.wrongLength);

    if (apdu.p1 === SelectP1.byDfName) {
      if (!this.options.hasJpkiAp || !bytesEqual(apdu.data, JPKI_AID)) return status(Sw.fileNotFound);
      // Selecting the AP (again) starts a new AP session: PINs must be verified anew.
      this.clearVolatileState();
      this.apSelected = true;
      return status(Sw.ok);
    }
    if (apdu.data.length !== 2) return status(Sw.wrongLength);
    const fileId = (apdu.data[0]! << 8) | apdu.data[1]!;
    if (!this.apSelected || !this.files.has(fileId)) return status(Sw.fileNotFound);
    this.currentEf = fileId;
    return status(Sw.ok);
  }

  private readBinary(apdu: CommandApdu): Uint8Array {
    if (apdu.data.length > 0 || apdu.ne === undefined) return status(Sw.wrongLength);
    let offset: number;
    if (apdu.p1 & READ_BINARY_SFI_FLAG) {
      if (!this.options.sfiReads) return status(Sw.functionNotSupported);
      const sfi = apdu.p1 & SFI_MASK;
      if (apdu.p1 & SFI_RESERVED_BITS || sfi === 0 || sfi > SFI_MAX) return status(Sw.incorrectP1P2);
      // The JPKI EFs' ids are below 0x20, so each one's SFI (its low 5 bits) is its id; a
      // successful lookup makes the EF current, as a SELECT would.
      if (!this.apSelected || !this.files.has(sfi)) return status(Sw.fileNotFound);
      this.currentEf = sfi;
      offset = apdu.p2;
    } else {
      offset = (apdu.p1 << 8) | apdu.p2;
    }
    const file = this.currentEf === undefined ? undefined : this.files.get(this.currentEf);
    if (!file) return status(Sw.noCurrentEf);
    if (file.kind !== 'binary') return status(Sw.incompatibleFileStructure);
    if (file.readableAfter && !this.verified.has(file.readableAfter))
      return status(Sw.securityStatusNotSatisfied);
    if (offset >= file.content.length) return status(Sw.wrongP1P2Offset);

    const available = file.content.length - offset;
    if (available >= apdu.ne) return this.respond(file.content.subarray(offset, offset + apdu.ne), Sw.ok);
    if (this.options.shortRead === 'wrong-le') return status(Sw.wrongLe | available);
    return this.respond(file.content.subarray(offset), Sw.endOfFileWarning);
  }

  private verify(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 !== VERIFY_P1 || apdu.p2 !== VERIFY_P2_SELECTED_PIN) return status(Sw.incorrectP1P2);
    // Data and Le together make no sense for VERIFY; Le alone is tolerated as a tries query
    // (that is how a case-1 APDU looks after T=0 encoding adds P3 = 00).
    if (apdu.data.length > 0 && apdu.ne !== undefined) return status(Sw.wrongLength);
    const file = this.currentEf === undefined ? undefined : this.files.get(this.currentEf);
    if (file?.kind !== 'pin') return status(Sw.noCurrentEf);
    const pin = file.pin;
    const triesLeft = this.state.triesLeft[pin];

    if (apdu.data.length === 0) {
      if (this.verified.has(pin)) return status(Sw.ok);
      return status(Sw.triesLeft | triesLeft);
    }
    if (triesLeft === 0) return status(Sw.authenticationMethodBlocked);
    if (bytesEqual(apdu.data, Buffer.from(this.state.pins[pin], 'ascii'))) {
      this.verified.add(pin);
      this.setTriesLeft(pin, PIN_MAX_TRIES[pin]);
      return status(Sw.ok);
    }
    this.verified.delete(pin);
    this.setTriesLeft(pin, triesLeft - 1);
    return status(Sw.triesLeft | (triesLeft - 1));
  }

  private computeSignature(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 !== SIGN_P1 || apdu.p2 !== SIGN_P2) return status(Sw.incorrectP1P2);
    if (apdu.data.length === 0) return status(Sw.wrongLength);
    const file = this.currentEf === undefined ? undefined : this.files.get(this.currentEf);
    if (file?.kind !== 'key') return status(Sw.noCurrentEf);
    // Key and PIN pair up: auth key ↔ auth PIN, sign key ↔ signature password.
    if (!this.verified.has(file.key)) return status(Sw.securityStatusNotSatisfied);
    if (apdu.data.length > MAX_SIGN_INPUT_LENGTH) return status(Sw.wrongLength);
    // The card adds the PKCS#1 v1.5 type-1 padding itself and applies the raw RSA private-key
    // operation, which is exactly what privateEncrypt with RSA_PKCS1_PADDING does.
    const signature = privateEncrypt(
      { key: this.privateKey(file.key), padding: cryptoConstants.RSA_PKCS1_PADDING },
      apdu.data,
    );
    return this.respond(new Uint8Array(signature), Sw.ok);
  }

  private getResponse(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 !== 0 || apdu.p2 !== 0) return status(Sw.incorrectP1P2);
    if (apdu.data.length > 0 || apdu.ne === undefined) return status(Sw.wrongLength);
    const pending = this.pending;
    if (!pending) return status(Sw.conditionsOfUseNotSatisfied);
    if (apdu.ne > pending.data.length) return status(Sw.wrongLe | pending.data.length);
    const chunk = pending.data.subarray(0, apdu.ne);
    const rest = pending.data.subarray(apdu.ne);
    if (rest.length === 0) {
      this.pending = undefined;
      return withSw(chunk, pending.finalSw);
    }
    this.pending = { data: rest, finalSw: pending.finalSw };
    return withSw(chunk, bytesAvailableSw(rest.length));
  }

  /** Data + SW, or in GET RESPONSE mode 61xx with the data kept for GET RESPONSE. */
  private respond(data: Uint8Array, sw: number): Uint8Array {
    if (!this.options.deliverResponsesViaGetResponse || data.length === 0) return withSw(data, sw);
    this.pending = { data: new Uint8Array(data), finalSw: sw };
    return status(bytesAvailableSw(data.length));
  }

  private setTriesLeft(pin: PinKind, triesLeft: number): void {
    if (this.state.triesLeft[pin] === triesLeft) return;
    this.state.triesLeft[pin] = triesLeft;
    this.onStateChange?.(this.state);
  }

  private privateKey(kind: KeyKind): KeyObject {
    let key = this.keys.get(kind);
    if (!key) {
      const der =
        kind === 'auth'
          ? this.state.credentials.authPrivateKeyPkcs8
          : this.state.credentials.signPrivateKeyPkcs8;
      key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
      this.keys.set(kind, key);
    }
    return key;
  }

  private clearVolatileState(): void {
    this.apSelected = false;
    this.currentEf = undefined;
    this.verified.clear();
    this.pending = undefined;
  }
}

/** The JPKI AP's EFs. The sign certificate holds the holder's 基本4情報, hence the password. */
function buildFiles(state: VirtualCardState): Map<number, ElementaryFile> {
  const credentials = state.credentials;
  const token = new Uint8Array(JPKI_TOKEN_EF_SIZE).fill(0x20);
  token.set(Buffer.from(JPKI_TOKEN_LABEL, 'ascii'));
  return new Map<number, ElementaryFile>([
    [JpkiEf.signCertificate, { kind: 'binary', content: credentials.signCertificate, readableAfter: 'sign' }],
    [JpkiEf.signCaCertificate, { kind: 'binary', content: credentials.signCaCertificate }],
    [JpkiEf.tokenInfo, { kind: 'binary', content: token }],
    [JpkiEf.authCertificate, { kind: 'binary', content: credentials.authCertificate }],
    [JpkiEf.authCaCertificate, { kind: 'binary', content: credentials.authCaCertificate }],
    [JpkiEf.authKey, { kind: 'key', key: 'auth' }],
    [JpkiEf.authPin, { kind: 'pin', pin: 'auth' }],
    [JpkiEf.signKey, { kind: 'key', key: 'sign' }],
    [JpkiEf.signPin, { kind: 'pin', pin: 'sign' }],
  ]);
}

/** 61xx; xx = 00 means 256 or more bytes are waiting. */
function bytesAvailableSw(length: number): number {
  return Sw.bytesAvailable | (Math.min(length, 256) & 0xff);
}

function status(sw: number): Uint8Array {
  return withSw(new Uint8Array(0), sw);
}

function withSw(data: Uint8Array, sw: number): Uint8Array {
  const response = new Uint8Array(data.length + 2);
  response.set(data);
  response[data.length] = sw >> 8;
  response[data.length + 1] = sw & 0xff;
  return response;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
