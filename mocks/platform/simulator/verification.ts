/**
 * JPKI certificate checks of the relying party: DER parsing, choice of the issuing root by
 * signature (every generation of a root has the same subject name, so a name never decides),
 * validity against the simulator's clock, and revocation against that root's CRL.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../../pki/engine'; // registers Node's/the browser's WebCrypto with pkijs
import { toArrayBuffer } from '../../../src/platform/base64';
import { ProblemError } from './problem';
import { checkProfile, TEST_PKI_POLICIES, type CertificatePolicies } from './profiles';
import type { CertificateCache } from './certificate-cache';
import { WEB_CRYPTO, type RelyingPartyCrypto } from './crypto-port';
import type { RevocationIndex } from './revocation';
import { rsaKeyOf, type RsaPublicKey } from './rsa-signature';

export type CertificateKind = 'auth' | 'sign';

const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
const OID_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';

function hexOf(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Strict DER parse: the whole input must be one certificate. */
export function parseCertificateDer(der: Uint8Array, what = 'certificate'): pkijs.Certificate {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1 || parsed.offset !== der.length) {
    throw new ProblemError(400, 'CERTIFICATE_MALFORMED', `the ${what} is not DER`);
  }
  try {
    return new pkijs.Certificate({ schema: parsed.result });
  } catch {
    throw new ProblemError(400, 'CERTIFICATE_MALFORMED', `the ${what} is not an X.509 certificate`);
  }
}

function subjectKeyIdHex(certificate: pkijs.Certificate): string | undefined {
  const extension = certificate.extensions?.find((e) => e.extnID === OID_SUBJECT_KEY_IDENTIFIER);
  const value = extension?.parsedValue as asn1js.OctetString | undefined;
  return value ? hexOf(value.valueBlock.valueHexView) : undefined;
}

/**
 * The keyIdentifier ([0]) of the authorityKeyIdentifier extension, read from its value alone (the
 * extension's full pkijs form costs a first login more than an RSA verification). Only a hint.
 */
function authorityKeyIdHex(extensions: pkijs.Extension[] | undefined): string | undefined {
  const extension = extensions?.find((e) => e.extnID === OID_AUTHORITY_KEY_IDENTIFIER);
  if (!extension) return undefined;
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  const first = parsed.result.valueBlock.value[0];
  const isKeyId =
    first instanceof asn1js.Primitive && first.idBlock.tagClass === 3 && first.idBlock.tagNumber === 0;
  return isKeyId ? hexOf(first.valueBlock.valueHexView) : undefined;
}

export interface TrustAnchor {
  kind: CertificateKind;
  certificate: pkijs.Certificate;
  /** SKI of the root, or the SHA-256 of its DER when it has none: how links name the issuer. */
  id: string;
  keyIdHex: string | undefined;
  /** false: accept this root's certificates when no CRL of it is loaded (an operator's extra root). */
  requireCrl: boolean;
  /** The root's RSA key (undefined for another kind of key: then pkijs checks signatures by it). */
  key: RsaPublicKey | undefined;
}

export async function trustAnchorOf(
  kind: CertificateKind,
  der: Uint8Array,
  requireCrl = true,
): Promise<TrustAnchor> {
  const certificate = parseCertificateDer(der, 'trust anchor');
  const keyIdHex = subjectKeyIdHex(certificate);
  const id = keyIdHex ?? hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(der))));
  const key = await rsaKeyOf(certificate).catch(() => undefined);
  return { kind, certificate, id, keyIdHex, requireCrl, key };
}

/**
 * Which kind of root a certificate is, by its subject's OU (JPKI: "JPKI for digital signature" /
 * "JPKI for user authentication"). Only sorts configured anchors into the two lists; a certificate
 * under verification is never matched to a root by name.
 */
export function anchorKindOf(der: Uint8Array): CertificateKind {
  const certificate = parseCertificateDer(der, 'trust anchor');
  const units = certificate.subject.typesAndValues
    .filter((atv) => atv.type === '2.5.4.11')
    .map((atv) => String(atv.value.valueBlock.value).toLowerCase());
  return units.some((unit) => unit.includes('digital signature')) ? 'sign' : 'auth';
}

export interface VerifiedCertificate {
  kind: CertificateKind;
  der: Uint8Array;
  certificate: pkijs.Certificate;
  anchor: TrustAnchor;
  serialHex: string;
  /** Lowercase SHA-256 hex of the DER: how the platform and J-LIS name the certificate. */
  sha256Hex: string;
  notBefore: Date;
  notAfter: Date;
  key: RsaPublicKey;
}

export interface CertificateCheck {
  anchors: readonly TrustAnchor[];
  /** The CRLs in force, their signatures checked once when they were loaded. */
  revocations: RevocationIndex;
  now: Date;
  /** Refuse when the issuing root has no CRL current at `now` (a relying party fails closed). */
  requireCrl: boolean;
  /** Accepted certificate policies (default: the test PKI's). */
  policies?: CertificatePolicies;
  /** What was already checked of a certificate (chain, profile, key), by the SHA-256 of its DER. */
  cache?: CertificateCache;
  /** The SHA-256 hex of `der`, when the caller has it already. */
  sha256Hex?: string;
  /** The RSA check of a certificate's signature by its root (default WebCrypto). */
  crypto?: RelyingPartyCrypto;
}

const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/** Whether the anchor's key signed the certificate: sha256WithRSA by our primitives, else pkijs. */
async function signedBy(
  certificate: pkijs.Certificate,
  anchor: TrustAnchor,
  primitives: RelyingPartyCrypto,
): Promise<boolean> {
  const algorithm = certificate.signatureAlgorithm.algorithmId;
  if (anchor.key && algorithm === OID_SHA256_WITH_RSA && certificate.signature.algorithmId === algorithm) {
    return primitives.verifyRsaSha256(
      anchor.key,
      certificate.tbsView,
      certificate.signatureValue.valueBlock.valueHexView,
    );
  }
  return certificate.verify(anchor.certificate);
}

/** The anchor whose key verifies the certificate's signature; AKI only orders the attempts. */
async function issuingAnchor(
  certificate: pkijs.Certificate,
  anchors: readonly TrustAnchor[],
  primitives: RelyingPartyCrypto,
): Promise<TrustAnchor | undefined> {
  const hint = authorityKeyIdHex(certificate.extensions);
  const ordered = [...anchors].sort(
    (a, b) => Number(b.keyIdHex === hint && !!hint) - Number(a.keyIdHex === hint && !!hint),
  );
  for (const anchor of ordered) {
    try {
      if (await signedBy(certificate, anchor, primitives)) return anchor;
    } catch {
      // A key or algorithm the engine cannot use: not this anchor.
    }
  }
  return undefined;
}

/** Whether a CRL may be of this anchor: its authorityKeyIdentifier, when both have one, must match. */
export function crlMayBeOf(crl: pkijs.CertificateRevocationList, anchor: TrustAnchor): boolean {
  const hint = authorityKeyIdHex(crl.crlExtensions?.extensions);
  return !(hint && anchor.keyIdHex && hint !== anchor.keyIdHex);
}

/**
 * Parses and checks an end-entity certificate of `kind`; throws a ProblemError with
 * CERTIFICATE_MALFORMED, UNKNOWN_ISSUER, CERTIFICATE_PROFILE_INVALID, CERTIFICATE_NOT_YET_VALID,
 * CERTIFICATE_EXPIRED, REVOCATION_STATUS_UNKNOWN or CERTIFICATE_REVOKED. Whatever a client sends,
 * the answer is one of those: a certificate that trips the parser is malformed, not our crash.
 * What never changes for a DER (chain, profile, key) is checked once and cached by its SHA-256;
 * validity and revocation are checked at every call.
 */
export async function verifyCertificate(
  kind: CertificateKind,
  der: Uint8Array,
  check: CertificateCheck,
): Promise<VerifiedCertificate> {
  let verified: VerifiedCertificate;
  try {
    const sha256Hex =
      check.sha256Hex ?? hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(der))));
    verified =
      check.cache?.get(kind, sha256Hex) ?? (await verifyChainAndProfile(kind, der, sha256Hex, check));
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    throw new ProblemError(400, 'CERTIFICATE_MALFORMED', `the ${kind} certificate cannot be read`);
  }
  checkStatus(verified, check);
  return verified;
}

async function verifyChainAndProfile(
  kind: CertificateKind,
  der: Uint8Array,
  sha256Hex: string,
  check: CertificateCheck,
): Promise<VerifiedCertificate> {
  const certificate = parseCertificateDer(der);
  const anchors = check.anchors.filter((anchor) => anchor.kind === kind);
  const anchor = await issuingAnchor(certificate, anchors, check.crypto ?? WEB_CRYPTO);
  if (!anchor) {
    throw new ProblemError(401, 'UNKNOWN_ISSUER', `the ${kind} certificate does not chain to a trusted root`);
  }
  checkProfile(kind, certificate, check.policies ?? TEST_PKI_POLICIES);
  const verified: VerifiedCertificate = {
    kind,
    der,
    certificate,
    anchor,
    serialHex: hexOf(certificate.serialNumber.valueBlock.valueHexView),
    sha256Hex,
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    key: await rsaKeyOf(certificate),
  };
  check.cache?.set(verified);
  return verified;
}

/**
 * Validity at the clock, then revocation by the issuing root's CRL current at the clock: what is
 * checked at every use of a certificate, cached or not.
 */
export function checkStatus(
  verified: VerifiedCertificate,
  check: Pick<CertificateCheck, 'now' | 'revocations' | 'requireCrl'>,
): void {
  const { kind, anchor } = verified;
  const now = check.now.getTime();
  if (now < verified.notBefore.getTime()) throw new ProblemError(401, 'CERTIFICATE_NOT_YET_VALID');
  if (now > verified.notAfter.getTime()) {
    throw new ProblemError(401, 'CERTIFICATE_EXPIRED', `the ${kind} certificate expired`);
  }
  if (!check.revocations.hasCrl(anchor.id, check.now)) {
    if (check.requireCrl && anchor.requireCrl) {
      throw new ProblemError(503, 'REVOCATION_STATUS_UNKNOWN', `no current CRL for the ${kind} root`);
    }
  } else if (check.revocations.revocation(anchor.id, verified.serialHex, check.now)) {
    throw new ProblemError(401, 'CERTIFICATE_REVOKED', `the ${kind} certificate is revoked`);
  }
}

/** Parses DER CRLs; throws with the index of the first one that is not a CRL. */
export function parseCrls(ders: readonly Uint8Array[]): pkijs.CertificateRevocationList[] {
  return ders.map((der, index) => {
    const parsed = asn1js.fromBER(toArrayBuffer(der));
    if (parsed.offset === -1) throw new Error(`CRL ${index + 1} is not DER`);
    return new pkijs.CertificateRevocationList({ schema: parsed.result });
  });
}
