/**
 * The cable platform simulator: plain TypeScript, no HTTP. msw handlers (../handlers.ts) and the
 * real HTTP server (../server.ts) sit on top. Clock, trust anchors, CRLs and seed data are injected;
 * all state (customers' links, sessions, challenges, bookings) lives in memory until reset().
 */
import type * as pkijs from 'pkijs';
import type { Challenge, Profile, RegistrationResult, TokenPair } from '../../../src/platform/types';
import { createDemoSeed, type SeedData } from '../seed/demo-seed';
import type { Customer } from '../seed/residents';
import { AuthService } from './auth';
import { BookingDesk } from './bookings';
import { CHALLENGE_TTL_MS, ChallengeStore } from './challenges';
import { HealthRecords } from './health';
import { invalid, ProblemError } from './problem';
import { ACCESS_TOKEN_TTL_MS, REFRESH_TOKEN_TTL_MS, SessionStore, type Session } from './sessions';
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
  accessTokenTtlMs?: number;
  refreshTokenTtlMs?: number;
}

/** A root's DER; with `requireCrl: false` its certificates are accepted while no CRL of it is loaded. */
export type AnchorInput = Uint8Array | { der: Uint8Array; requireCrl: boolean };

const DAY_MS = 24 * 60 * 60_000;
/** The renewal notice shows from 90 days before the certificate expires. */
export const RENEWAL_WARNING_DAYS = 90;

export class PlatformSimulator {
  readonly now: () => Date;
  private anchors: TrustAnchor[] = [];
  private crlList: pkijs.CertificateRevocationList[] = [];
  private seed: SeedData;
  private customers = new Map<string, Customer>();
  private readonly challenges: ChallengeStore;
  private readonly sessions: SessionStore;
  private readonly auth: AuthService;
  private readonly health: HealthRecords;
  private readonly bookings: BookingDesk;

  private constructor(private readonly config: PlatformSimulatorConfig) {
    this.now = config.now ?? (() => new Date());
    this.seed = this.makeSeed();
    this.indexCustomers();
    this.challenges = new ChallengeStore(this.now, config.challengeTtlMs ?? CHALLENGE_TTL_MS);
    this.sessions = new SessionStore(
      this.now,
      config.accessTokenTtlMs ?? ACCESS_TOKEN_TTL_MS,
      config.refreshTokenTtlMs ?? REFRESH_TOKEN_TTL_MS,
    );
    this.auth = new AuthService({
      now: this.now,
      anchors: () => this.anchors,
      crls: () => this.crlList,
      requireCrl: config.requireCrl ?? true,
      challenges: this.challenges,
      sessions: this.sessions,
      customers: () => this.customers,
    });
    this.health = new HealthRecords(
      () => this.seed.checkups,
      () => this.seed.medications,
    );
    this.bookings = new BookingDesk(() => this.seed.facilities, this.now);
  }

  static async create(config: PlatformSimulatorConfig): Promise<PlatformSimulator> {
    const simulator = new PlatformSimulator(config);
    for (const der of config.trustAnchors.auth) await simulator.addTrustAnchor('auth', der);
    for (const der of config.trustAnchors.sign ?? []) await simulator.addTrustAnchor('sign', der);
    simulator.setCrls(config.crls ?? []);
    return simulator;
  }

  async addTrustAnchor(kind: CertificateKind, input: AnchorInput): Promise<void> {
    const anchor =
      input instanceof Uint8Array
        ? await trustAnchorOf(kind, input)
        : await trustAnchorOf(kind, input.der, input.requireCrl);
    if (!this.anchors.some((a) => a.kind === kind && a.id === anchor.id)) this.anchors.push(anchor);
  }

  get trustAnchorCount(): number {
    return this.anchors.length;
  }

  /** Replaces the CRLs (e.g. refreshed from the PKI directory). */
  setCrls(ders: readonly Uint8Array[]): void {
    this.crlList = parseCrls(ders);
  }

  /** Forgets every link, session, challenge and booking, and seeds the demo town anew. */
  reset(): void {
    this.challenges.clear();
    this.sessions.clear();
    this.auth.reset();
    this.bookings.reset();
    this.seed = this.makeSeed();
    this.indexCustomers();
  }

  get linkCount(): number {
    return this.auth.linkCount;
  }

  // ── auth ──────────────────────────────────────────────────────────────────────────────────
  createChallenge(body: Record<string, unknown>): Challenge {
    const purpose = body.purpose;
    if (purpose !== 'login' && purpose !== 'registration') {
      throw invalid('purpose', 'login or registration');
    }
    return this.challenges.issue(purpose);
  }

  login(body: Record<string, unknown>): Promise<TokenPair> {
    return this.auth.login(body);
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
    const daysRemaining = Math.floor((session.certificateNotAfter.getTime() - this.now().getTime()) / DAY_MS);
    return {
      customerNumber: customer.customerNumber,
      displayName: customer.name,
      municipality: this.seed.municipality,
      certificate: {
        notAfter: session.certificateNotAfter.toISOString(),
        daysRemaining,
        renewalWarning: daysRemaining <= RENEWAL_WARNING_DAYS,
      },
    };
  }

  get healthRecords(): HealthRecords {
    return this.health;
  }

  get bookingDesk(): BookingDesk {
    return this.bookings;
  }

  private makeSeed(): SeedData {
    return (this.config.seed ?? createDemoSeed)(this.now());
  }

  private indexCustomers(): void {
    this.customers = new Map(this.seed.customers.map((c) => [c.customerNumber, c]));
  }
}
