/**
 * Certificate profiles a JPKI relying party insists on: a login takes only an end-entity
 * user-authentication certificate (not a CA, digitalSignature, the auth policy); a registration's
 * signature certificate must be one (not a CA, nonRepudiation, the sign policy). The policy OIDs are
 * those of our test PKI unless the operator configures the real ones.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { OID_TEST_POLICY_AUTH, OID_TEST_POLICY_SIGN } from '../../pki/oids';
import { ProblemError } from './problem';
import type { CertificateKind } from './verification';

const OID_KEY_USAGE = '2.5.29.15';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_CERTIFICATE_POLICIES = '2.5.29.32';

/** KeyUsage bit numbers (RFC 5280 §4.2.1.3). */
const DIGITAL_SIGNATURE = 0;
const NON_REPUDIATION = 1;
const KEY_CERT_SIGN = 5;
const CRL_SIGN = 6;

export interface CertificatePolicies {
  /** Accepted policy OIDs of user-authentication certificates. */
  auth: readonly string[];
  /** Accepted policy OIDs of signature certificates. */
  sign: readonly string[];
}

export const TEST_PKI_POLICIES: CertificatePolicies = {
  auth: [OID_TEST_POLICY_AUTH],
  sign: [OID_TEST_POLICY_SIGN],
};

function extensionOf(certificate: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return certificate.extensions?.find((extension) => extension.extnID === oid);
}

/** The extension's value as one ASN.1 element (throws when it is not one). */
function valueOf(extension: pkijs.Extension): asn1js.AsnType {
  const bytes = extension.extnValue.valueBlock.valueHexView;
  const parsed = asn1js.fromBER(bytes.slice().buffer);
  if (parsed.offset === -1 || parsed.offset !== bytes.length) throw new Error('extension is not DER');
  return parsed.result;
}

function isCa(certificate: pkijs.Certificate): boolean {
  const extension = extensionOf(certificate, OID_BASIC_CONSTRAINTS);
  if (!extension) return false;
  const value = valueOf(extension);
  if (!(value instanceof asn1js.Sequence)) throw new Error('basicConstraints is not a SEQUENCE');
  const first = value.valueBlock.value[0];
  return first instanceof asn1js.Boolean && first.valueBlock.value;
}

function keyUsageBits(certificate: pkijs.Certificate): Set<number> | undefined {
  const extension = extensionOf(certificate, OID_KEY_USAGE);
  if (!extension) return undefined;
  const value = valueOf(extension);
  if (!(value instanceof asn1js.BitString)) throw new Error('keyUsage is not a BIT STRING');
  const bytes = value.valueBlock.valueHexView;
  const bits = new Set<number>();
  bytes.forEach((byte, index) => {
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) bits.add(index * 8 + bit);
  });
  return bits;
}

function policiesOf(certificate: pkijs.Certificate): string[] {
  const extension = extensionOf(certificate, OID_CERTIFICATE_POLICIES);
  if (!extension) return [];
  const value = valueOf(extension);
  if (!(value instanceof asn1js.Sequence)) throw new Error('certificatePolicies is not a SEQUENCE');
  return value.valueBlock.value.map((info) => {
    const oid = info instanceof asn1js.Sequence ? info.valueBlock.value[0] : undefined;
    if (!(oid instanceof asn1js.ObjectIdentifier)) throw new Error('malformed PolicyInformation');
    return oid.valueBlock.toString();
  });
}

const KIND_NAME: Record<CertificateKind, string> = {
  auth: 'user-authentication',
  sign: 'signature',
};

/**
 * Refuses (CERTIFICATE_PROFILE_INVALID) a certificate that is not an end-entity certificate of the
 * kind: a CA, the wrong key usage or policy, or extensions that cannot be read.
 */
export function checkProfile(
  kind: CertificateKind,
  certificate: pkijs.Certificate,
  policies: CertificatePolicies,
): void {
  const refuse = (why: string): never => {
    throw new ProblemError(
      401,
      'CERTIFICATE_PROFILE_INVALID',
      `not a JPKI ${KIND_NAME[kind]} certificate: ${why}`,
    );
  };
  let ca: boolean;
  let usage: Set<number> | undefined;
  let policyOids: string[];
  try {
    ca = isCa(certificate);
    usage = keyUsageBits(certificate);
    policyOids = policiesOf(certificate);
  } catch (error) {
    return refuse(error instanceof Error ? error.message : 'unreadable extensions');
  }
  if (ca) refuse('a CA certificate');
  if (!usage) refuse('no key usage');
  if (usage!.has(KEY_CERT_SIGN) || usage!.has(CRL_SIGN)) refuse('a key usage of CAs');
  const needed = kind === 'auth' ? DIGITAL_SIGNATURE : NON_REPUDIATION;
  if (!usage!.has(needed)) refuse(kind === 'auth' ? 'no digitalSignature' : 'no nonRepudiation');
  const accepted = kind === 'auth' ? policies.auth : policies.sign;
  if (!policyOids.some((oid) => accepted.includes(oid))) refuse('not the certificate policy');
}
