/**
 * Relying-party style helpers for the test PKI's tests (and for anyone checking its output):
 * parse DER with pkijs and validate chains the way the platform simulator would.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer, toHex } from './engine';

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

export function parseCrl(der: Uint8Array): pkijs.CertificateRevocationList {
  return pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der));
}

/** [attribute type OID, string value] per RDN attribute, in order. */
export function nameAttributes(name: pkijs.RelativeDistinguishedNames): [string, string][] {
  return name.typesAndValues.map((atv) => [atv.type, String(atv.value.valueBlock.value)]);
}

function findExtension(
  extensions: pkijs.Extension[] | undefined,
  extnID: string,
): pkijs.Extension | undefined {
  return extensions?.find((extension) => extension.extnID === extnID);
}

/** Raw extnValue contents (the DER inside the OCTET STRING). */
export function extensionValue(extensions: pkijs.Extension[] | undefined, extnID: string): Uint8Array {
  const extension = findExtension(extensions, extnID);
  if (!extension) throw new Error(`extension ${extnID} not present`);
  return extension.extnValue.valueBlock.valueHexView;
}

/** Numbers of the KeyUsage bits that are set (0 = digitalSignature, RFC 5280 §4.2.1.3). */
export function keyUsageBits(certificate: pkijs.Certificate): number[] {
  const parsed = asn1js.fromBER(toArrayBuffer(extensionValue(certificate.extensions, '2.5.29.15')));
  const bitString = parsed.result as asn1js.BitString;
  const bytes = bitString.valueBlock.valueHexView;
  const bits: number[] = [];
  for (let bit = 0; bit < bytes.length * 8; bit++) {
    if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) bits.push(bit);
  }
  return bits;
}

/** keyIdentifier of SKI (2.5.29.14) or AKI (2.5.29.35), as hex. */
export function keyIdentifierHex(
  extensions: pkijs.Extension[] | undefined,
  which: 'subject' | 'authority',
): string {
  if (which === 'subject') {
    const parsed = asn1js.fromBER(toArrayBuffer(extensionValue(extensions, '2.5.29.14')));
    return toHex((parsed.result as asn1js.OctetString).valueBlock.valueHexView);
  }
  const aki = pkijs.AuthorityKeyIdentifier.fromBER(toArrayBuffer(extensionValue(extensions, '2.5.29.35')));
  if (!aki.keyIdentifier) throw new Error('authorityKeyIdentifier has no keyIdentifier');
  return toHex(aki.keyIdentifier.valueBlock.valueHexView);
}

export function serialHexOf(certificate: pkijs.Certificate): string {
  return toHex(certificate.serialNumber.valueBlock.valueHexView);
}

export interface ChainCheck {
  trustAnchors: Uint8Array[];
  checkDate?: Date;
  crls?: Uint8Array[];
}

/** Validates `der` up to one of `trustAnchors` with pkijs (optionally checking CRLs). */
export async function validateChain(
  der: Uint8Array,
  check: ChainCheck,
): Promise<pkijs.CertificateChainValidationEngineVerifyResult> {
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: check.trustAnchors.map(parseCertificate),
    certs: [parseCertificate(der)],
    crls: (check.crls ?? []).map(parseCrl),
    checkDate: check.checkDate ?? new Date(),
  });
  return engine.verify();
}
