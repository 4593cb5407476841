/**
 * A client's share of a connection's message limit (BR-TRN-9): a bridge closes a connection that
 * sends more than `LIMITS.maxMessagesPerSecond` frames in any second, counting a frame at `t` while
 * `t > now − 1000`. A client keeps a share below the limit: its send times are not the bridge's
 * arrival times.
 */
import { LIMITS } from './names';

/** The window a bridge counts a connection's frames over. */
const MESSAGE_WINDOW_MS = 1000;

export class SendWindow {
  private readonly sent: number[] = [];

  constructor(
    readonly budget: number,
    readonly windowMs = MESSAGE_WINDOW_MS,
  ) {
    if (!Number.isInteger(budget) || budget < 1) throw new RangeError(`budget must be ≥ 1, got ${budget}`);
  }

  /** The most messages a client sends in a window: `share` of the limit a bridge announces (getInfo). */
  static forLimit(maxMessagesPerSecond: number = LIMITS.maxMessagesPerSecond, share = 0.9): SendWindow {
    return new SendWindow(Math.max(1, Math.floor(maxMessagesPerSecond * share)));
  }

  /** How many more messages may go at `now` and keep the window within the budget. */
  roomAt(now: number): number {
    while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
    return this.budget - this.sent.length;
  }

  /** Milliseconds to wait at `now` before one more message keeps the window within the budget. */
  delayAt(now: number): number {
    return this.roomAt(now) > 0 ? 0 : this.sent[0]! + this.windowMs - now;
  }

  record(now: number): void {
    this.sent.push(now);
  }
}
