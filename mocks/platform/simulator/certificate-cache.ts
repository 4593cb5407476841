/**
 * What a relying party checked once of a certificate and never needs to check again: its chain to
 * a root, its profile and its key, by the SHA-256 of its DER (the same bytes always give the same
 * answer; the trust anchors are only ever added to). Validity and revocation are not cached. A
 * fixed bound, the least recently used forgotten first: memory stays flat whatever is sent.
 *
 * The base64 text a client sent a checked certificate as is kept too (the same bound, oldest
 * first out, not reordered on use: a lookup stays one probe): a login with exactly that text again
 * finds it without decoding or hashing the DER; once forgotten, the DER's digest finds it.
 */
import type { CertificateKind, VerifiedCertificate } from './verification';

const CERTIFICATE_CACHE_LIMIT = 4096;

/** Most recently used last; the oldest dropped beyond `limit`. */
function touch<V>(map: Map<string, V>, key: string): V | undefined {
  const found = map.get(key);
  if (found !== undefined) {
    map.delete(key);
    map.set(key, found);
  }
  return found;
}

function bounded<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as string);
}

export class CertificateCache {
  private readonly entries = new Map<string, VerifiedCertificate>();
  private readonly encodings: Record<CertificateKind, Map<string, VerifiedCertificate>> = {
    auth: new Map(),
    sign: new Map(),
  };

  constructor(private readonly limit = CERTIFICATE_CACHE_LIMIT) {}

  get(kind: CertificateKind, sha256Hex: string): VerifiedCertificate | undefined {
    return touch(this.entries, `${kind}:${sha256Hex}`);
  }

  set(verified: VerifiedCertificate): void {
    if (this.limit <= 0) return;
    bounded(this.entries, `${verified.kind}:${verified.sha256Hex}`, verified, this.limit);
  }

  /** A certificate checked before, by the exact base64 text it was sent as. */
  byEncoding(kind: CertificateKind, base64: string): VerifiedCertificate | undefined {
    return this.encodings[kind].get(base64);
  }

  /** Remembers the base64 text a checked certificate came as (only what `der` decodes from). */
  setEncoding(base64: string, verified: VerifiedCertificate): void {
    if (this.limit <= 0) return;
    bounded(this.encodings[verified.kind], base64, verified, this.limit);
  }

  clear(): void {
    this.entries.clear();
    this.encodings.auth.clear();
    this.encodings.sign.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
