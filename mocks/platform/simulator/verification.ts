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

function authorityKeyIdHex(extensions: pkijs.Extension[] | undefined): string | undefined {
  const extension = extensions?.find((e) => e.extnID === OID_AUTHORITY_KEY_IDENTIFIER);
  const aki = extension?.parsedValue as pkijs.AuthorityKeyIdentifier | undefined;
  return aki?.keyIdentifier ? hexOf(aki.keyIdentifier.valueBlock.valueHexView) : undefined;
}

export interface TrustAnchor {
  kind: CertificateKind;
  certificate: pkijs.Certificate;
  /** SKI of the root, or the SHA-256 of its DER when it has none: how links name the issuer. */
  id: string;
  keyIdHex: string | undefined;
  /** false: accept this root's certificates when no CRL of it is loaded (an operator's extra root). */
  requireCrl: boolean;
}

export async function trustAnchorOf(
  kind: CertificateKind,
  der: Uint8Array,
  requireCrl = true,
): Promise<TrustAnchor> {
  const certificate = parseCertificateDer(der, 'trust anchor');
  const keyIdHex = subjectKeyIdHex(certificate);
  const id = keyIdHex ?? hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(der))));
  return { kind, certificate, id, keyIdHex, requireCrl };
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
  crls: readonly pkijs.CertificateRevocationList[];
  now: Date;
  /** Refuse when the issuing root has no CRL current at `now` (a relying party fails closed). */
  requireCrl: boolean;
  /** Accepted certificate policies (default: the test PKI's). */
  policies?: CertificatePolicies;
}

/** The anchor whose key verifies the certificate's signature; AKI only orders the attempts. */
async function issuingAnchor(
  certificate: pkijs.Certificate,
  anchors: readonly TrustAnchor[],
): Promise<TrustAnchor | undefined> {
  const hint = authorityKeyIdHex(certificate.extensions);
  const ordered = [...anchors].sort(
    (a, b) => Number(b.keyIdHex === hint && !!hint) - Number(a.keyIdHex === hint && !!hint),
  );
  for (const anchor of ordered) {
    try {
      if (await certificate.verify(anchor.certificate)) return anchor;
    } catch {
      // A key or algorithm the engine cannot use: not this anchor.
    }
  }
  return undefined;
}

/** The newest CRL signed by the anchor's key and current at `now`. */
async function currentCrlOf(
  anchor: TrustAnchor,
  crls: readonly pkijs.CertificateRevocationList[],
  now: Date,
): Promise<pkijs.CertificateRevocationList | undefined> {
  let best: pkijs.CertificateRevocationList | undefined;
  for (const crl of crls) {
    const hint = authorityKeyIdHex(crl.crlExtensions?.extensions);
    if (hint && anchor.keyIdHex && hint !== anchor.keyIdHex) continue;
    const signed = await crl.verify({ issuerCertificate: anchor.certificate }).catch(() => false);
    if (!signed) continue;
    const thisUpdate = crl.thisUpdate.value.getTime();
    const nextUpdate = crl.nextUpdate?.value.getTime() ?? Number.POSITIVE_INFINITY;
    if (thisUpdate > now.getTime() || nextUpdate < now.getTime()) continue;
    if (!best || thisUpdate > best.thisUpdate.value.getTime()) best = crl;
  }
  return best;
}

/**
 * Parses and checks an end-entity certificate of `kind`; throws a ProblemError with
 * CERTIFICATE_MALFORMED, UNKNOWN_ISSUER, CERTIFICATE_PROFILE_INVALID, CERTIFICATE_NOT_YET_VALID,
 * CERTIFICATE_EXPIRED, REVOCATION_STATUS_UNKNOWN or CERTIFICATE_REVOKED. Whatever a client sends,
 * the answer is one of those: a certificate that trips the parser is malformed, not our crash.
 */
export async function verifyCertificate(
  kind: CertificateKind,
  der: Uint8Array,
  check: CertificateCheck,
): Promise<VerifiedCertificate> {
  try {
    return await verifyCertificateUnguarded(kind, der, check);
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    throw new ProblemError(400, 'CERTIFICATE_MALFORMED', `the ${kind} certificate cannot be read`);
  }
}

async function verifyCertificateUnguarded(
  kind: CertificateKind,
  der: Uint8Array,
  check: CertificateCheck,
): Promise<VerifiedCertificate> {
  const certificate = parseCertificateDer(der);
  const anchors = check.anchors.filter((anchor) => anchor.kind === kind);
  const anchor = await issuingAnchor(certificate, anchors);
  if (!anchor) {
    throw new ProblemError(401, 'UNKNOWN_ISSUER', `the ${kind} certificate does not chain to a trusted root`);
  }
  checkProfile(kind, certificate, check.policies ?? TEST_PKI_POLICIES);
  const now = check.now.getTime();
  if (now < certificate.notBefore.value.getTime()) {
    throw new ProblemError(401, 'CERTIFICATE_NOT_YET_VALID');
  }
  if (now > certificate.notAfter.value.getTime()) {
    throw new ProblemError(401, 'CERTIFICATE_EXPIRED', `the ${kind} certificate expired`);
  }
  const serialHex = hexOf(certificate.serialNumber.valueBlock.valueHexView);
  const crl = await currentCrlOf(anchor, check.crls, check.now);
  if (!crl) {
    if (check.requireCrl && anchor.requireCrl) {
      throw new ProblemError(503, 'REVOCATION_STATUS_UNKNOWN', `no current CRL for the ${kind} root`);
    }
  } else {
    const revoked = crl.revokedCertificates?.find(
      (entry) =>
        hexOf(entry.userCertificate.valueBlock.valueHexView) === serialHex &&
        entry.revocationDate.value.getTime() <= now,
    );
    if (revoked) throw new ProblemError(401, 'CERTIFICATE_REVOKED', `the ${kind} certificate is revoked`);
  }
  return {
    kind,
    der,
    certificate,
    anchor,
    serialHex,
    sha256Hex: hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(der)))),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    key: await rsaKeyOf(certificate),
  };
}

/** Parses DER CRLs; throws with the index of the first one that is not a CRL. */
export function parseCrls(ders: readonly Uint8Array[]): pkijs.CertificateRevocationList[] {
  return ders.map((der, index) => {
    const parsed = asn1js.fromBER(toArrayBuffer(der));
    if (parsed.offset === -1) throw new Error(`CRL ${index + 1} is not DER`);
    return new pkijs.CertificateRevocationList({ schema: parsed.result });
  });
}
