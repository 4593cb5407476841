/**
 * 利用者ID: the platform's own identity of a viewer, which outlives their certificates. A customer
 * (お客様番号) links to a user; a certificate only points to one, found by the SHA-256 of its DER in
 * a map — a login never tries keys, so its cost does not grow with the number of customers. At a
 * renewal the new auth certificate points to the same user and the old one is marked superseded.
 */
import { bytesToBase64Url } from '../../../src/platform/base64';
import { MemoryStore, type RecordStore } from '../store/record-store';
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

/** A user as the store keeps it (dates as ISO text). */
interface UserRecord extends Omit<User, 'linkedAt' | 'signCertificate'> {
  linkedAt: string;
  signCertificate?: Omit<SignCertificateRecord, 'notAfter' | 'revokedAt' | 'checkedAt'> & {
    notAfter: string;
    revokedAt?: string;
    checkedAt: string;
  };
}

function toRecord({ signCertificate: sign, linkedAt, ...user }: User): UserRecord {
  if (!sign) return { ...user, linkedAt: linkedAt.toISOString() };
  const { notAfter, checkedAt, revokedAt, ...rest } = sign;
  return {
    ...user,
    linkedAt: linkedAt.toISOString(),
    signCertificate: {
      ...rest,
      notAfter: notAfter.toISOString(),
      checkedAt: checkedAt.toISOString(),
      ...(revokedAt ? { revokedAt: revokedAt.toISOString() } : {}),
    },
  };
}

function fromRecord({ signCertificate: sign, linkedAt, ...user }: UserRecord): User {
  if (!sign) return { ...user, linkedAt: new Date(linkedAt) };
  const { notAfter, checkedAt, revokedAt, ...rest } = sign;
  return {
    ...user,
    linkedAt: new Date(linkedAt),
    signCertificate: {
      ...rest,
      notAfter: new Date(notAfter),
      checkedAt: new Date(checkedAt),
      ...(revokedAt ? { revokedAt: new Date(revokedAt) } : {}),
    },
  };
}

/**
 * The maps are the working copy; every change is written through to the store at once, and a
 * directory made over a store that already holds users (a restart with `--data`) starts from them.
 */
export class UserDirectory {
  private readonly users = new Map<string, User>();
  private readonly byCertificate = new Map<string, CertificatePointer>();
  private readonly byCustomer = new Map<string, string>();

  constructor(private readonly store: RecordStore = new MemoryStore()) {
    this.load();
  }

  /** Forgets the working copy and reads the store again (after the simulator cleared it). */
  clear(): void {
    this.users.clear();
    this.byCertificate.clear();
    this.byCustomer.clear();
    this.load();
  }

  /** Writes the user's current state (after 変更確認 changed its signature certificate's status). */
  save(user: User): void {
    this.store.put('users', user.userId, toRecord(user), user.customerNumber);
  }

  private load(): void {
    for (const record of this.store.list<UserRecord>('users')) {
      const user = fromRecord(record);
      this.users.set(user.userId, user);
      this.byCustomer.set(user.customerNumber, user.userId);
    }
    for (const { sha256, pointer } of this.store.list<{ sha256: string; pointer: CertificatePointer }>(
      'certificates',
    )) {
      this.byCertificate.set(sha256, pointer);
    }
  }

  private point(sha256: string, pointer: CertificatePointer): void {
    this.byCertificate.set(sha256, pointer);
    this.store.put('certificates', sha256, { sha256, pointer });
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
    this.store.transaction(() => {
      this.users.set(user.userId, user);
      this.byCustomer.set(customerNumber, user.userId);
      this.point(certificateSha256, { userId: user.userId, state: 'current' });
      this.save(user);
    });
    return user;
  }

  /**
   * The user now logs in with `certificateSha256` (a renewal, or a new card registered again).
   * `supersedes`: the certificate it replaced (新旧紐付け), refused from now on.
   */
  attach(userId: string, certificateSha256: string, supersedes?: string): User {
    const user = this.users.get(userId);
    if (!user) throw new Error(`no user ${userId}`);
    this.store.transaction(() => {
      this.point(certificateSha256, { userId, state: 'current' });
      if (supersedes !== undefined) {
        const old = this.byCertificate.get(supersedes);
        if (old?.userId === userId) this.point(supersedes, { ...old, state: 'superseded' });
      }
      user.currentCertificate = certificateSha256;
      this.save(user);
    });
    return user;
  }
}
