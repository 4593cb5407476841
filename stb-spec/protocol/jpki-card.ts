/**
 * Card facts of the JPKI application (公的個人認証 AP) on the My Number Card: the tables of spec.md §5
 * (files, commands, PIN formats) as names, matching OpenSC's jpki.h. The bridge's driver builds
 * every APDU from them and the development kit's virtual card answers from them, so neither spells
 * a byte of its own and neither depends on the other.
 */

/** AID of the JPKI AP. */
export const JPKI_AID = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);

/** Elementary files inside the JPKI AP (2-byte file identifiers). */
export const JpkiEf = {
  signCertificate: 0x0001,
  signCaCertificate: 0x0002,
  tokenInfo: 0x0006,
  authCertificate: 0x000a,
  authCaCertificate: 0x000b,
  authKey: 0x0017,
  authPin: 0x0018,
  signKey: 0x001a,
  signPin: 0x001b,
} as const;
export type JpkiEfId = (typeof JpkiEf)[keyof typeof JpkiEf];

/** The token EF names the application; it is space padded. */
export const JPKI_TOKEN_LABEL = 'JPKIAPICCTOKEN2';
export const JPKI_TOKEN_EF_SIZE = 32;

export const Cla = { iso: 0x00, proprietary: 0x80 } as const;

export const Ins = {
  select: 0xa4,
  readBinary: 0xb0,
  verify: 0x20,
  getResponse: 0xc0,
  computeDigitalSignature: 0x2a,
} as const;

/** SELECT P1: by file id or by DF name (AID). P2 0x0C: no FCI returned. */
export const SelectP1 = { byFileId: 0x02, byDfName: 0x04 } as const;
export const SELECT_P2_NO_RESPONSE = 0x0c;

/** READ BINARY P1 with bit 8 set carries a short EF identifier in bits 1–5 (ISO 7816-4 §11.2.2). */
export const READ_BINARY_SFI_FLAG = 0x80;
export const SFI_MAX = 0x1e;

/** VERIFY P2: the reference data of the currently selected PIN EF. */
export const VERIFY_P1 = 0x00;
export const VERIFY_P2_SELECTED_PIN = 0x80;

/** COMPUTE DIGITAL SIGNATURE P1/P2 as the JPKI AP expects them (80 2A 00 80). */
export const SIGN_P1 = 0x00;
export const SIGN_P2 = 0x80;

/** Short APDUs only: Le 0x00 means 256 bytes. */
export const SHORT_LE_MAX = 256;

export type PinKind = 'auth' | 'sign';
export type KeyKind = PinKind;
export type CertificateSlot = 'auth' | 'authCA' | 'signCA' | 'sign';

export const PIN_EF: Record<PinKind, JpkiEfId> = { auth: JpkiEf.authPin, sign: JpkiEf.signPin };
export const KEY_EF: Record<KeyKind, JpkiEfId> = { auth: JpkiEf.authKey, sign: JpkiEf.signKey };
export const CERTIFICATE_EF: Record<CertificateSlot, JpkiEfId> = {
  auth: JpkiEf.authCertificate,
  authCA: JpkiEf.authCaCertificate,
  signCA: JpkiEf.signCaCertificate,
  sign: JpkiEf.signCertificate,
};

/** Tries before the card blocks the PIN: auth PIN 3 (4 digits), signature password 5 (6–16 A–Z 0–9). */
export const PIN_MAX_TRIES: Record<PinKind, number> = { auth: 3, sign: 5 };
export const PIN_FORMAT: Record<PinKind, RegExp> = { auth: /^[0-9]{4}$/, sign: /^[A-Z0-9]{6,16}$/ };

/** ATR that OpenSC's JPKI driver also matches; the driver itself detects the card by SELECT, not ATR. */
export const JPKI_ATR = Uint8Array.of(0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14);

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1); the 32-byte digest follows it. */
export const SHA256_DIGEST_INFO_PREFIX = Uint8Array.of(
  0x30,
  0x31,
  0x30,
  0x0d,
  0x06,
  0x09,
  0x60,
  0x86,
  0x48,
  0x01,
  0x65,
  0x03,
  0x04,
  0x02,
  0x01,
  0x05,
  0x00,
  0x04,
  0x20,
);
export const SHA256_DIGEST_LENGTH = 32;
export const RSA_2048_SIGNATURE_LENGTH = 256;
