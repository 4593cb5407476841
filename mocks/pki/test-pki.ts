/**
 * The test PKI itself: root generations of both kinds, card issuance, revocation and CRLs, and its
 * JSON form. Persistence to a directory lives in persistence.ts.
 */
import * as pkijs from 'pkijs';
import {
  createRootCertificate,
  issueAuthCertificate,
  issueSignCertificate,
  type Issuer,
} from './certificates';
import { buildCrl, type RevokedEntry } from './crl';
import {
  fromBase64,
  importRsaPrivateKey,
  keyIdentifierOf,
  normalizeSerialHex,
  toArrayBuffer,
  toBase64,
  toHex,
} from './engine';
import type {
  CardCredentials,
  CardHolder,
  CertificateKind,
  CreateTestPkiOptions,
  IssueCardOptions,
  RootGeneration,
} from './types';
import { certificateNotAfter } from './validity';

const TEST_PKI_FORMAT = 'madoguchi-test-pki/1';
const CERTIFICATE_KINDS: readonly CertificateKind[] = ['auth', 'sign'];

/** How long a CRL is fresh (thisUpdate → nextUpdate). */
const CRL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** RFC 5280 §5.3.1 CRLReason affiliationChanged: JPKI's reason when the holder's basic information changed. */
const AFFILIATION_CHANGED = 3;

/** Root generation g of G: valid from (1 + 4·(G−g)) years ago for 20 years, so older ones started earlier. */
const ROOT_LIFETIME_YEARS = 20;
const ROOT_ROLLOVER_YEARS = 4;

export interface TestPkiJson {
  format: typeof TEST_PKI_FORMAT;
  roots: { kind: CertificateKind; generation: number; certificate: string; privateKeyPkcs8: string }[];
  /** Which generation issued each card certificate, so each CRL lists only its own. */
  issued: { kind: CertificateKind; serialHex: string; generation: number }[];
  revocations: { kind: CertificateKind; serialHex: string; revokedAt: string; reason?: number }[];
  /** Last cRLNumber used, per "<kind>-<generation>". */
  crlNumbers: Record<string, number>;
  /** What J-LIS would know of this PKI's cards (SHA-256 hex of each certificate's DER). */
  jlis?: JlisRecords;
  /** Fixed clock, if the PKI was created with one. */
  now?: string;
}

/**
 * J-LIS's records of issued cards: 証明書紐付け (auth ↔ sign certificate of one card) and 新旧紐付け
 * (old auth certificate → the one that replaced it). Certificates are named by the lowercase SHA-256
 * hex of their DER, the form `npm run platform -- --jlis-data FILE` reads.
 */
export interface JlisRecords {
  links: { auth: string; sign: string }[];
  renewals: { old: string; new: string }[];
}

/** Lowercase SHA-256 hex of a DER certificate: how J-LIS records name certificates here. */
async function certificateSha256Hex(der: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(der))));
}

interface TestPkiState {
  jlis?: JlisRecords;
  issued?: TestPkiJson['issued'];
  revocations?: TestPkiJson['revocations'];
  crlNumbers?: Record<string, number>;
  now?: Date;
}

function addYears(date: Date, years: number): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

const recordKey = (kind: CertificateKind, serialHex: string): string =>
  `${kind}:${normalizeSerialHex(serialHex)}`;
const generationKey = (kind: CertificateKind, generation: number): string => `${kind}-${generation}`;

export class TestPki {
  readonly roots: RootGeneration[];
  private readonly fixedNow: Date | undefined;
  private readonly issuers = new Map<string, Promise<Issuer>>();
  private readonly issued = new Map<string, TestPkiJson['issued'][number]>();
  private readonly revocations = new Map<string, RevokedEntry & { kind: CertificateKind }>();
  private readonly crlNumbers = new Map<string, number>();
  private readonly jlis: JlisRecords = { links: [], renewals: [] };
  /** Grows with every link or renewal recorded, so a reader can tell the records changed. */
  private jlisRevision = 0;

  /** Use createTestPki() or TestPki.fromJSON(); this only assembles existing material. */
  constructor(roots: RootGeneration[], state: TestPkiState = {}) {
    this.roots = [...roots].sort((a, b) => a.kind.localeCompare(b.kind) || a.generation - b.generation);
    for (const kind of CERTIFICATE_KINDS) {
      if (!this.roots.some((root) => root.kind === kind)) throw new Error(`test PKI has no ${kind} root`);
    }
    this.fixedNow = state.now;
    for (const record of state.issued ?? [])
      this.issued.set(recordKey(record.kind, record.serialHex), record);
    for (const r of state.revocations ?? [])
      this.revoke(r.kind, r.serialHex, new Date(r.revokedAt), r.reason);
    for (const [key, value] of Object.entries(state.crlNumbers ?? {})) this.crlNumbers.set(key, value);
    this.jlis.links.push(...(state.jlis?.links ?? []));
    this.jlis.renewals.push(...(state.jlis?.renewals ?? []));
  }

  /** The PKI's clock: the fixed `now` it was created with, else the real time. */
  now(): Date {
    return this.fixedNow ? new Date(this.fixedNow.getTime()) : new Date();
  }

  generations(kind: CertificateKind): number[] {
    return this.roots.filter((root) => root.kind === kind).map((root) => root.generation);
  }

  newestGeneration(kind: CertificateKind): number {
    return Math.max(...this.generations(kind));
  }

  root(kind: CertificateKind, generation = this.newestGeneration(kind)): RootGeneration {
    const root = this.roots.find((r) => r.kind === kind && r.generation === generation);
    if (!root) throw new Error(`no ${kind} root generation ${generation}`);
    return root;
  }

  /** DER of every generation of the kind's root, oldest first: what a relying party should trust. */
  trustAnchors(kind: CertificateKind): Uint8Array[] {
    return this.roots.filter((root) => root.kind === kind).map((root) => root.certificate);
  }

  /** Which generation issued a certificate of this PKI (undefined for serials it never issued). */
  issuingGeneration(kind: CertificateKind, serialHex: string): number | undefined {
    return this.issued.get(recordKey(kind, serialHex))?.generation;
  }

  /** A new card: fresh auth and sign key pairs and certificates from one root generation per kind. */
  async issueCard(holder: CardHolder, options: IssueCardOptions = {}): Promise<CardCredentials> {
    const issuedAt = options.issuedAt ?? this.now();
    const notBefore = options.notBefore ?? issuedAt;
    const notAfter = options.notAfter ?? certificateNotAfter(holder.birthDate, issuedAt);
    if (notAfter.getTime() <= notBefore.getTime())
      throw new Error('certificate notAfter must be after notBefore');

    const [authIssuer, signIssuer] = await Promise.all([
      this.issuer('auth', options.generation),
      this.issuer('sign', options.generation),
    ]);
    const [auth, sign] = await Promise.all([
      issueAuthCertificate(authIssuer, notBefore, notAfter),
      issueSignCertificate(signIssuer, holder, notBefore, notAfter),
    ]);
    this.issued.set(recordKey('auth', auth.serialHex), {
      kind: 'auth',
      serialHex: auth.serialHex,
      generation: authIssuer.generation,
    });
    this.issued.set(recordKey('sign', sign.serialHex), {
      kind: 'sign',
      serialHex: sign.serialHex,
      generation: signIssuer.generation,
    });
    await this.recordLink(auth.certificate, sign.certificate);
    return {
      holder: { ...holder },
      authCertificate: auth.certificate,
      authPrivateKeyPkcs8: auth.privateKeyPkcs8,
      authCaCertificate: this.root('auth', authIssuer.generation).certificate,
      signCertificate: sign.certificate,
      signPrivateKeyPkcs8: sign.privateKeyPkcs8,
      signCaCertificate: this.root('sign', signIssuer.generation).certificate,
      authSerialHex: auth.serialHex,
      signSerialHex: sign.serialHex,
    };
  }

  /**
   * The card's renewal (更新): new key pairs and certificates for both, from the newest generations
   * unless told otherwise, recorded as linked and as replacing the old auth certificate (新旧紐付け).
   * The old certificates are left as they are (revoke them to model J-LIS's revocation at renewal).
   */
  async renewCard(old: CardCredentials, options: IssueCardOptions = {}): Promise<CardCredentials> {
    const renewed = await this.issueCard(old.holder, options);
    const [oldAuth, newAuth] = await Promise.all([
      certificateSha256Hex(old.authCertificate),
      certificateSha256Hex(renewed.authCertificate),
    ]);
    this.jlis.renewals.push({ old: oldAuth, new: newAuth });
    this.jlisRevision++;
    return renewed;
  }

  /**
   * The holder's basic information changed (a move, a new name): as the city hall does, a new
   * signature key pair and certificate carrying `holder` go onto the same card, linked to its auth
   * certificate, which stays as it is (it holds no personal data); the old signature certificate
   * is revoked with reason 3 (affiliationChanged), which relying parties read as 変更確認.
   * Call saveTestPki() after.
   */
  async changeHolderInformation(card: CardCredentials, holder: CardHolder): Promise<CardCredentials> {
    const now = this.now();
    const issuer = await this.issuer('sign');
    const notAfter = certificateNotAfter(holder.birthDate, now);
    const sign = await issueSignCertificate(issuer, holder, now, notAfter);
    this.issued.set(recordKey('sign', sign.serialHex), {
      kind: 'sign',
      serialHex: sign.serialHex,
      generation: issuer.generation,
    });
    await this.recordLink(card.authCertificate, sign.certificate);
    this.revoke('sign', card.signSerialHex, now, AFFILIATION_CHANGED);
    return {
      ...card,
      holder: { ...holder },
      signCertificate: sign.certificate,
      signPrivateKeyPkcs8: sign.privateKeyPkcs8,
      signCaCertificate: this.root('sign', issuer.generation).certificate,
      signSerialHex: sign.serialHex,
    };
  }

  /** What J-LIS knows of this PKI's cards (a copy). */
  jlisRecords(): JlisRecords {
    return { links: [...this.jlis.links], renewals: [...this.jlis.renewals] };
  }

  /** Changes whenever jlisRecords() would answer differently. */
  get jlisVersion(): number {
    return this.jlisRevision;
  }

  private async recordLink(authDer: Uint8Array, signDer: Uint8Array): Promise<void> {
    const [auth, sign] = await Promise.all([certificateSha256Hex(authDer), certificateSha256Hex(signDer)]);
    this.jlis.links.push({ auth, sign });
    this.jlisRevision++;
  }

  /**
   * Records a revocation (idempotent: the first revocation date is kept). `reason`: the RFC 5280
   * CRLReason value its CRL entry carries (JPKI: 3 affiliationChanged when the holder's basic
   * information changed); none by default. Call saveTestPki() after.
   */
  revoke(kind: CertificateKind, serialHex: string, revokedAt: Date = this.now(), reason?: number): void {
    const key = recordKey(kind, serialHex);
    if (this.revocations.has(key)) return;
    const entry = { kind, serialHex: normalizeSerialHex(serialHex), revokedAt };
    this.revocations.set(key, reason === undefined ? entry : { ...entry, reason });
  }

  isRevoked(kind: CertificateKind, serialHex: string): boolean {
    return this.revocations.has(recordKey(kind, serialHex));
  }

  /**
   * A freshly signed DER CRL of one root generation (default: the newest), listing the revoked
   * certificates that generation issued — plus revoked serials this PKI never issued, which every
   * generation lists since their issuer is unknown. Each call uses the next cRLNumber.
   */
  async crl(kind: CertificateKind, generation = this.newestGeneration(kind)): Promise<Uint8Array> {
    const issuer = await this.issuer(kind, generation);
    const revoked = [...this.revocations.values()].filter((entry) => {
      if (entry.kind !== kind) return false;
      const issuedBy = this.issuingGeneration(kind, entry.serialHex);
      return issuedBy === undefined || issuedBy === generation;
    });
    const key = generationKey(kind, generation);
    const crlNumber = (this.crlNumbers.get(key) ?? 0) + 1;
    this.crlNumbers.set(key, crlNumber);
    const thisUpdate = this.now();
    return buildCrl({
      issuer,
      revoked: revoked.map(({ serialHex, revokedAt, reason }) =>
        reason === undefined ? { serialHex, revokedAt } : { serialHex, revokedAt, reason },
      ),
      thisUpdate,
      nextUpdate: new Date(thisUpdate.getTime() + CRL_LIFETIME_MS),
      crlNumber,
    });
  }

  toJSON(): TestPkiJson {
    const json: TestPkiJson = {
      format: TEST_PKI_FORMAT,
      roots: this.roots.map((root) => ({
        kind: root.kind,
        generation: root.generation,
        certificate: toBase64(root.certificate),
        privateKeyPkcs8: toBase64(root.privateKeyPkcs8),
      })),
      issued: [...this.issued.values()],
      revocations: [...this.revocations.values()].map((r) => ({
        kind: r.kind,
        serialHex: r.serialHex,
        revokedAt: r.revokedAt.toISOString(),
        ...(r.reason === undefined ? {} : { reason: r.reason }),
      })),
      crlNumbers: Object.fromEntries(this.crlNumbers),
      jlis: this.jlisRecords(),
    };
    if (this.fixedNow) json.now = this.fixedNow.toISOString();
    return json;
  }

  /** Rebuilds a PKI from toJSON() output (or its parsed file); checks every root key imports. */
  static async fromJSON(input: unknown): Promise<TestPki> {
    const json = (typeof input === 'string' ? JSON.parse(input) : input) as Partial<TestPkiJson> | null;
    if (!json || json.format !== TEST_PKI_FORMAT || !Array.isArray(json.roots)) {
      throw new Error(`not a ${TEST_PKI_FORMAT} document`);
    }
    const roots: RootGeneration[] = json.roots.map((root) => ({
      kind: root.kind,
      generation: root.generation,
      certificate: fromBase64(root.certificate),
      privateKeyPkcs8: fromBase64(root.privateKeyPkcs8),
    }));
    const pki = new TestPki(roots, {
      issued: json.issued ?? [],
      revocations: json.revocations ?? [],
      crlNumbers: json.crlNumbers ?? {},
      ...(json.jlis ? { jlis: json.jlis } : {}),
      ...(json.now ? { now: new Date(json.now) } : {}),
    });
    await Promise.all(pki.roots.map((root) => pki.issuer(root.kind, root.generation)));
    return pki;
  }

  /** Parsed certificate + imported key of a root generation, cached. */
  private issuer(kind: CertificateKind, generation = this.newestGeneration(kind)): Promise<Issuer> {
    const key = generationKey(kind, generation);
    let issuer = this.issuers.get(key);
    if (!issuer) {
      const root = this.root(kind, generation);
      issuer = (async () => {
        const certificate = pkijs.Certificate.fromBER(toArrayBuffer(root.certificate));
        const privateKey = await importRsaPrivateKey(root.privateKeyPkcs8);
        const keyIdentifier = await keyIdentifierOf(certificate.subjectPublicKeyInfo);
        return { kind, generation, certificate, privateKey, keyIdentifier };
      })();
      // Do not cache a failure (e.g. a bad key); the next call retries and reports it again.
      issuer.catch(() => this.issuers.delete(key));
      this.issuers.set(key, issuer);
    }
    return issuer;
  }
}

/** A new in-memory test PKI: `generations` roots of each kind (default 2). */
export async function createTestPki(options: CreateTestPkiOptions = {}): Promise<TestPki> {
  const generations = options.generations ?? 2;
  if (!Number.isInteger(generations) || generations < 1)
    throw new Error('generations must be a positive integer');
  const now = options.now ?? new Date();
  const specs = CERTIFICATE_KINDS.flatMap((kind) =>
    Array.from({ length: generations }, (_, index) => ({ kind, generation: index + 1 })),
  );
  const roots = await Promise.all(
    specs.map(async ({ kind, generation }): Promise<RootGeneration> => {
      const notBefore = addYears(now, -(1 + ROOT_ROLLOVER_YEARS * (generations - generation)));
      const created = await createRootCertificate(kind, notBefore, addYears(notBefore, ROOT_LIFETIME_YEARS));
      return { kind, generation, ...created };
    }),
  );
  return new TestPki(roots, options.now ? { now: options.now } : {});
}
