/**
 * The platform client the TV app uses: typed calls grouped by resource, one session per client.
 * Inject `fetch`, the clock and `sleep` for tests; the defaults are the browser's (or Node's).
 */
import { AuthSession } from './auth-session';
import { PlatformHttp } from './http';
import { PlatformClock } from './platform-clock';
import { AddressChangesResource } from './resources/address-changes';
import { AuthResource } from './resources/auth';
import { BookingsResource } from './resources/bookings';
import { FacilitiesResource } from './resources/facilities';
import { HealthResource } from './resources/health';
import { NoticesResource } from './resources/notices';
import { PairingResource } from './resources/pairing';
import { ProfileResource } from './resources/profile';
import { RegistrationResource } from './resources/registration';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';

export interface PlatformClientOptions {
  /** e.g. https://platform.example.jp or the simulator's http://127.0.0.1:8787 */
  baseUrl: string;
  fetch?: typeof fetch;
  /** The box's clock, ms since the epoch; corrected by the platform's Date header (PlatformClock). */
  now?: () => number;
  /** Per attempt; default 10 s (the box's network can be slow, the viewer is waiting). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** 0 ≤ random() < 1, for backoff jitter. */
  random?: () => number;
  /** Called when the session ended (refresh refused): show the login screen. */
  onSessionExpired?: () => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class PlatformClient {
  readonly auth: AuthResource;
  readonly registration: RegistrationResource;
  readonly profile: ProfileResource;
  readonly health: HealthResource;
  readonly facilities: FacilitiesResource;
  readonly bookings: BookingsResource;
  readonly notices: NoticesResource;
  readonly addressChanges: AddressChangesResource;
  /** Pairing the TV with a phone (RFC 8628); no session needed. */
  readonly pairing: PairingResource;
  /** The platform's time: token expiries are judged against it, not against the box's clock. */
  readonly now: () => number;

  constructor(options: PlatformClientOptions) {
    const clock = new PlatformClock(options.now ?? Date.now);
    this.now = clock.now;
    const http = new PlatformHttp({
      baseUrl: options.baseUrl,
      // Bound: calling an unbound window.fetch throws "Illegal invocation" in browsers.
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      clock,
    });
    const session = new AuthSession(http, clock.now, options.onSessionExpired);
    const context = { http, session };
    this.auth = new AuthResource(context);
    this.registration = new RegistrationResource(context);
    this.profile = new ProfileResource(context);
    this.health = new HealthResource(context);
    this.facilities = new FacilitiesResource(context);
    this.bookings = new BookingsResource(context);
    this.notices = new NoticesResource(context);
    this.addressChanges = new AddressChangesResource(context);
    this.pairing = new PairingResource(context);
  }
}
