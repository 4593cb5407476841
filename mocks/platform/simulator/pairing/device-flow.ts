/**
 * RFC 8628's device authorization grant as the platform runs it: a TV asks for a pair of codes
 * (§3.1–3.2), shows the user code; a phone opens the platform's page with it (§3.3) and approves or
 * declines; meanwhile the TV polls the token endpoint (§3.4–3.5) and, once approved, receives a
 * pairing grant bound to its box.
 *
 * The flow is the same for both scopes: `pairing` joins a phone to the box; `login` logs the TV in
 * without a reader — approved only by the card read on the phone (デジタル認証アプリ, phone-login.ts),
 * and answered with the viewer's session tokens. Codes, polling and the page are the same. Pending flows live in memory (a restart means a new code on the TV, as with challenges);
 * grants are kept in the record store by the SHA-256 of their token, never the token itself.
 */
import type {
  DeviceAuthorization,
  LoginGrant,
  PairingGrant,
  TokenPair,
} from '../../../../src/platform/types';
import type { RecordStore } from '../../store/record-store';
import { invalid, ProblemError, type ProblemCode } from '../problem';
import type { PairingClient } from './clients';
import { formatUserCode, newUserCode, normalizeUserCode } from './user-code';
import { Pairings, randomSecret, secretKey, type Pairing } from './pairings';
import { PhoneItems } from './phone-items';
import { PhoneRemote } from './phone-remote';

export const DEVICE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
/** §3.2 `expires_in`: long enough to find the phone, short enough to bound guessing. */
const DEVICE_CODE_TTL_MS = 600_000;
/** §3.2 `interval` (the RFC's default). */
const POLL_INTERVAL_MS = 5_000;
/** §3.5: each slow_down adds this to the device code's interval. */
const SLOW_DOWN_STEP_MS = 5_000;
/** A poll this much early still counts as on time (network jitter of a box's poll loop). */
const POLL_GRACE_MS = 1_000;
/** How long a pairing grant lasts; pairing the box again replaces it with a new one. */
const PAIRING_TTL_MS = 90 * 24 * 60 * 60_000;
/** Pending flows kept at most: beyond it, the oldest is forgotten (memory stays flat under a flood). */
const MAX_PENDING = 10_000;
/** How long an ended flow still answers expired_token / access_denied rather than invalid_grant. */
const RETENTION_MS = 15 * 60_000;

type PairingScope = 'pairing' | 'login';
const SCOPES: readonly PairingScope[] = ['pairing', 'login'];

const BOX_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const BOX_NAME_MAX = 32;

// The answers' shapes are the API document's.
export type { DeviceAuthorization, LoginGrant, PairingGrant };

export type { Pairing };

/** What the phone page may show of a pending flow: the box and its operator, nothing else. */
export interface PendingRequest {
  userCode: string;
  scope: PairingScope;
  boxName: string;
  client: PairingClient;
  expiresAt: Date;
}

/** The phone page's one answer to any code that names no pending request. */
export class UnknownUserCode extends Error {
  constructor() {
    super('no pending request has this code');
    this.name = 'UnknownUserCode';
  }
}

/** §3.5 slow_down, with the device code's interval now (the token endpoint adds it to the answer). */
export class SlowDown extends ProblemError {
  constructor(readonly interval: number) {
    super(400, 'SLOW_DOWN', `poll at most every ${interval} s`);
  }
}

/** §3.5 access_denied of a login the platform refused (the card read on the phone), with why. */
class LoginRefused extends ProblemError {
  constructor(readonly reason: ProblemCode) {
    super(400, 'ACCESS_DENIED', `the platform refused the card read on the phone (${reason})`);
    // The token endpoint's answer is the problem: the TV says why, not just "declined".
    Object.assign(this.problem, { reason });
  }
}

type FlowState = 'pending' | 'approved' | 'denied' | 'spent';

interface Flow {
  deviceCode: string;
  userCode: string;
  client: PairingClient;
  boxId: string;
  boxName: string;
  scope: PairingScope;
  expiresAt: number;
  intervalMs: number;
  lastPollAt?: number;
  state: FlowState;
  /** `login`: the session the phone's card login opened, handed to the TV at its next poll. */
  tokens?: TokenPair;
  /** `login`: why the platform refused the card read on the phone (denied without the viewer). */
  refusal?: ProblemCode;
  /** `pairing`: the credential the approving phone was given (its cookie). */
  phoneCredential?: string;
}

export interface DeviceFlowOptions {
  now: () => Date;
  store: RecordStore;
  clients: readonly PairingClient[];
  ttlMs?: number;
  intervalMs?: number;
  pairingTtlMs?: number;
}

const randomToken = randomSecret;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A box name shown on the phone: NFC, no control or format characters, 1–32 characters. */
function boxNameOf(value: unknown): string {
  const name = text(value)?.normalize('NFC').trim();
  if (!name || [...name].length > BOX_NAME_MAX || /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u.test(name)) {
    throw invalid('box_name', `1–${BOX_NAME_MAX} printable characters`);
  }
  return name;
}

export class DeviceFlow {
  private readonly byDevice = new Map<string, Flow>();
  private readonly byUser = new Map<string, Flow>();
  private readonly ttlMs: number;
  private readonly intervalMs: number;
  private readonly pairingTtlMs: number;
  /** The granted pairings (the TV's token, the phone's credential, 解除). */
  readonly pairings: Pairings;
  /** What the TV sent to each pairing's phone. */
  readonly items: PhoneItems;
  /** The phone page's touch remote, queued for the TV's poll. */
  readonly remote: PhoneRemote;

  constructor(private readonly options: DeviceFlowOptions) {
    this.pairings = new Pairings(options.store, options.now);
    this.items = new PhoneItems(options.store, options.now);
    this.remote = new PhoneRemote(options.now);
    this.ttlMs = Math.min(options.ttlMs ?? DEVICE_CODE_TTL_MS, DEVICE_CODE_TTL_MS);
    this.intervalMs = options.intervalMs ?? POLL_INTERVAL_MS;
    this.pairingTtlMs = options.pairingTtlMs ?? PAIRING_TTL_MS;
  }

  /** How long a pairing lasts, in seconds (the phone's cookie lasts as long). */
  get pairingTtlSeconds(): number {
    return Math.floor(this.pairingTtlMs / 1000);
  }

  private get time(): number {
    return this.options.now().getTime();
  }

  clear(): void {
    this.byDevice.clear();
    this.byUser.clear();
    this.remote.clear();
  }

  /** The registered client of a `client_id` (400 INVALID_CLIENT otherwise, §3.2 / RFC 6749 §5.2). */
  private client(value: unknown): PairingClient {
    const client = this.options.clients.find((c) => c.id === value);
    if (!client) throw new ProblemError(400, 'INVALID_CLIENT', 'client_id is not a registered TV app');
    return client;
  }

  /** §3.1–3.2: a new pair of codes for a box. `verificationUri` is the phone page's address. */
  start(body: Record<string, unknown>, verificationUri: string): DeviceAuthorization {
    const client = this.client(body.client_id);
    const boxId = text(body.box_id);
    if (!boxId || !BOX_ID_PATTERN.test(boxId)) throw invalid('box_id', '16–64 characters A–Z a–z 0–9 _ -');
    const boxName = boxNameOf(body.box_name);
    const scope = (body.scope ?? 'pairing') as PairingScope;
    if (!SCOPES.includes(scope))
      throw new ProblemError(400, 'INVALID_SCOPE', `scope: one of ${SCOPES.join(' ')}`);
    this.prune();
    let userCode = newUserCode();
    while (this.byUser.has(userCode)) userCode = newUserCode();
    const flow: Flow = {
      deviceCode: randomToken(),
      userCode,
      client,
      boxId,
      boxName,
      scope,
      expiresAt: this.time + this.ttlMs,
      intervalMs: this.intervalMs,
      state: 'pending',
    };
    this.byDevice.set(flow.deviceCode, flow);
    this.byUser.set(userCode, flow);
    const shown = formatUserCode(userCode);
    return {
      device_code: flow.deviceCode,
      user_code: shown,
      verification_uri: verificationUri,
      // Only the user code: the link (a QR code on the TV) carries nothing of the viewer or the box.
      verification_uri_complete: `${verificationUri}?code=${shown}`,
      expires_in: Math.floor(this.ttlMs / 1000),
      interval: Math.ceil(this.intervalMs / 1000),
    };
  }

  /** §3.4–3.5: one poll of the TV. The grant once approved; else the problem §3.5 names. */
  async poll(body: Record<string, unknown>): Promise<PairingGrant | LoginGrant> {
    if (body.grant_type !== DEVICE_GRANT_TYPE) {
      throw new ProblemError(400, 'UNSUPPORTED_GRANT_TYPE', `grant_type must be ${DEVICE_GRANT_TYPE}`);
    }
    const client = this.client(body.client_id);
    const deviceCode = text(body.device_code);
    if (!deviceCode) throw invalid('device_code', 'required');
    this.prune();
    const flow = this.byDevice.get(deviceCode);
    // Another client's code is as unknown as a made-up one: nothing is told of it.
    if (!flow || flow.client.id !== client.id || flow.state === 'spent') {
      throw new ProblemError(400, 'INVALID_GRANT', 'the device code is not valid (unknown or already used)');
    }
    const now = this.time;
    if (now >= flow.expiresAt) throw new ProblemError(400, 'EXPIRED_TOKEN', 'the device code has expired');
    if (flow.state === 'denied') {
      if (flow.refusal) throw new LoginRefused(flow.refusal);
      throw new ProblemError(400, 'ACCESS_DENIED', 'the viewer declined');
    }
    if (flow.state === 'pending') {
      const early = flow.lastPollAt !== undefined && now - flow.lastPollAt < flow.intervalMs - POLL_GRACE_MS;
      flow.lastPollAt = now;
      if (early) {
        flow.intervalMs += SLOW_DOWN_STEP_MS;
        throw new SlowDown(Math.ceil(flow.intervalMs / 1000));
      }
      throw new ProblemError(400, 'AUTHORIZATION_PENDING', 'the viewer has not answered yet');
    }
    // Approved: the grant, once.
    flow.state = 'spent';
    this.byUser.delete(flow.userCode);
    if (flow.tokens) return this.loginGrant(flow.tokens, now);
    return this.grant(flow);
  }

  private loginGrant(tokens: TokenPair, now: number): LoginGrant {
    return {
      access_token: tokens.accessToken,
      token_type: 'Bearer',
      expires_in: Math.max(0, Math.floor((Date.parse(tokens.accessTokenExpiresAt) - now) / 1000)),
      access_token_expires_at: tokens.accessTokenExpiresAt,
      refresh_token: tokens.refreshToken,
      refresh_token_expires_at: tokens.refreshTokenExpiresAt,
      scope: 'login',
    };
  }

  private async grant(flow: Flow): Promise<PairingGrant> {
    const token = randomToken();
    const pairing: Pairing = {
      id: `pr_${randomToken().slice(0, 22)}`,
      clientId: flow.client.id,
      boxId: flow.boxId,
      boxName: flow.boxName,
      scope: 'pairing',
      createdAt: new Date(this.time).toISOString(),
      expiresAt: new Date(this.time + this.pairingTtlMs).toISOString(),
    };
    // A box has one pairing: pairing again replaces the one before (and its token stops working).
    const phoneKey = flow.phoneCredential === undefined ? undefined : await secretKey(flow.phoneCredential);
    flow.phoneCredential = undefined;
    await this.pairings.create(pairing, token, phoneKey);
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: Math.floor(this.pairingTtlMs / 1000),
      scope: 'pairing',
      pairing_id: pairing.id,
    };
  }

  /**
   * The pairing of a grant's token, for the box it was given to; undefined when the token is
   * unknown, expired, or presented by another box.
   */
  pairingOf(token: string, boxId: string): Promise<Pairing | undefined> {
    return this.pairings.ofToken(token, boxId);
  }

  /**
   * §3.3: the pending request a viewer's code names, for the phone page. Every failure is one
   * problem, whatever the reason (never made, expired, answered, a typo): the page tells nothing
   * of other flows.
   */
  pending(input: string): PendingRequest {
    const flow = this.pendingFlow(input);
    return {
      userCode: formatUserCode(flow.userCode),
      scope: flow.scope,
      boxName: flow.boxName,
      client: flow.client,
      expiresAt: new Date(flow.expiresAt),
    };
  }

  /**
   * The viewer's answer on the phone; the code is spent by it (a second answer finds nothing). A
   * `login` request is approved only by a card login (approveLogin), never by a button.
   */
  decide(input: string, approve: boolean): PendingRequest & { phoneCredential?: string } {
    const request = this.pending(input);
    const flow = this.pendingFlow(input);
    if (approve && flow.scope === 'login') throw invalid('decision', 'a login is approved by the card alone');
    flow.state = approve ? 'approved' : 'denied';
    this.byUser.delete(flow.userCode);
    if (!approve) return request;
    // The approving phone's own credential: its page of sent items and its 解除 answer to it alone.
    // Kept in memory with the pending flow only; the record keeps its hash once granted.
    flow.phoneCredential = randomSecret();
    return { ...request, phoneCredential: flow.phoneCredential };
  }

  /** A `login` request the platform refused for the card read on the phone: the TV's poll says why. */
  refuseLogin(input: string, reason: ProblemCode): PendingRequest {
    const flow = this.pendingFlow(input);
    const request = this.decide(input, false);
    flow.refusal = reason;
    return request;
  }

  /** A `login` request approved with the session the viewer's card login on the phone opened. */
  approveLogin(input: string, tokens: TokenPair): PendingRequest {
    const request = this.pending(input);
    const flow = this.pendingFlow(input);
    if (flow.scope !== 'login') throw new UnknownUserCode();
    flow.state = 'approved';
    flow.tokens = tokens;
    this.byUser.delete(flow.userCode);
    return request;
  }

  private pendingFlow(input: string): Flow {
    const code = normalizeUserCode(input);
    const flow = code === undefined ? undefined : this.byUser.get(code);
    if (!flow || flow.state !== 'pending' || this.time >= flow.expiresAt) {
      throw new UnknownUserCode();
    }
    return flow;
  }

  /** Forgets flows past their retention, and the oldest beyond the bound; insertion order is expiry order. */
  private prune(): void {
    const now = this.time;
    for (const flow of this.byDevice.values()) {
      const over = this.byDevice.size > MAX_PENDING;
      if (!over && flow.expiresAt + RETENTION_MS > now) break;
      this.byDevice.delete(flow.deviceCode);
      if (this.byUser.get(flow.userCode) === flow) this.byUser.delete(flow.userCode);
    }
    for (const [code, flow] of this.byUser) {
      if (flow.expiresAt > now) break;
      this.byUser.delete(code);
    }
  }
}
