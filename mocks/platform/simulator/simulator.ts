/**
 * The cable platform simulator: plain TypeScript, no HTTP. msw handlers (../handlers.ts) and the
 * real HTTP server (../server.ts) sit on top. Clock, trust anchors, CRLs, J-LIS, limits and seed
 * data are injected; all state (users and their certificates, sessions, challenges, bookings) lives
 * in memory until reset().
 */
import type * as pkijs from 'pkijs';
import type { Challenge, Profile, RegistrationResult, Sender, TokenPair } from '../../../src/platform/types';
import { createDemoSeed, type SeedData } from '../seed/demo-seed';
import type { Customer } from '../seed/residents';
import { AuthService } from './auth';
import { BookingDesk } from './bookings';
import { CHALLENGE_TTL_MS, ChallengeStore, MAX_PENDING_CHALLENGES } from './challenges';
import { HealthRecords } from './health';
import { SimulatedJlis, type JlisService } from './jlis';
import { DEFAULT_LIMITS, RateLimits, type LimitRules } from './limits';
import { invalid, ProblemError } from './problem';
import { TEST_PKI_POLICIES, type CertificatePolicies } from './profiles';
import { CertificateCache } from './certificate-cache';
import { WEB_CRYPTO, type RelyingPartyCrypto } from './crypto-port';
import { checkSignCertificate, signCertificateStatusOf } from './change-check';
import { RevocationIndex } from './revocation';
import { SessionStore, type LoginMethod, type Session } from './sessions';
import { UserDirectory } from './users';
import { PreferenceStore } from './preferences';
import { MemoryStore, type RecordStore } from '../store/record-store';
import { NoticeBox } from './notices/notice-box';
import { daysBefore, seedNoticesOf } from './notices/seed-notices';
import { SenderDirectory, type SenderConfig } from './notices/senders';
import { AddressChangeDesk } from './address-change/desk';
import { SimulatedBasicInformation, type BasicInformationService } from './address-change/basic-information';
import { SimulatedService, type ServiceEndpoint } from './address-change/services';
import { SERVICE_CATALOGUE } from '../seed/address-change';
import { RESIDENTS } from '../seed/residents';
import { DeviceFlow } from './pairing/device-flow';
import { DEMO_PAIRING_CLIENTS, type PairingClient } from './pairing/clients';
import { parseCrls, trustAnchorOf, type CertificateKind, type TrustAnchor } from './verification';

export interface PlatformSimulatorConfig {
  /** DER trust anchors per kind: every generation of the JPKI auth (and sign) roots. */
  trustAnchors: { auth: AnchorInput[]; sign?: AnchorInput[] };
  /** DER CRLs of those roots; replace them later with setCrls(). */
  crls?: Uint8Array[];
  /** Refuse certificates whose root has no current CRL (default true: fail closed). */
  requireCrl?: boolean;
  now?: () => Date;
  seed?: (now: Date) => SeedData;
  challengeTtlMs?: number;
  /** Unused challenges kept at most (default 10,000); the oldest is forgotten first. */
  maxPendingChallenges?: number;
  accessTokenTtlMs?: number;
  /** Idle limit of a session: its refresh token unused this long. */
  refreshTokenTtlMs?: number;
  /** Absolute limit of a session from its login. */
  sessionLifetimeMs?: number;
  /**
   * J-LIS (証明書紐付け, 新旧紐付け). Default: a simulated one with no records; add the test PKI's
   * and files' records to it through `simulator.jlis` (a SimulatedJlis).
   */
  jlis?: JlisService;
  /** Accepted certificate policies (default: the test PKI's). */
  policies?: CertificatePolicies;
  /** Rate limits per client and per certificate (default DEFAULT_LIMITS; false: none). */
  limits?: LimitRules | false;
  /** SHA-256 and RSA signature checks (default WebCrypto; NODE_CRYPTO on a Node server). */
  crypto?: RelyingPartyCrypto;
  /** Certificates whose chain, profile and key are kept checked (default 4,096; 0: none). */
  certificateCacheLimit?: number;
  /**
   * Where customers, links, bookings, notices, receipts and address changes are kept (default: in
   * memory; `--data DIR`: SQLite). A store that already holds them is not seeded again.
   */
  store?: RecordStore;
  /** Senders of notices with their credentials (default: none can post). */
  senders?: SenderConfig[];
  /** 最新4情報 (default: the demo town's register). */
  basicInformation?: BasicInformationService;
  /** The services an address change is sent to, by catalogue id (default: simulated ones). */
  serviceEndpoints?: ReadonlyMap<string, ServiceEndpoint>;
  /** A draw in [0, 1) for the jitter of the address-change retries (default Math.random). */
  random?: () => number;
  /** The TV apps that may pair a box with a phone (default: the demo operators'). */
  pairingClients?: readonly PairingClient[];
  /** Life of a device flow's codes (at most and by default 600 s). */
  deviceCodeTtlMs?: number;
}

/** A root's DER; with `requireCrl: false` its certificates are accepted while no CRL of it is loaded. */
export type AnchorInput = Uint8Array | { der: Uint8Array; requireCrl: boolean };

const DAY_MS = 24 * 60 * 60_000;
/** The renewal notice shows from 90 days before the certificate expires. */
const RENEWAL_WARNING_DAYS = 90;

export class PlatformSimulator {
  readonly now: () => Date;
  private anchors: TrustAnchor[] = [];
  private crlList: pkijs.CertificateRevocationList[] = [];
  /** The index of the CRLs in force; a refresh replaces it when the new one is built. */
  private revocations: Promise<RevocationIndex> = Promise.resolve(RevocationIndex.empty());
  private readonly certificates: CertificateCache;
  private seed: SeedData;
  private customers = new Map<string, Customer>();
  private readonly challenges: ChallengeStore;
  private readonly sessions: SessionStore;
  private readonly users: UserDirectory;
  readonly store: RecordStore;
  /** The viewers' own preferences (PUT /v1/me/preferences). */
  readonly preferences: PreferenceStore;
  private senderDirectory = new SenderDirectory();
  private readonly notices: NoticeBox;
  private readonly addressChanges: AddressChangeDesk;
  readonly jlis: JlisService;
  readonly limits: RateLimits;
  private readonly auth: AuthService;
  private readonly health: HealthRecords;
  private readonly bookings: BookingDesk;
  /** Pairing a TV with a phone (RFC 8628). */
  readonly pairing: DeviceFlow;

  private constructor(private readonly config: PlatformSimulatorConfig) {
    this.now = config.now ?? (() => new Date());
    this.certificates = new CertificateCache(config.certificateCacheLimit);
    this.store = config.store ?? new MemoryStore();
    this.users = new UserDirectory(this.store);
    this.preferences = new PreferenceStore(this.store);
    this.seed = this.makeSeed();
    this.challenges = new ChallengeStore(
      this.now,
      config.challengeTtlMs ?? CHALLENGE_TTL_MS,
      config.maxPendingChallenges ?? MAX_PENDING_CHALLENGES,
    );
    this.jlis = config.jlis ?? new SimulatedJlis();
    this.limits = new RateLimits(config.limits ?? DEFAULT_LIMITS);
    this.sessions = new SessionStore(this.now, {
      ...(config.accessTokenTtlMs !== undefined ? { accessTtlMs: config.accessTokenTtlMs } : {}),
      ...(config.refreshTokenTtlMs !== undefined ? { refreshTtlMs: config.refreshTokenTtlMs } : {}),
      ...(config.sessionLifetimeMs !== undefined ? { lifetimeMs: config.sessionLifetimeMs } : {}),
    });
    this.auth = new AuthService({
      now: this.now,
      anchors: () => this.anchors,
      requireCrl: config.requireCrl ?? true,
      policies: config.policies ?? TEST_PKI_POLICIES,
      challenges: this.challenges,
      sessions: this.sessions,
      customers: () => this.customers,
      users: this.users,
      jlis: this.jlis,
      limits: this.limits,
      revocations: () => this.revocations,
      certificates: this.certificates,
      crypto: config.crypto ?? WEB_CRYPTO,
    });
    this.health = new HealthRecords(
      () => this.seed.checkups,
      () => this.seed.medications,
    );
    this.bookings = new BookingDesk(() => this.seed.facilities, this.now, this.store);
    this.notices = new NoticeBox(
      this.store,
      this.now,
      (id) => this.senderDirectory.sender(id),
      (customerNumber) => this.customers.has(customerNumber),
    );
    this.addressChanges = new AddressChangeDesk({
      store: this.store,
      now: this.now,
      challenges: this.challenges,
      notices: this.notices,
      basicInformation: config.basicInformation ?? new SimulatedBasicInformation(() => this.customers),
      endpoints:
        config.serviceEndpoints ??
        new Map(SERVICE_CATALOGUE.map((service) => [service.id, new SimulatedService(service, this.now)])),
      random: config.random ?? Math.random,
      verifyConsent: (session, body, message) => this.auth.verifyConsent(session, body, message),
    });
    this.pairing = new DeviceFlow({
      now: this.now,
      store: this.store,
      clients: config.pairingClients ?? DEMO_PAIRING_CLIENTS,
      ...(config.deviceCodeTtlMs !== undefined ? { ttlMs: config.deviceCodeTtlMs } : {}),
    });
    this.seedStore();
  }

  /** The demo town's customers, notices and service accounts, unless the store holds them already. */
  private seedStore(): void {
    if (this.store.count('customers') === 0) {
      const now = this.now();
      this.store.transaction(() => {
        for (const customer of this.seed.customers) {
          this.store.put('customers', customer.customerNumber, customer, customer.customerNumber);
        }
        for (const { customerNumber } of RESIDENTS) {
          for (const notice of seedNoticesOf(customerNumber)) {
            const record = this.notices.deliver(
              notice.senderId,
              customerNumber,
              notice.content,
              daysBefore(now, notice.daysAgo),
            );
            if (notice.readDaysAgo !== undefined) {
              this.store.put('notices', record.id, {
                ...record,
                readAt: daysBefore(now, notice.readDaysAgo).toISOString(),
              });
            }
          }
        }
        this.addressChanges.seed();
      });
    }
    this.customers = new Map(
      this.store.list<Customer>('customers').map((customer) => [customer.customerNumber, customer]),
    );
  }

  static async create(config: PlatformSimulatorConfig): Promise<PlatformSimulator> {
    const simulator = new PlatformSimulator(config);
    for (const der of config.trustAnchors.auth) await simulator.addTrustAnchor('auth', der);
    for (const der of config.trustAnchors.sign ?? []) await simulator.addTrustAnchor('sign', der);
    await simulator.setCrls(config.crls ?? []);
    simulator.senderDirectory = await SenderDirectory.create(config.senders ?? []);
    return simulator;
  }

  async addTrustAnchor(kind: CertificateKind, input: AnchorInput): Promise<void> {
    const anchor =
      input instanceof Uint8Array
        ? await trustAnchorOf(kind, input)
        : await trustAnchorOf(kind, input.der, input.requireCrl);
    if (this.anchors.some((a) => a.kind === kind && a.id === anchor.id)) return;
    this.anchors.push(anchor);
    // The new root's CRLs may already be loaded.
    this.revocations = RevocationIndex.build(this.anchors, this.crlList);
    await this.revocations;
  }

  get trustAnchorCount(): number {
    return this.anchors.length;
  }

  /**
   * Replaces the CRLs (e.g. refreshed from the PKI directory). Logins check against them at once;
   * when the returned promise settles, sessions whose auth certificate they revoke have ended and
   * every registered signature certificate's status (変更確認) has been read again.
   */
  async setCrls(ders: readonly Uint8Array[]): Promise<void> {
    this.crlList = parseCrls(ders);
    // Logins from now on wait for the new index (their CRL checks never use an older list).
    this.revocations = RevocationIndex.build(this.anchors, this.crlList);
    const index = await this.revocations;
    const now = this.now();
    this.sessions.end(
      (session) =>
        index.revocation(session.certificateAnchorId, session.certificateSerialHex, now) !== undefined,
      'SESSION_CERTIFICATE_REVOKED',
    );
    this.store.transaction(() => {
      for (const user of this.users.all()) {
        if (!user.signCertificate) continue;
        checkSignCertificate(user.signCertificate, index, now);
        this.users.save(user);
      }
    });
  }

  /**
   * Forgets every user, link, session, challenge, booking, notice and address change, and seeds
   * the demo town anew.
   */
  reset(): void {
    this.store.clear();
    this.challenges.clear();
    this.sessions.clear();
    this.users.clear();
    this.limits.clear();
    this.auth.reset();
    this.certificates.clear();
    this.bookings.reset();
    this.addressChanges.delivery.forget();
    this.pairing.clear();
    this.seed = this.makeSeed();
    this.seedStore();
  }

  /** How many auth certificates point to a user (for tests and the demo's status line). */
  get linkCount(): number {
    return this.users.certificateCount;
  }

  /** Sessions neither ended nor past their lifetime. */
  get sessionCount(): number {
    return this.sessions.openCount;
  }

  get userCount(): number {
    return this.users.userCount;
  }

  /** Unused challenges held now (bounded by maxPendingChallenges). */
  get pendingChallengeCount(): number {
    return this.challenges.pendingCount;
  }

  /** The user directory, for measurements that need many customers linked. */
  get userDirectory(): UserDirectory {
    return this.users;
  }

  // ── auth ──────────────────────────────────────────────────────────────────────────────────
  createChallenge(body: Record<string, unknown>): Challenge {
    const purpose = body.purpose;
    if (purpose !== 'login' && purpose !== 'registration') {
      throw invalid('purpose', 'login or registration');
    }
    return this.challenges.issue(purpose);
  }

  login(body: Record<string, unknown>, method: LoginMethod = 'card'): Promise<TokenPair> {
    return this.auth.login(body, method);
  }

  refresh(body: Record<string, unknown>): TokenPair {
    return this.sessions.rotate(body.refreshToken);
  }

  logout(authorization: string | null): void {
    this.sessions.close(authorization);
  }

  register(body: Record<string, unknown>): Promise<RegistrationResult> {
    return this.auth.register(body);
  }

  /** The session of a bearer header (TOKEN_INVALID / TOKEN_EXPIRED otherwise). */
  session(authorization: string | null): Session {
    return this.sessions.authenticate(authorization);
  }

  // ── profile and health ────────────────────────────────────────────────────────────────────
  profile(session: Session): Profile {
    const customer = this.customers.get(session.customerNumber);
    if (!customer) throw new ProblemError(404, 'NOT_FOUND', 'the customer record is gone');
    const sign = this.users.user(session.userId)?.signCertificate;
    const daysRemaining = Math.floor((session.certificateNotAfter.getTime() - this.now().getTime()) / DAY_MS);
    return {
      customerNumber: customer.customerNumber,
      displayName: customer.name,
      municipality: this.seed.municipality,
      certificate: {
        notAfter: session.certificateNotAfter.toISOString(),
        daysRemaining,
        renewalWarning: daysRemaining <= RENEWAL_WARNING_DAYS,
        notBefore: session.certificateNotBefore.toISOString(),
        serialNumber: session.certificateSerialHex,
        renewed: session.renewed,
      },
      loginMethod: session.loginMethod,
      ...(sign ? { signCertificate: signCertificateStatusOf(sign, session.signNotice) } : {}),
      ...this.preferencesOf(session.userId),
    };
  }

  private preferencesOf(userId: string): { preferences?: Profile['preferences'] } {
    const preferences = this.preferences.of(userId);
    return preferences ? { preferences } : {};
  }

  get healthRecords(): HealthRecords {
    return this.health;
  }

  get bookingDesk(): BookingDesk {
    return this.bookings;
  }

  get noticeBox(): NoticeBox {
    return this.notices;
  }

  get addressChangeDesk(): AddressChangeDesk {
    return this.addressChanges;
  }

  /** The sender of a sender credential (401 TOKEN_INVALID otherwise). */
  sender(authorization: string | null): Promise<Sender> {
    return this.senderDirectory.authenticate(authorization);
  }

  private makeSeed(): SeedData {
    return (this.config.seed ?? createDemoSeed)(this.now());
  }
}
