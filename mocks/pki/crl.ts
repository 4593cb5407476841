/** X.509 v2 CRLs of one root generation (RFC 5280 §5). */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { authorityKeyIdentifierExtension, x509Time, type Issuer } from './certificates';
import { toArrayBuffer } from './engine';
import { OID_CRL_NUMBER } from './oids';

export interface RevokedEntry {
  /** Canonical DER-INTEGER hex (see normalizeSerialHex). */
  serialHex: string;
  revokedAt: Date;
  /** RFC 5280 §5.3.1 CRLReason value (e.g. 3 affiliationChanged); absent: no reasonCode extension. */
  reason?: number;
}

const OID_CRL_REASON = '2.5.29.21';

export interface CrlInput {
  issuer: Issuer;
  revoked: RevokedEntry[];
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: number;
}

/**
 * A signed v2 CRL. It carries cRLNumber and authorityKeyIdentifier: the latter is how a relying
 * party picks the right root generation, since generations may share one issuer name.
 */
export async function buildCrl(input: CrlInput): Promise<Uint8Array> {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1; // v2
  crl.issuer = input.issuer.certificate.subject;
  crl.thisUpdate = x509Time(input.thisUpdate);
  crl.nextUpdate = x509Time(input.nextUpdate);
  // RFC 5280 §5.1.2.6: with nothing revoked the list is absent, not empty.
  if (input.revoked.length > 0) {
    crl.revokedCertificates = input.revoked.map(
      (entry) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({
            valueHex: toArrayBuffer(Buffer.from(entry.serialHex, 'hex')),
          }),
          revocationDate: x509Time(entry.revokedAt),
          ...(entry.reason === undefined
            ? {}
            : {
                crlEntryExtensions: new pkijs.Extensions({
                  extensions: [
                    new pkijs.Extension({
                      extnID: OID_CRL_REASON,
                      critical: false,
                      extnValue: new asn1js.Enumerated({ value: entry.reason }).toBER(),
                    }),
                  ],
                }),
              }),
        }),
    );
  }
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      authorityKeyIdentifierExtension(input.issuer.keyIdentifier),
      new pkijs.Extension({
        extnID: OID_CRL_NUMBER,
        critical: false,
        extnValue: new asn1js.Integer({ value: input.crlNumber }).toBER(),
      }),
    ],
  });
  await crl.sign(input.issuer.privateKey, 'SHA-256');
  return new Uint8Array(crl.toSchema().toBER());
}
