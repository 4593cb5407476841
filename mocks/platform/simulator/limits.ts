/**
 * Rate limits per client (address) and per certificate, on challenges, logins, registrations,
 * refreshes and every other call: beyond a limit, 429 RATE_LIMITED with Retry-After. The counters
 * are rate-limiter-flexible's in-memory ones; a platform of several instances swaps in its Redis
 * limiter with the same rules.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ProblemError } from './problem';

export type LimitedAction =
  | 'challenge'
  | 'login'
  | 'registration'
  | 'refresh'
  | 'api'
  | 'device-authorization'
  | 'device-token'
  | 'user-code'
  | 'phone-remote';
/** `global` counts every caller together, under one key (RFC 8628 §5.1's guessing bound). */
export type LimitScope = 'client' | 'certificate' | 'global';

interface LimitRule {
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
}

export type LimitRules = Record<LimitScope, Partial<Record<LimitedAction, LimitRule>>>;

/**
 * Generous for a viewer (a login takes one challenge and one login; a TV does a few an hour) and
 * for the test journeys that share one address, tight enough that a flood is cut off in a minute.
 */
export const DEFAULT_LIMITS: LimitRules = {
  client: {
    challenge: { points: 120, windowSeconds: 60 },
    login: { points: 60, windowSeconds: 60 },
    registration: { points: 20, windowSeconds: 60 },
    refresh: { points: 60, windowSeconds: 60 },
    api: { points: 1200, windowSeconds: 60 },
    // A box starts a flow when the viewer opens the pairing screen; a new code every 6 s at most.
    'device-authorization': { points: 10, windowSeconds: 60 },
    // One box polls every 5 s; a household or a NAT holds a few.
    'device-token': { points: 120, windowSeconds: 60 },
    // RFC 8628 §5.1: a viewer mistypes a few times; a guesser from one address gets 20 tries in 10 min.
    'user-code': { points: 20, windowSeconds: 600 },
    // Per pairing: a viewer taps a few keys a second at most; a stuck finger or a script stops here.
    'phone-remote': { points: 120, windowSeconds: 60 },
  },
  certificate: {
    login: { points: 30, windowSeconds: 60 },
    registration: { points: 10, windowSeconds: 60 },
    api: { points: 600, windowSeconds: 60 },
  },
  global: {
    // Every address together: 1,200 lookups per 10 minutes against 2.56 × 10^10 codes keep the
    // chance that a distributed guesser hits any of 10,000 live codes in 10 minutes under 1 in 2,000.
    'user-code': { points: 1200, windowSeconds: 600 },
  },
};

export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterMemory>();

  constructor(private readonly rules: LimitRules | false = DEFAULT_LIMITS) {
    this.clear();
  }

  /** Forgets every count (the simulator's reset). */
  clear(): void {
    this.limiters.clear();
    const rules = this.rules;
    if (!rules) return;
    for (const scope of ['client', 'certificate', 'global'] as const) {
      for (const [action, rule] of Object.entries(rules[scope])) {
        if (!rule) continue;
        this.limiters.set(
          `${scope}:${action}`,
          new RateLimiterMemory({
            points: rule.points,
            duration: rule.windowSeconds,
            keyPrefix: `${scope}-${action}`,
          }),
        );
      }
    }
  }

  /** Counts one request; throws 429 RATE_LIMITED (with the seconds to wait) beyond the limit. */
  async take(scope: LimitScope, action: LimitedAction, key: string): Promise<void> {
    const limiter = this.limiters.get(`${scope}:${action}`);
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      const retryAfterSeconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
      throw new ProblemError(
        429,
        'RATE_LIMITED',
        `too many ${action} requests from this ${scope}; try again in ${retryAfterSeconds} s`,
        {},
        { retryAfterSeconds },
      );
    }
  }
}
