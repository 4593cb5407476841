/**
 * The JPKI card driver: the My Number Card's 公的個人認証 AP over any ApduTransport. Modelled on
 * OpenSC's card-jpki.c, but sends fewer APDUs: selection is remembered within a transport epoch,
 * the first chunk of an EF is read by short EF identifier where the card allows it, and the PIN
 * counter learnt from a status query guards the next VERIFY without another query.
 *
 * It never reads the card-info APs or the individual number (個人番号): nothing here needs them and
 * the law forbids a private service to collect it.
 */
import type { ApduTransport } from '../transport/apdu-transport';
import type { ResponseApdu } from './apdu';
import { CardChannel, type ApduTraceEntry } from './card-channel';
import {
  CERTIFICATE_EF,
  Cla,
  Ins,
  JPKI_TOKEN_LABEL,
  JpkiEf,
  KEY_EF,
  PIN_EF,
  PIN_FORMAT,
  PIN_MAX_TRIES,
  READ_BINARY_SFI_FLAG,
  RSA_2048_SIGNATURE_LENGTH,
  SFI_MAX,
  SHA256_DIGEST_INFO_PREFIX,
  SHA256_DIGEST_LENGTH,
  SHORT_LE_MAX,
  SIGN_P1,
  SIGN_P2,
  VERIFY_P1,
  VERIFY_P2_SELECTED_PIN,
  type CertificateSlot,
  type JpkiEfId,
  type KeyKind,
  type PinKind,
} from '../../../stb-spec/protocol/jpki-card';
import { derSequenceTotalLength } from './der-length';
import {
  CardDataError,
  CardError,
  LastAttemptNeedsConfirmationError,
  NotMyNumberCardError,
  PinFormatError,
  PinLockedError,
} from './errors';
import { StatusWord, errorForStatus, isOk, triesLeftOf } from './status-words';

export interface PinStatus {
  triesLeft: number;
  maxTries: number;
  locked: boolean;
}

export interface PinUseOptions {
  /** The viewer confirmed spending the last try. Without it, a VERIFY at one try left is refused. */
  confirmLastAttempt?: boolean;
}

export interface JpkiCardOptions {
  /**
   * READ BINARY by short EF identifier saves a SELECT per EF. 'auto' (default) uses it only once
   * detect() proved it: the token EF read that way must hold the JPKI label. The design note does
   * not promise it, so a card that ignores or misreads P1's SFI bit costs one APDU, once.
   */
  shortEfAddressing?: 'auto' | 'always' | 'never';
  /** The card's ATR as hex, reported in NOT_MY_NUMBER_CARD errors. */
  atr?: string;
  trace?: (entry: ApduTraceEntry) => void;
}

/**
 * Only the label's bytes are read from the token EF: the design note fixes the label but not the
 * EF's padded size, and a card may refuse (6700) a read past its end instead of answering 6282.
 */
const TOKEN_READ_LENGTH = JPKI_TOKEN_LABEL.length;

export class JpkiCard {
  private readonly channel: CardChannel;
  private shortEf: 'unknown' | 'supported' | 'unsupported';
  private readonly knownTries = new Map<PinKind, number>();

  constructor(
    private readonly transport: ApduTransport,
    private readonly options: JpkiCardOptions = {},
  ) {
    this.channel = new CardChannel(transport, { trace: options.trace });
    const mode = options.shortEfAddressing ?? 'auto';
    this.shortEf = mode === 'always' ? 'supported' : mode === 'never' ? 'unsupported' : 'unknown';
  }

  /** APDUs this driver has sent, for benchmarks and tests. */
  get apduCount(): number {
    return this.channel.apduCount;
  }

  /** Confirms the card carries the JPKI AP: SELECT of the AID and the token EF's label, not the ATR. */
  detect(): Promise<{ token: string }> {
    return this.operation(async () => {
      const response = await this.channel.selectApplication();
      if (!isOk(response.sw)) throw this.applicationError(response.sw);
      if (this.shortEf === 'unknown') {
        const probe = await this.readByShortEf(JpkiEf.tokenInfo, TOKEN_READ_LENGTH);
        this.shortEf = probe && tokenLabel(probe) === JPKI_TOKEN_LABEL ? 'supported' : 'unsupported';
        if (this.shortEf === 'supported') return { token: JPKI_TOKEN_LABEL };
        this.channel.forgetCurrentEf();
      }
      const label = tokenLabel(await this.readFirstChunk(JpkiEf.tokenInfo, TOKEN_READ_LENGTH));
      if (label !== JPKI_TOKEN_LABEL) throw new NotMyNumberCardError(this.options.atr);
      return { token: label };
    });
  }

  /** Reads a certificate that needs no PIN: the auth certificate or one of the two CA certificates. */
  readCertificate(slot: Exclude<CertificateSlot, 'sign'>): Promise<Uint8Array> {
    return this.operation(() => this.readCertificateEf(CERTIFICATE_EF[slot]));
  }

  /** The signature certificate carries name, address, birth date and sex: the card asks the password. */
  async readSignCertificate(password: string, options: PinUseOptions = {}): Promise<Uint8Array> {
    checkPinFormat('sign', password);
    return this.operation(async () => {
      await this.verifyWithinOperation('sign', password, options);
      return this.readCertificateEf(CERTIFICATE_EF.sign);
    });
  }

  /** Tries left, without spending one (VERIFY with no data). */
  pinStatus(kind: PinKind): Promise<PinStatus> {
    return this.operation(async () => {
      await this.ensureApplication();
      await this.channel.selectEf(PIN_EF[kind]);
      const { sw } = await this.channel.exchange(verifyCommand(), 'pin-status');
      const triesLeft = this.triesFromStatusQuery(kind, sw);
      this.knownTries.set(kind, triesLeft);
      return { triesLeft, maxTries: PIN_MAX_TRIES[kind], locked: triesLeft === 0 };
    });
  }

  async verifyPin(kind: PinKind, pin: string, options: PinUseOptions = {}): Promise<void> {
    checkPinFormat(kind, pin);
    return this.operation(() => this.verifyWithinOperation(kind, pin, options));
  }

  /**
   * RSASSA-PKCS1-v1_5 with SHA-256: the card pads the DigestInfo (type 1) and signs with the key
   * of `kind`, after the PIN of the same kind is verified in the same exclusive hold of the card.
   */
  async sign(
    kind: KeyKind,
    pin: string,
    sha256Digest: Uint8Array,
    options: PinUseOptions = {},
  ): Promise<Uint8Array> {
    checkPinFormat(kind, pin);
    if (sha256Digest.length !== SHA256_DIGEST_LENGTH) {
      throw new RangeError(`a SHA-256 digest is ${SHA256_DIGEST_LENGTH} bytes, got ${sha256Digest.length}`);
    }
    return this.operation(async () => {
      await this.verifyWithinOperation(kind, pin, options);
      await this.channel.selectEf(KEY_EF[kind]);
      const command = {
        cla: Cla.proprietary,
        ins: Ins.computeDigitalSignature,
        p1: SIGN_P1,
        p2: SIGN_P2,
        data: Buffer.concat([SHA256_DIGEST_INFO_PREFIX, sha256Digest]),
        le: SHORT_LE_MAX,
      };
      const { data, sw } = await this.channel.exchange(command, 'sign');
      if (!isOk(sw)) throw errorForStatus(sw, 'sign');
      if (data.length !== RSA_2048_SIGNATURE_LENGTH) {
        throw new CardDataError(`signature of ${data.length} bytes, expected ${RSA_2048_SIGNATURE_LENGTH}`);
      }
      return Uint8Array.from(data);
    });
  }

  /** Runs one card operation with the card held exclusively; any failure forgets cached card state. */
  private operation<T>(body: () => Promise<T>): Promise<T> {
    return this.transport.exclusive(async () => {
      if (!this.channel.syncEpoch()) this.knownTries.clear();
      try {
        const result = await body();
        this.channel.acknowledgeEpoch();
        return result;
      } catch (error) {
        this.channel.forgetSelection();
        this.knownTries.clear();
        throw error;
      }
    });
  }

  private async ensureApplication(): Promise<void> {
    if (this.channel.hasApplicationSelected) return;
    const { sw } = await this.channel.selectApplication();
    if (!isOk(sw)) throw this.applicationError(sw);
  }

  private applicationError(sw: number): Error {
    return errorForStatus(sw, 'select-application', this.options.atr);
  }

  private async verifyWithinOperation(kind: PinKind, pin: string, options: PinUseOptions): Promise<void> {
    await this.ensureApplication();
    await this.channel.selectEf(PIN_EF[kind]);
    // The guard needs the counter; query it (no try spent) unless this epoch already knows it.
    let triesLeft = this.knownTries.get(kind);
    if (triesLeft === undefined) {
      const { sw } = await this.channel.exchange(verifyCommand(), 'pin-status');
      triesLeft = this.triesFromStatusQuery(kind, sw);
      this.knownTries.set(kind, triesLeft);
    }
    if (triesLeft === 0) throw new PinLockedError();
    if (triesLeft === 1 && !options.confirmLastAttempt) {
      throw new LastAttemptNeedsConfirmationError();
    }
    const { sw } = await this.channel
      .exchange(verifyCommand(Buffer.from(pin, 'ascii')), 'verify')
      .catch((error: unknown) => {
        // The exchange itself failed: the card may or may not have counted this try.
        if (error instanceof CardError) error.verifyOutcome = 'unknown';
        throw error;
      });
    if (isOk(sw)) {
      this.knownTries.set(kind, PIN_MAX_TRIES[kind]);
      return;
    }
    const left = triesLeftOf(sw);
    if (left !== undefined) this.knownTries.set(kind, left);
    throw errorForStatus(sw, 'verify');
  }

  private triesFromStatusQuery(kind: PinKind, sw: number): number {
    // 9000: this PIN is already verified in the current AP session, so the counter is full.
    if (isOk(sw)) return PIN_MAX_TRIES[kind];
    if (sw === StatusWord.authenticationMethodBlocked || sw === StatusWord.referenceDataNotUsable) return 0;
    const triesLeft = triesLeftOf(sw);
    if (triesLeft === undefined) throw errorForStatus(sw, 'pin-status');
    return triesLeft;
  }

  private async readCertificateEf(ef: JpkiEfId): Promise<Uint8Array> {
    await this.ensureApplication();
    const first = await this.readFirstChunk(ef, SHORT_LE_MAX);
    const total = derSequenceTotalLength(first);
    const parts = [first.subarray(0, total)];
    let offset = Math.min(first.length, total);
    while (offset < total) {
      const chunk = await this.readAt(offset, Math.min(SHORT_LE_MAX, total - offset));
      if (chunk.length === 0) throw new CardDataError(`certificate truncated at ${offset} of ${total} bytes`);
      parts.push(chunk);
      offset += chunk.length;
    }
    return Uint8Array.from(Buffer.concat(parts));
  }

  /** The EF's first bytes: by short EF identifier once the card proved it takes it, else SELECT + READ. */
  private async readFirstChunk(ef: JpkiEfId, le: number): Promise<Uint8Array> {
    if (this.shortEf === 'supported' && ef <= SFI_MAX && this.channel.selectedEf !== ef) {
      const data = await this.readByShortEf(ef, le);
      if (data) return data;
      if (this.options.shortEfAddressing === 'always')
        throw new CardDataError('the card refused a short EF read');
      this.shortEf = 'unsupported';
      this.channel.forgetCurrentEf();
    }
    await this.channel.selectEf(ef);
    return this.readAt(0, le);
  }

  /** READ BINARY with P1 = 0x80 | SFI; undefined when the card did not answer with data. */
  private async readByShortEf(ef: JpkiEfId, le: number): Promise<Uint8Array | undefined> {
    const command = { cla: Cla.iso, ins: Ins.readBinary, p1: READ_BINARY_SFI_FLAG | ef, p2: 0, le };
    const response = await this.channel.exchange(command, 'read-binary');
    if (!isOk(response.sw) && response.sw !== StatusWord.endOfFileReached) return undefined;
    this.channel.noteImplicitSelection(ef);
    return response.data;
  }

  private async readAt(offset: number, le: number): Promise<Uint8Array> {
    const command = { cla: Cla.iso, ins: Ins.readBinary, p1: (offset >> 8) & 0x7f, p2: offset & 0xff, le };
    const response: ResponseApdu = await this.channel.exchange(command, 'read-binary');
    if (isOk(response.sw) || response.sw === StatusWord.endOfFileReached) return response.data;
    throw errorForStatus(response.sw, 'read-binary');
  }
}

function tokenLabel(content: Uint8Array): string {
  return Buffer.from(content)
    .toString('latin1')
    .replace(/[ \0]+$/, '');
}

function verifyCommand(pin?: Uint8Array) {
  return { cla: Cla.iso, ins: Ins.verify, p1: VERIFY_P1, p2: VERIFY_P2_SELECTED_PIN, data: pin };
}

/** The card never sees a PIN of the wrong shape: it would cost a try for nothing. */
export function checkPinFormat(kind: PinKind, pin: string): void {
  if (typeof pin !== 'string' || !PIN_FORMAT[kind].test(pin)) {
    throw new PinFormatError(
      kind === 'auth'
        ? 'The user-authentication PIN is exactly 4 digits'
        : 'The signature password is 6–16 characters of A–Z and 0–9',
    );
  }
}
