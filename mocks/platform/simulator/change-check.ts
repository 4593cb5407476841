/**
 * 変更確認: is the signature certificate a user registered with still valid, or has the holder's
 * basic information changed (a move, a new name)? The platform keeps only the certificate's
 * serial, issuing root and expiry from registration — never the holder data — and reads its status
 * from the signature root's CRL at every login and every CRL refresh. JPKI revokes the signature
 * certificate when the basic information changes; its CRL entry's reason is then
 * `affiliationChanged`, RFC 5280's "the subject's name or other information in the certificate has
 * been modified".
 */
import type { SignCertificateStatus } from '../../../src/platform/types';
import type { RevocationIndex } from './revocation';

/** What the platform keeps of a registered signature certificate. */
export interface SignCertificateRecord {
  serialHex: string;
  anchorId: string;
  notAfter: Date;
  /** The status as last read (login or CRL refresh). */
  status: SignCertificateStatus['status'];
  revocationReason?: SignCertificateStatus['revocationReason'];
  revokedAt?: Date;
  checkedAt: Date;
  /** The status the viewer was last told of: each is told once. */
  told?: SignCertificateStatus['status'];
}

/** Reads the record's status from the index at `now` (updates the record). */
export function checkSignCertificate(record: SignCertificateRecord, index: RevocationIndex, now: Date): void {
  delete record.revocationReason;
  delete record.revokedAt;
  record.checkedAt = now;
  if (now.getTime() > record.notAfter.getTime()) {
    record.status = 'expired';
    return;
  }
  if (!index.hasCrl(record.anchorId, now)) {
    record.status = 'unknown';
    return;
  }
  const revocation = index.revocation(record.anchorId, record.serialHex, now);
  if (!revocation) {
    record.status = 'valid';
    return;
  }
  record.status = revocation.reason === 'affiliationChanged' ? 'holderInformationChanged' : 'revoked';
  record.revocationReason = revocation.reason;
  record.revokedAt = revocation.revokedAt;
}

/** Whether this session is the first to see a status worth telling (and marks it told). */
export function tellOnce(record: SignCertificateRecord): boolean {
  if (record.status === 'valid' || record.status === 'unknown' || record.told === record.status) return false;
  record.told = record.status;
  return true;
}

/** The record as `/v1/me` reports it. */
export function signCertificateStatusOf(
  record: SignCertificateRecord,
  notify: boolean,
): SignCertificateStatus {
  return {
    status: record.status,
    ...(record.revocationReason ? { revocationReason: record.revocationReason } : {}),
    ...(record.revokedAt ? { revokedAt: record.revokedAt.toISOString() } : {}),
    notAfter: record.notAfter.toISOString(),
    checkedAt: record.checkedAt.toISOString(),
    notify,
  };
}
