/**
 * The CRLs in force, indexed once per CRL refresh: each CRL's signature is checked against the
 * trust anchors when it is loaded (not at every login), and for every anchor its CRLs are kept
 * with their revoked serials, the dates and each entry's reason (RFC 5280 §5.3.1 CRLReason, as the
 * CA wrote it). Logins, sessions and the signature certificates' 変更確認 status read this index,
 * so a revocation takes effect at the latest one refresh after the CA publishes it.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import type { CrlReason } from '../../../src/platform/types';
import { crlMayBeOf, type TrustAnchor } from './verification';

const OID_CRL_REASON = '2.5.29.21';

/** RFC 5280 CRLReason by its value (7 is not used). */
const CRL_REASONS: readonly (CrlReason | undefined)[] = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  undefined,
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

export interface Revocation {
  revokedAt: Date;
  reason: CrlReason;
}

interface IndexedCrl {
  thisUpdate: number;
  nextUpdate: number;
  revoked: ReadonlyMap<string, Revocation>;
}

function hexOf(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The entry's reasonCode extension; absent (or unreadable) reads as `unspecified`, as RFC 5280 says. */
function reasonOf(entry: pkijs.RevokedCertificate): CrlReason {
  const extension = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === OID_CRL_REASON);
  if (!extension) return 'unspecified';
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView.slice().buffer);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Enumerated)) return 'unspecified';
  return CRL_REASONS[parsed.result.valueBlock.valueDec] ?? 'unspecified';
}

function indexed(crl: pkijs.CertificateRevocationList): IndexedCrl {
  const revoked = new Map<string, Revocation>();
  for (const entry of crl.revokedCertificates ?? []) {
    revoked.set(hexOf(entry.userCertificate.valueBlock.valueHexView), {
      revokedAt: entry.revocationDate.value,
      reason: reasonOf(entry),
    });
  }
  return {
    thisUpdate: crl.thisUpdate.value.getTime(),
    nextUpdate: crl.nextUpdate?.value.getTime() ?? Number.POSITIVE_INFINITY,
    revoked,
  };
}

export class RevocationIndex {
  private constructor(
    /** anchor id → the CRLs signed by its key, newest thisUpdate first. */
    private readonly byAnchor: ReadonlyMap<string, readonly IndexedCrl[]>,
  ) {}

  static empty(): RevocationIndex {
    return new RevocationIndex(new Map());
  }

  /** Checks each CRL's signature against the anchors (once) and indexes those that verify. */
  static async build(
    anchors: readonly TrustAnchor[],
    crls: readonly pkijs.CertificateRevocationList[],
  ): Promise<RevocationIndex> {
    const byAnchor = new Map<string, IndexedCrl[]>();
    for (const anchor of anchors) {
      const own: IndexedCrl[] = [];
      for (const crl of crls) {
        if (!crlMayBeOf(crl, anchor)) continue;
        const signed = await crl.verify({ issuerCertificate: anchor.certificate }).catch(() => false);
        if (signed) own.push(indexed(crl));
      }
      own.sort((a, b) => b.thisUpdate - a.thisUpdate);
      byAnchor.set(anchor.id, own);
    }
    return new RevocationIndex(byAnchor);
  }

  /** The anchor's newest CRL current at `now`. */
  private current(anchorId: string, now: Date): IndexedCrl | undefined {
    const time = now.getTime();
    return this.byAnchor.get(anchorId)?.find((crl) => crl.thisUpdate <= time && time <= crl.nextUpdate);
  }

  /** Whether the anchor has a CRL current at `now` (else its certificates' status is unknown). */
  hasCrl(anchorId: string, now: Date): boolean {
    return this.current(anchorId, now) !== undefined;
  }

  /** The revocation of a serial, if the anchor's current CRL lists it as revoked by `now`. */
  revocation(anchorId: string, serialHex: string, now: Date): Revocation | undefined {
    const found = this.current(anchorId, now)?.revoked.get(serialHex);
    return found && found.revokedAt.getTime() <= now.getTime() ? found : undefined;
  }
}
