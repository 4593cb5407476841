/**
 * The relying-party side of login and 利用者登録・紐付け: certificate and signature checks, the
 * customer match on the signature certificate's name and birth date, and the link from the auth
 * certificate (issuing root + serial) to the customer. The signature certificate is read for the
 * match and then dropped: only the match result (the link) is kept.
 */
import type * as pkijs from 'pkijs';
import { readSignCertificateHolder } from '../../pki/holder-san';
import { base64ToBytes } from '../../../src/platform/base64';
import type { RegistrationResult, TokenPair } from '../../../src/platform/types';
import type { ChallengeStore } from './challenges';
import { invalid, ProblemError } from './problem';
import { verifySignatureOver, type RsaPublicKey } from './rsa-signature';
import type { SessionStore } from './sessions';
import { verifyCertificate, type TrustAnchor, type VerifiedCertificate } from './verification';
import type { Customer } from '../seed/residents';

/** What the platform keeps per linked auth certificate. */
export interface CertificateLink {
  customerNumber: string;
  linkedAt: Date;
  certificateNotAfter: Date;
  key: RsaPublicKey;
}

export interface AuthContext {
  now: () => Date;
  anchors: () => readonly TrustAnchor[];
  crls: () => readonly pkijs.CertificateRevocationList[];
  requireCrl: boolean;
  challenges: ChallengeStore;
  sessions: SessionStore;
  customers: () => ReadonlyMap<string, Customer>;
}

/** Recently verified auth keys (bounded), to recognise a signature made by another card. */
const RECENT_KEYS_LIMIT = 256;

/** 全角/半角 spaces, compatibility forms (ＡＢ → AB) and spacing differences do not matter. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '');
}

/** お客様番号 as typed: full-width digits, hyphens and spaces allowed. */
export function normalizeCustomerNumber(input: unknown): string {
  if (typeof input !== 'string') throw invalid('customerNumber', 'required');
  const digits = input.normalize('NFKC').replace(/[\s-]/g, '');
  if (!/^\d{8}$/.test(digits)) throw invalid('customerNumber', 'must be 8 digits');
  return digits;
}

function binaryField(body: Record<string, unknown>, name: string): Uint8Array {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0) throw invalid(name, 'required (base64)');
  try {
    return base64ToBytes(value);
  } catch {
    throw invalid(name, 'not base64');
  }
}

export class AuthService {
  private readonly links = new Map<string, CertificateLink>();
  private readonly recentKeys = new Map<string, RsaPublicKey>();

  constructor(private readonly context: AuthContext) {}

  reset(): void {
    this.links.clear();
    this.recentKeys.clear();
  }

  /** How many auth certificates are linked (for tests and the demo's status line). */
  get linkCount(): number {
    return this.links.size;
  }

  async login(body: Record<string, unknown>): Promise<TokenPair> {
    const der = binaryField(body, 'authCertificate');
    const signature = binaryField(body, 'signature');
    const message = this.context.challenges.consume(body.challenge, 'login');
    const certificate = await this.verified('auth', der);
    await verifySignatureOver(certificate.key, message, signature, this.otherKeys(), 'signature');
    const link = this.links.get(linkKeyOf(certificate));
    if (!link) throw new ProblemError(403, 'REGISTRATION_REQUIRED');
    return this.context.sessions.open({
      customerNumber: link.customerNumber,
      certificateNotAfter: certificate.notAfter,
    });
  }

  async register(body: Record<string, unknown>): Promise<RegistrationResult> {
    const customerNumber = normalizeCustomerNumber(body.customerNumber);
    const authDer = binaryField(body, 'authCertificate');
    const authSignature = binaryField(body, 'authSignature');
    const signDer = binaryField(body, 'signCertificate');
    const signSignature = binaryField(body, 'signSignature');
    const message = this.context.challenges.consume(body.challenge, 'registration');

    const auth = await this.verified('auth', authDer);
    await verifySignatureOver(auth.key, message, authSignature, this.otherKeys(), 'auth signature');
    const sign = await this.verified('sign', signDer);
    // The other key the client sent is the likeliest mix-up (auth and sign signatures swapped).
    await verifySignatureOver(sign.key, message, signSignature, [auth.key], 'sign signature');

    const customer = this.context.customers().get(customerNumber);
    if (!customer) throw new ProblemError(404, 'CUSTOMER_NOT_FOUND');
    const holder = readSignCertificateHolder(signDer);
    const matches =
      normalizeName(holder.name) === normalizeName(customer.name) && holder.birthDate === customer.birthDate;
    if (!matches) throw new ProblemError(403, 'REGISTRATION_MISMATCH');

    const key = linkKeyOf(auth);
    const existing = this.links.get(key);
    if (existing && existing.customerNumber !== customerNumber) {
      throw new ProblemError(409, 'CERTIFICATE_ALREADY_LINKED');
    }
    const linkedAt = existing?.linkedAt ?? this.context.now();
    this.links.set(key, { customerNumber, linkedAt, certificateNotAfter: auth.notAfter, key: auth.key });
    const tokens = this.context.sessions.open({ customerNumber, certificateNotAfter: auth.notAfter });
    return { customerNumber, displayName: customer.name, linkedAt: linkedAt.toISOString(), tokens };
  }

  private async verified(kind: 'auth' | 'sign', der: Uint8Array): Promise<VerifiedCertificate> {
    const certificate = await verifyCertificate(kind, der, {
      anchors: this.context.anchors(),
      crls: this.context.crls(),
      now: this.context.now(),
      requireCrl: this.context.requireCrl,
    });
    if (kind === 'auth') this.remember(certificate);
    return certificate;
  }

  private remember(certificate: VerifiedCertificate): void {
    const key = linkKeyOf(certificate);
    this.recentKeys.delete(key);
    this.recentKeys.set(key, certificate.key);
    if (this.recentKeys.size > RECENT_KEYS_LIMIT) {
      this.recentKeys.delete(this.recentKeys.keys().next().value as string);
    }
  }

  private otherKeys(): RsaPublicKey[] {
    return [...[...this.links.values()].map((link) => link.key), ...this.recentKeys.values()];
  }
}

/** Issuer (the root that verified it, told apart by key) + serial: the link's identity. */
function linkKeyOf(certificate: VerifiedCertificate): string {
  return `${certificate.anchor.id}:${certificate.serialHex}`;
}
