/**
 * 利用者ID: the platform's own identity of a viewer, which outlives their certificates. A customer
 * (お客様番号) links to a user; a certificate only points to one, found by the SHA-256 of its DER in
 * a map — a login never tries keys, so its cost does not grow with the number of customers. At a
 * renewal the new auth certificate points to the same user and the old one is marked superseded.
 */
import { bytesToBase64Url } from '../../../src/platform/base64';
import type { SignCertificateRecord } from './change-check';

export interface User {
  userId: string;
  customerNumber: string;
  linkedAt: Date;
  /** SHA-256 hex of the auth certificate the user logs in with now. */
  currentCertificate: string;
  /** The signature certificate of the latest registration, for 変更確認 (no holder data). */
  signCertificate?: SignCertificateRecord;
}

export interface CertificatePointer {
  userId: string;
  /** superseded: replaced by a renewed certificate (新旧紐付け); never logs in again. */
  state: 'current' | 'superseded';
}

export class UserDirectory {
  private readonly users = new Map<string, User>();
  private readonly byCertificate = new Map<string, CertificatePointer>();
  private readonly byCustomer = new Map<string, string>();

  clear(): void {
    this.users.clear();
    this.byCertificate.clear();
    this.byCustomer.clear();
  }

  get userCount(): number {
    return this.users.size;
  }

  get certificateCount(): number {
    return this.byCertificate.size;
  }

  /** Every user (for the 変更確認 at a CRL refresh). */
  all(): IterableIterator<User> {
    return this.users.values();
  }

  user(userId: string): User | undefined {
    return this.users.get(userId);
  }

  pointer(certificateSha256: string): CertificatePointer | undefined {
    return this.byCertificate.get(certificateSha256);
  }

  userOfCustomer(customerNumber: string): User | undefined {
    const userId = this.byCustomer.get(customerNumber);
    return userId === undefined ? undefined : this.users.get(userId);
  }

  /** A new user linked to the customer, logging in with this certificate. */
  createUser(customerNumber: string, certificateSha256: string, linkedAt: Date): User {
    const user: User = {
      userId: bytesToBase64Url(crypto.getRandomValues(new Uint8Array(16))),
      customerNumber,
      linkedAt,
      currentCertificate: certificateSha256,
    };
    this.users.set(user.userId, user);
    this.byCustomer.set(customerNumber, user.userId);
    this.byCertificate.set(certificateSha256, { userId: user.userId, state: 'current' });
    return user;
  }

  /**
   * The user now logs in with `certificateSha256` (a renewal, or a new card registered again).
   * `supersedes`: the certificate it replaced (新旧紐付け), refused from now on.
   */
  attach(userId: string, certificateSha256: string, supersedes?: string): User {
    const user = this.users.get(userId);
    if (!user) throw new Error(`no user ${userId}`);
    this.byCertificate.set(certificateSha256, { userId, state: 'current' });
    if (supersedes !== undefined) {
      const old = this.byCertificate.get(supersedes);
      if (old?.userId === userId) old.state = 'superseded';
    }
    user.currentCertificate = certificateSha256;
    return user;
  }
}
