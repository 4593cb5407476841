/**
 * X.509 building blocks of the test PKI: names, extensions, the self-signed roots and the two card
 * certificates (利用者証明用 / 署名用), all RSA-2048 with sha256WithRSAEncryption.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  generateRsaKey,
  keyIdentifierOf,
  randomBytes,
  randomSerial,
  toArrayBuffer,
  toHex,
  type GeneratedKey,
  type WebCryptoKey,
} from './engine';
import { encodeHolderAltNames } from './holder-san';
import * as oid from './oids';
import type { CardHolder, CertificateKind } from './types';

/** [attribute type OID, value, string type]; one attribute per RDN, in order. */
type NameAttribute = [type: string, value: string, encoding: 'printable' | 'utf8'];

const JLIS_OU = 'Japan Agency for Local Authority Information Systems';

/** Root subjects, modelled on the real JPKI roots with O=JPKI-TEST so nobody mistakes them. */
const ROOT_SUBJECTS: Record<CertificateKind, NameAttribute[]> = {
  auth: [
    [oid.OID_COUNTRY, 'JP', 'printable'],
    [oid.OID_ORGANIZATION, 'JPKI-TEST', 'printable'],
    [oid.OID_ORGANIZATIONAL_UNIT, 'JPKI for user authentication', 'printable'],
    [oid.OID_ORGANIZATIONAL_UNIT, JLIS_OU, 'printable'],
  ],
  sign: [
    [oid.OID_COUNTRY, 'JP', 'printable'],
    [oid.OID_ORGANIZATION, 'JPKI-TEST', 'printable'],
    [oid.OID_ORGANIZATIONAL_UNIT, 'JPKI for digital signature', 'printable'],
    [oid.OID_ORGANIZATIONAL_UNIT, JLIS_OU, 'printable'],
  ],
};

/** Where a relying party would fetch each generation's CRL (.invalid: never resolvable). */
function crlDistributionUrl(kind: CertificateKind, generation: number): string {
  return `http://jpki-test.invalid/crl/${kind}-root-${generation}.crl`;
}

/**
 * A Name with one attribute per RDN. Built by hand because pkijs would put every attribute of a
 * fresh RelativeDistinguishedNames into a single multi-valued RDN.
 */
function buildName(attributes: NameAttribute[]): pkijs.RelativeDistinguishedNames {
  const rdns = attributes.map(([type, value, encoding]) => {
    const text =
      encoding === 'printable' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value });
    const atv = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), text] });
    return new asn1js.Set({ value: [atv] });
  });
  const der = new asn1js.Sequence({ value: rdns }).toBER();
  return pkijs.RelativeDistinguishedNames.fromBER(der);
}

/** 都道府県 and 市区町村 from a Japanese address, for the signature certificate's L attributes. */
function localitiesOf(address: string): string[] {
  const match = /^(東京都|北海道|(?:京都|大阪)府|[^都道府県\d]{2,3}県)([^\d]+?[市区町村])?/.exec(address);
  if (!match) return [];
  return match[2] ? [match[1]!, match[2]] : [match[1]!];
}

/** A random opaque identifier (16 upper-case hex digits); JPKI subjects carry no personal data. */
function opaqueId(): string {
  return toHex(randomBytes(8)).toUpperCase();
}

/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5); whole seconds only. */
export function x509Time(date: Date): pkijs.Time {
  const value = new Date(Math.floor(date.getTime() / 1000) * 1000);
  const type = value.getUTCFullYear() < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime;
  return new pkijs.Time({ type, value });
}

function extension(
  extnID: string,
  critical: boolean,
  value: asn1js.BaseBlock | pkijs.PkiObject,
): pkijs.Extension {
  const schema = value instanceof pkijs.PkiObject ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER() });
}

/** KeyUsage bit numbers (RFC 5280 §4.2.1.3). */
const KEY_USAGE = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5, cRLSign: 6 } as const;

/** DER named BIT STRING: trailing zero bits dropped and counted as unused. */
function keyUsageExtension(bits: number[]): pkijs.Extension {
  let mask = 0;
  for (const bit of bits) mask |= 0x80 >> bit;
  let unusedBits = 0;
  while (unusedBits < 7 && (mask & (1 << unusedBits)) === 0) unusedBits++;
  const bitString = new asn1js.BitString({ valueHex: new Uint8Array([mask]).buffer, unusedBits });
  return extension(oid.OID_KEY_USAGE, true, bitString);
}

function subjectKeyIdentifierExtension(keyId: Uint8Array): pkijs.Extension {
  return extension(
    oid.OID_SUBJECT_KEY_IDENTIFIER,
    false,
    new asn1js.OctetString({ valueHex: toArrayBuffer(keyId) }),
  );
}

export function authorityKeyIdentifierExtension(keyId: Uint8Array): pkijs.Extension {
  const aki = new pkijs.AuthorityKeyIdentifier({
    keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(keyId) }),
  });
  return extension(oid.OID_AUTHORITY_KEY_IDENTIFIER, false, aki);
}

function certificatePoliciesExtension(policy: string): pkijs.Extension {
  const policies = new pkijs.CertificatePolicies({
    certificatePolicies: [new pkijs.PolicyInformation({ policyIdentifier: policy })],
  });
  return extension(oid.OID_CERTIFICATE_POLICIES, false, policies);
}

function crlDistributionPointsExtension(url: string): pkijs.Extension {
  const points = new pkijs.CRLDistributionPoints({
    distributionPoints: [
      new pkijs.DistributionPoint({ distributionPoint: [new pkijs.GeneralName({ type: 6, value: url })] }),
    ],
  });
  return extension(oid.OID_CRL_DISTRIBUTION_POINTS, false, points);
}

/** What an issuing root generation needs at hand. */
export interface Issuer {
  kind: CertificateKind;
  generation: number;
  certificate: pkijs.Certificate;
  privateKey: WebCryptoKey;
  keyIdentifier: Uint8Array;
}

interface TbsInput {
  serial: Uint8Array;
  issuer: pkijs.RelativeDistinguishedNames;
  subject: pkijs.RelativeDistinguishedNames;
  notBefore: Date;
  notAfter: Date;
  subjectKey: WebCryptoKey;
  extensions: pkijs.Extension[];
}

async function signedCertificate(input: TbsInput, signingKey: WebCryptoKey): Promise<pkijs.Certificate> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2; // v3
  certificate.serialNumber = new asn1js.Integer({ valueHex: toArrayBuffer(input.serial) });
  certificate.issuer = input.issuer;
  certificate.subject = input.subject;
  certificate.notBefore = x509Time(input.notBefore);
  certificate.notAfter = x509Time(input.notAfter);
  await certificate.subjectPublicKeyInfo.importKey(input.subjectKey);
  certificate.extensions = input.extensions;
  await certificate.sign(signingKey, 'SHA-256');
  // Re-parse so tbsView and friends are those of the final DER, as a relying party would see them.
  return pkijs.Certificate.fromBER(certificate.toSchema().toBER());
}

export interface CreatedRoot {
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
}

/**
 * A self-signed root: CA basicConstraints (critical, no path length so a future link certificate
 * could still chain), keyCertSign+cRLSign, and SKI = AKI = the key's own identifier, which is what
 * tells same-named generations apart.
 */
export async function createRootCertificate(
  kind: CertificateKind,
  notBefore: Date,
  notAfter: Date,
): Promise<CreatedRoot> {
  const key = await generateRsaKey();
  const name = buildName(ROOT_SUBJECTS[kind]);
  const spki = new pkijs.PublicKeyInfo();
  await spki.importKey(key.publicKey);
  const keyId = await keyIdentifierOf(spki);
  const certificate = await signedCertificate(
    {
      serial: randomSerial(),
      issuer: name,
      subject: name,
      notBefore,
      notAfter,
      subjectKey: key.publicKey,
      extensions: [
        extension(oid.OID_BASIC_CONSTRAINTS, true, new pkijs.BasicConstraints({ cA: true })),
        keyUsageExtension([KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign]),
        subjectKeyIdentifierExtension(keyId),
        authorityKeyIdentifierExtension(keyId),
      ],
    },
    key.privateKey,
  );
  return {
    certificate: new Uint8Array(certificate.toSchema().toBER()),
    privateKeyPkcs8: key.privateKeyPkcs8,
  };
}

export interface IssuedCertificate {
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
  serialHex: string;
}

interface EndEntityInput {
  subject: NameAttribute[];
  notBefore: Date;
  notAfter: Date;
  extensions: pkijs.Extension[];
}

async function issueEndEntity(issuer: Issuer, input: EndEntityInput): Promise<IssuedCertificate> {
  const key: GeneratedKey = await generateRsaKey();
  const spki = new pkijs.PublicKeyInfo();
  await spki.importKey(key.publicKey);
  const serial = randomSerial();
  const certificate = await signedCertificate(
    {
      serial,
      issuer: issuer.certificate.subject,
      subject: buildName(input.subject),
      notBefore: input.notBefore,
      notAfter: input.notAfter,
      subjectKey: key.publicKey,
      extensions: [
        ...input.extensions,
        subjectKeyIdentifierExtension(await keyIdentifierOf(spki)),
        authorityKeyIdentifierExtension(issuer.keyIdentifier),
        crlDistributionPointsExtension(crlDistributionUrl(issuer.kind, issuer.generation)),
      ],
    },
    issuer.privateKey,
  );
  return {
    certificate: new Uint8Array(certificate.toSchema().toBER()),
    privateKeyPkcs8: key.privateKeyPkcs8,
    serialHex: toHex(serial),
  };
}

/** 利用者証明用電子証明書: subject is an opaque CN only; no personal data at all. */
export function issueAuthCertificate(
  issuer: Issuer,
  notBefore: Date,
  notAfter: Date,
): Promise<IssuedCertificate> {
  return issueEndEntity(issuer, {
    subject: [[oid.OID_COMMON_NAME, opaqueId(), 'printable']],
    notBefore,
    notAfter,
    extensions: [
      keyUsageExtension([KEY_USAGE.digitalSignature]),
      extension(
        oid.OID_EXTENDED_KEY_USAGE,
        false,
        new pkijs.ExtKeyUsage({ keyPurposes: [oid.OID_KP_CLIENT_AUTH] }),
      ),
      certificatePoliciesExtension(oid.OID_TEST_POLICY_AUTH),
    ],
  });
}

/** 署名用電子証明書: C=JP, L=<都道府県>, L=<市区町村>, CN=<opaque>; 基本4情報 in subjectAltName. */
export function issueSignCertificate(
  issuer: Issuer,
  holder: CardHolder,
  notBefore: Date,
  notAfter: Date,
): Promise<IssuedCertificate> {
  const localities: NameAttribute[] = localitiesOf(holder.address).map((l) => [oid.OID_LOCALITY, l, 'utf8']);
  const altNames = new pkijs.Extension({
    extnID: oid.OID_SUBJECT_ALT_NAME,
    critical: false,
    extnValue: toArrayBuffer(encodeHolderAltNames(holder)),
  });
  return issueEndEntity(issuer, {
    subject: [
      [oid.OID_COUNTRY, 'JP', 'printable'],
      ...localities,
      [oid.OID_COMMON_NAME, opaqueId(), 'printable'],
    ],
    notBefore,
    notAfter,
    extensions: [
      keyUsageExtension([KEY_USAGE.digitalSignature, KEY_USAGE.nonRepudiation]),
      certificatePoliciesExtension(oid.OID_TEST_POLICY_SIGN),
      altNames,
    ],
  });
}
