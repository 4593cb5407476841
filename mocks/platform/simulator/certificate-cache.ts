/**
 * What a relying party checked once of a certificate and never needs to check again: its chain to
 * a root, its profile and its key, by the SHA-256 of its DER (the same bytes always give the same
 * answer; the trust anchors are only ever added to). Validity and revocation are not cached. A
 * fixed bound, the least recently used forgotten first: memory stays flat whatever is sent.
 */
import type { CertificateKind, VerifiedCertificate } from './verification';

export const CERTIFICATE_CACHE_LIMIT = 4096;

export class CertificateCache {
  private readonly entries = new Map<string, VerifiedCertificate>();

  constructor(private readonly limit = CERTIFICATE_CACHE_LIMIT) {}

  get(kind: CertificateKind, sha256Hex: string): VerifiedCertificate | undefined {
    const key = `${kind}:${sha256Hex}`;
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  set(verified: VerifiedCertificate): void {
    if (this.limit <= 0) return;
    this.entries.set(`${verified.kind}:${verified.sha256Hex}`, verified);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
