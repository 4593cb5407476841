/**
 * The one-time values that let a call spend a PIN's last try. The bridge hands one out with
 * LAST_ATTEMPT_NEEDS_CONFIRMATION; only that value, on the same connection, for the same PIN
 * reference, within its lifetime and once, confirms. So a process that merely reaches the bridge
 * cannot burn the viewer's last try by sending `true`: it would have to have been shown the warning.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CONFIRMATION_LIFETIME_MS } from '../../../stb-spec/protocol/names';
import type { KeyKind } from '../../../stb-spec/protocol/jpki-card';

/** The PIN a call verifies: the auth PIN, or the signature password (sign key and its certificate). */
export type PinReference = 'auth' | 'sign';

export const pinReferenceOfKey = (key: KeyKind): PinReference => (key === 'auth' ? 'auth' : 'sign');

interface Issued {
  value: string;
  expires: number;
}

export class Confirmations {
  private readonly issued = new Map<string, Issued>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs = CONFIRMATION_LIFETIME_MS,
  ) {}

  /** A fresh value for this connection and PIN; any earlier one for the pair stops working. */
  issue(connection: number, reference: PinReference): string {
    const value = randomBytes(32).toString('base64url');
    this.issued.set(keyOf(connection, reference), { value, expires: this.now() + this.lifetimeMs });
    return value;
  }

  /**
   * True only for the valid value of this connection and PIN; that value is then spent. Anything
   * else (`true`, absent, stale, another connection's or PIN's) is false and leaves the issued one as is.
   */
  consume(connection: number, reference: PinReference, presented: unknown): boolean {
    if (typeof presented !== 'string') return false;
    const key = keyOf(connection, reference);
    const issued = this.issued.get(key);
    if (!issued) return false;
    if (this.now() >= issued.expires) {
      this.issued.delete(key);
      return false;
    }
    const given = Buffer.from(presented);
    const expected = Buffer.from(issued.value);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    this.issued.delete(key);
    return true;
  }

  /** A closed connection's values die with it. */
  forget(connection: number): void {
    for (const reference of ['auth', 'sign'] as const) this.issued.delete(keyOf(connection, reference));
  }

  /** How many values are outstanding (for tests: nothing accumulates). */
  get size(): number {
    return this.issued.size;
  }
}

const keyOf = (connection: number, reference: PinReference) => `${connection}:${reference}`;
