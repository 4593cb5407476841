/**
 * The relying-party side of login and 利用者登録・紐付け: certificate (chain, profile, validity,
 * revocation) and signature checks; J-LIS's 証明書紐付け (the two certificates are of one card) and
 * the customer match on the signature certificate's holder data at registration; the user (利用者ID)
 * found by the auth certificate's SHA-256 at login, or through J-LIS's 新旧紐付け after a renewal.
 * The signature certificate is read for the match and then dropped: only the link is kept.
 */
import type { RegistrationResult, TokenPair } from '../../../src/platform/types';
import type { CertificateCache } from './certificate-cache';
import type { ChallengeStore } from './challenges';
import type { RelyingPartyCrypto } from './crypto-port';
import { checkSignCertificate, tellOnce, type SignCertificateRecord } from './change-check';
import { readHolderData } from './holder';
import type { JlisService } from './jlis';
import type { RateLimits } from './limits';
import { invalid, ProblemError } from './problem';
import type { CertificatePolicies } from './profiles';
import type { RevocationIndex } from './revocation';
import { verifySignatureOver, type RsaPublicKey } from './rsa-signature';
import type { LoginMethod, Session, SessionStore } from './sessions';
import { decodeBase64 } from './text-bytes';
import type { User, UserDirectory } from './users';
import { checkStatus, verifyCertificate, type TrustAnchor, type VerifiedCertificate } from './verification';
import type { Customer } from '../seed/residents';

export interface AuthContext {
  now: () => Date;
  anchors: () => readonly TrustAnchor[];
  requireCrl: boolean;
  policies: CertificatePolicies;
  challenges: ChallengeStore;
  sessions: SessionStore;
  customers: () => ReadonlyMap<string, Customer>;
  users: UserDirectory;
  jlis: JlisService;
  limits: RateLimits;
  /** The CRLs in force, indexed at the latest refresh (revocation, and 変更確認 at login). */
  revocations: () => Promise<RevocationIndex>;
  /** Chain, profile and key of certificates already checked. */
  certificates: CertificateCache;
  /** SHA-256 and the RSA signature check (WebCrypto, or Node's on a server). */
  crypto: RelyingPartyCrypto;
}

/**
 * Recently verified auth keys, to recognise a signature made by another card. A small fixed bound:
 * a failed signature is tried against these only, never against every customer's key.
 */
const RECENT_KEYS_LIMIT = 16;
/** How many renewals back a login follows 新旧紐付け to find its user. */
const MAX_RENEWAL_STEPS = 8;
/** Far above any JPKI certificate (about 1.5 KB) or RSA signature (256 bytes). */
const MAX_CERTIFICATE_BYTES = 16 * 1024;
const MAX_SIGNATURE_BYTES = 1024;

/** 全角/半角 spaces, compatibility forms (ＡＢ → AB) and spacing differences do not matter. */
function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '');
}

/** お客様番号 as typed: full-width digits, hyphens and spaces allowed. */
function normalizeCustomerNumber(input: unknown): string {
  if (typeof input !== 'string') throw invalid('customerNumber', 'required');
  if (input.length > 64) throw invalid('customerNumber', 'must be 8 digits');
  const digits = input.normalize('NFKC').replace(/[\s-]/g, '');
  if (!/^\d{8}$/.test(digits)) throw invalid('customerNumber', 'must be 8 digits');
  return digits;
}

function binaryField(body: Record<string, unknown>, name: string, maxBytes: number): Uint8Array {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0) throw invalid(name, 'required (base64)');
  if (value.length > Math.ceil(maxBytes / 3) * 4) throw invalid(name, `at most ${maxBytes} bytes`);
  try {
    return decodeBase64(value);
  } catch {
    throw invalid(name, 'not base64');
  }
}

export class AuthService {
  private readonly recentKeys = new Map<string, RsaPublicKey>();

  constructor(private readonly context: AuthContext) {}

  reset(): void {
    this.recentKeys.clear();
  }

  /** A card login: the TV's reader (`card`), or デジタル認証アプリ reading it on a phone (`phone`). */
  async login(body: Record<string, unknown>, method: LoginMethod = 'card'): Promise<TokenPair> {
    const { certificates, crypto: primitives } = this.context;
    // The exact text of a certificate checked before: no base64 decoding, no hashing.
    const encoded = body.authCertificate;
    const known = typeof encoded === 'string' ? certificates.byEncoding('auth', encoded) : undefined;
    const der = known?.der ?? binaryField(body, 'authCertificate', MAX_CERTIFICATE_BYTES);
    const signature = binaryField(body, 'signature', MAX_SIGNATURE_BYTES);
    const derSha256 = known?.sha256Hex ?? (await primitives.sha256Hex(der));
    await this.context.limits.take('certificate', 'login', derSha256);
    const message = this.context.challenges.consume(body.challenge, 'login');
    const revocations = await this.context.revocations();
    const now = this.context.now();
    let certificate: VerifiedCertificate;
    if (known) {
      checkStatus(known, { now, revocations, requireCrl: this.context.requireCrl });
      certificate = known;
    } else {
      certificate = await this.verified('auth', der, derSha256);
      certificates.setEncoding(encoded as string, certificate);
    }
    try {
      await verifySignatureOver(
        certificate.key,
        message,
        signature,
        this.otherKeys(certificate),
        'signature',
        primitives,
      );
    } finally {
      this.remember(certificate);
    }
    const { user, renewed } = await this.userOf(certificate);
    const { users } = this.context;
    let signNotice = false;
    if (user.signCertificate) {
      checkSignCertificate(user.signCertificate, revocations, now);
      signNotice = tellOnce(user.signCertificate);
      users.save(user);
    }
    return this.context.sessions.open(this.sessionOf(user, certificate, renewed, signNotice, method));
  }

  async register(body: Record<string, unknown>): Promise<RegistrationResult> {
    const customerNumber = normalizeCustomerNumber(body.customerNumber);
    const authDer = binaryField(body, 'authCertificate', MAX_CERTIFICATE_BYTES);
    const authSignature = binaryField(body, 'authSignature', MAX_SIGNATURE_BYTES);
    const signDer = binaryField(body, 'signCertificate', MAX_CERTIFICATE_BYTES);
    const signSignature = binaryField(body, 'signSignature', MAX_SIGNATURE_BYTES);
    const authSha256 = await this.context.crypto.sha256Hex(authDer);
    await this.context.limits.take('certificate', 'registration', authSha256);
    const message = this.context.challenges.consume(body.challenge, 'registration');

    const auth = await this.verified('auth', authDer, authSha256);
    const primitives = this.context.crypto;
    try {
      await verifySignatureOver(
        auth.key,
        message,
        authSignature,
        this.otherKeys(auth),
        'auth signature',
        primitives,
      );
    } finally {
      this.remember(auth);
    }
    const sign = await this.verified('sign', signDer, await primitives.sha256Hex(signDer));
    // The other key the client sent is the likeliest mix-up (auth and sign signatures swapped).
    await verifySignatureOver(sign.key, message, signSignature, [auth.key], 'sign signature', primitives);
    if (!(await this.context.jlis.areLinked(auth.sha256Hex, sign.sha256Hex))) {
      throw new ProblemError(
        403,
        'CERTIFICATES_NOT_LINKED',
        'J-LIS does not link this signature certificate to this authentication certificate',
      );
    }

    const customer = this.context.customers().get(customerNumber);
    if (!customer) throw new ProblemError(404, 'CUSTOMER_NOT_FOUND');
    const holder = readHolderData(sign.certificate);
    const matches =
      normalizeName(holder.name) === normalizeName(customer.name) && holder.birthDate === customer.birthDate;
    if (!matches) throw new ProblemError(403, 'REGISTRATION_MISMATCH');

    const { users } = this.context;
    const pointer = users.pointer(auth.sha256Hex);
    if (pointer?.state === 'superseded' || (await this.context.jlis.successorOf(auth.sha256Hex))) {
      throw superseded();
    }
    const pointed = pointer ? users.user(pointer.userId) : undefined;
    if (pointed && pointed.customerNumber !== customerNumber) {
      throw new ProblemError(409, 'CERTIFICATE_ALREADY_LINKED');
    }
    // The customer's user, if they registered before (e.g. with a card since replaced): one 利用者ID.
    const existing = pointed ?? users.userOfCustomer(customerNumber);
    const user = existing
      ? users.attach(existing.userId, auth.sha256Hex)
      : users.createUser(customerNumber, auth.sha256Hex, this.context.now());
    // 変更確認 from now on reads this signature certificate's status (a new one replaces the old).
    user.signCertificate = this.signRecordOf(sign);
    users.save(user);
    const tokens = this.context.sessions.open(this.sessionOf(user, auth, false, false, 'card'));
    return {
      customerNumber,
      displayName: customer.name,
      linkedAt: user.linkedAt.toISOString(),
      tokens,
    };
  }

  /**
   * 本人同意: the viewer's signature certificate and its signature over `message` (the consent),
   * checked as at registration — chain, profile, validity, revocation, signature — plus J-LIS's
   * 証明書紐付け to the session's auth certificate and the holder's name and birth date.
   */
  async verifyConsent(
    session: Session,
    body: Record<string, unknown>,
    message: Uint8Array,
  ): Promise<{ serialHex: string; sha256Hex: string }> {
    const der = binaryField(body, 'signCertificate', MAX_CERTIFICATE_BYTES);
    const signature = binaryField(body, 'signature', MAX_SIGNATURE_BYTES);
    const primitives = this.context.crypto;
    const sign = await this.verified('sign', der, await primitives.sha256Hex(der));
    await verifySignatureOver(sign.key, message, signature, [], 'consent signature', primitives);
    if (!(await this.context.jlis.areLinked(session.certificateId, sign.sha256Hex))) {
      throw new ProblemError(
        403,
        'CERTIFICATES_NOT_LINKED',
        "J-LIS does not link this signature certificate to the session's authentication certificate",
      );
    }
    const customer = this.context.customers().get(session.customerNumber);
    const holder = readHolderData(sign.certificate);
    if (
      !customer ||
      normalizeName(holder.name) !== normalizeName(customer.name) ||
      holder.birthDate !== customer.birthDate
    ) {
      throw new ProblemError(403, 'REGISTRATION_MISMATCH', 'the signature certificate is not the viewer’s');
    }
    // After a move the consent comes with the card's new signature certificate, verified and
    // linked to this card by J-LIS: 変更確認 reads that one from now on.
    const user = this.context.users.user(session.userId);
    if (user && user.signCertificate?.serialHex !== sign.serialHex) {
      user.signCertificate = this.signRecordOf(sign);
      this.context.users.save(user);
    }
    return { serialHex: sign.serialHex, sha256Hex: sign.sha256Hex };
  }

  /** What 変更確認 keeps of a verified signature certificate: never the holder data. */
  private signRecordOf(sign: VerifiedCertificate): SignCertificateRecord {
    return {
      serialHex: sign.serialHex,
      anchorId: sign.anchor.id,
      notAfter: sign.notAfter,
      status: 'valid',
      checkedAt: this.context.now(),
    };
  }

  /** The user of a verified auth certificate: by its index, or by following a renewal. */
  private async userOf(certificate: VerifiedCertificate): Promise<{ user: User; renewed: boolean }> {
    const { users, jlis } = this.context;
    const pointer = users.pointer(certificate.sha256Hex);
    if (pointer?.state === 'superseded' || (await jlis.successorOf(certificate.sha256Hex))) {
      throw superseded();
    }
    const known = pointer ? users.user(pointer.userId) : undefined;
    if (known) return { user: known, renewed: false };
    let previous = await jlis.predecessorOf(certificate.sha256Hex);
    for (let step = 0; previous !== undefined && step < MAX_RENEWAL_STEPS; step++) {
      const found = users.pointer(previous);
      if (found) {
        return { user: users.attach(found.userId, certificate.sha256Hex, previous), renewed: true };
      }
      previous = await jlis.predecessorOf(previous);
    }
    throw new ProblemError(403, 'REGISTRATION_REQUIRED');
  }

  private sessionOf(
    user: User,
    certificate: VerifiedCertificate,
    renewed: boolean,
    signNotice: boolean,
    loginMethod: LoginMethod,
  ): Session {
    return {
      userId: user.userId,
      customerNumber: user.customerNumber,
      certificateId: certificate.sha256Hex,
      certificateAnchorId: certificate.anchor.id,
      certificateNotBefore: certificate.notBefore,
      certificateNotAfter: certificate.notAfter,
      certificateSerialHex: certificate.serialHex,
      renewed,
      signNotice,
      loginMethod,
    };
  }

  private async verified(
    kind: 'auth' | 'sign',
    der: Uint8Array,
    sha256Hex?: string,
  ): Promise<VerifiedCertificate> {
    return verifyCertificate(kind, der, {
      ...(sha256Hex ? { sha256Hex } : {}),
      anchors: this.context.anchors(),
      revocations: await this.context.revocations(),
      cache: this.context.certificates,
      crypto: this.context.crypto,
      now: this.context.now(),
      requireCrl: this.context.requireCrl,
      policies: this.context.policies,
    });
  }

  /**
   * The recent keys other than this certificate's, read only when a signature fails (a good
   * signature never walks them); `remember` adds this one after the check.
   */
  private otherKeys(certificate: VerifiedCertificate): () => RsaPublicKey[] {
    return () =>
      [...this.recentKeys.entries()].filter(([id]) => id !== certificate.sha256Hex).map(([, key]) => key);
  }

  /** Remembers a verified certificate's key as the most recent (bounded). */
  private remember(certificate: VerifiedCertificate): void {
    this.recentKeys.delete(certificate.sha256Hex);
    this.recentKeys.set(certificate.sha256Hex, certificate.key);
    if (this.recentKeys.size > RECENT_KEYS_LIMIT) {
      this.recentKeys.delete(this.recentKeys.keys().next().value as string);
    }
  }
}

function superseded(): ProblemError {
  return new ProblemError(
    401,
    'CERTIFICATE_SUPERSEDED',
    'this authentication certificate was replaced by a renewed one (新旧紐付け)',
  );
}
