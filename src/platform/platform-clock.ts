/**
 * The platform's time as the box estimates it: the box's clock plus the offset the platform's `Date`
 * header showed. Token expiries are the platform's times, so they are judged against this clock, not
 * against a box clock that may be hours off (no NTP yet after power-up, a wrong time zone setting).
 */

/** Below this the offset is noise: `Date` has whole seconds, and the answer took a while to come. */
const NEGLIGIBLE_MS = 2_000;

export class PlatformClock {
  private offsetMs = 0;

  constructor(private readonly boxNow: () => number) {}

  /** Milliseconds since the epoch on the platform's clock. */
  readonly now = (): number => this.boxNow() + this.offsetMs;

  /** The box's own clock, to time a request with. */
  stamp(): number {
    return this.boxNow();
  }

  /** Learns the offset from an answer's `Date` header, sent at `sentAt` on the box's clock. */
  observe(dateHeader: string | null, sentAt: number): void {
    const platformMs = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
    if (!Number.isFinite(platformMs)) return;
    const receivedAt = this.boxNow();
    // The header was written between send and receipt and cut to the second: on average half a
    // second after the second it names.
    const offset = platformMs + 500 - (sentAt + receivedAt) / 2;
    this.offsetMs = Math.abs(offset) < NEGLIGIBLE_MS ? 0 : Math.round(offset);
  }
}
