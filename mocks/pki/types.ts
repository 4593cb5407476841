/**
 * Contract of the test PKI (mocks/pki). Everything is DER bytes or PKCS#8 DER private keys, so the
 * virtual card (node:crypto), the platform simulator (WebCrypto + pkijs) and OpenSC can all use it.
 */

/** The holder's four basic attributes (基本4情報) as they stand in the signature certificate. */
export interface CardHolder {
  /** 氏名, e.g. 山田 花子 */
  name: string;
  /** 住所, e.g. 東京都千代田区霞が関1-1-1 */
  address: string;
  /** ISO date, e.g. 1948-04-02 */
  birthDate: string;
  /** 性別 code as in the certificate: '1' male, '2' female, '3' other */
  sex: '1' | '2' | '3';
  /** 氏名代替文字の使用位置 (where the name needed substitute characters); usually absent. */
  nameAlternative?: string;
  /** 住所代替文字の使用位置; usually absent. */
  addressAlternative?: string;
}

export type CertificateKind = 'auth' | 'sign';

/** One generation of a root CA (JPKI rolls its roots over; relying parties trust every generation). */
export interface RootGeneration {
  kind: CertificateKind;
  generation: number;
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
}

/** Everything a My Number card's JPKI AP holds, plus the private keys the card keeps inside. */
export interface CardCredentials {
  holder: CardHolder;
  authCertificate: Uint8Array;
  authPrivateKeyPkcs8: Uint8Array;
  authCaCertificate: Uint8Array;
  signCertificate: Uint8Array;
  signPrivateKeyPkcs8: Uint8Array;
  signCaCertificate: Uint8Array;
  /** Serial numbers as lower-case hex without leading zeros stripped (as in the DER INTEGER). */
  authSerialHex: string;
  signSerialHex: string;
}

export interface IssueCardOptions {
  /** Which root generation issues the certificates (default: the newest). */
  generation?: number;
  /** Issue date; the certificates expire on the holder's 5th birthday after it (default: now). */
  issuedAt?: Date;
  /** Explicit validity, overriding the 5th-birthday rule (for expired-certificate scenarios). */
  notBefore?: Date;
  notAfter?: Date;
}

export interface CreateTestPkiOptions {
  /** How many generations of each root (JPKI-style rollover); default 2. The newest issues by default. */
  generations?: number;
  /** Fixed clock for root validity, default issue dates and CRL thisUpdate (default: the real time). */
  now?: Date;
}
