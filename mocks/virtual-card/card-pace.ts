/**
 * How fast the virtual card answers: at once (default), like a slow card near the spec's limits, or
 * hanging on one command for longer than the bridge waits. The card always does its work at once (a
 * VERIFY counts its try, a signature is computed); only its answer is held, as a real card that is
 * slow to respond. For the bridge's time limit (BR-MTH-76); in process and on vpcd alike.
 *
 * The slow preset: every answer takes 300 ms (a slow contactless link), and the signature (COMPUTE
 * DIGITAL SIGNATURE) takes 10 s, the longest one command may take with the waiting-time extensions a
 * reader must honour (BR-RDR-7). A sign is then about 6 APDUs: 10 s + 5 × 0.3 s ≈ 11.5 s, a
 * certificate read about 8 × 0.3 s ≈ 2.4 s — every operation under the 15 s the bridge gives it
 * (CARD_OPERATION_TIMEOUT_MS), with room for pcscd and vpcd.
 */
import { Ins } from '../../stb-spec/protocol/jpki-card';

export interface CardPaceOptions {
  /** Every answer waits this long. */
  answerDelayMs?: number;
  /** The answer to a signature (COMPUTE DIGITAL SIGNATURE, INS 2A) waits this long instead. */
  signDelayMs?: number;
  /**
   * The answer to the first command with INS `ins` (with `withData`: only one carrying data, e.g. a
   * VERIFY with a PIN rather than the tries query) is held for `holdMs`, one time only.
   */
  hang?: { ins: number; holdMs: number; withData?: boolean };
}

export const SLOW_CARD: Readonly<CardPaceOptions> = { answerDelayMs: 300, signDelayMs: 10_000 };

/** A card that holds the answer to its first signature for `holdMs`. */
export const hangingSignature = (holdMs: number): CardPaceOptions => ({
  hang: { ins: Ins.computeDigitalSignature, holdMs },
});

/** A card that hangs on its first signature for 20 s: longer than the bridge's 15 s. */
export const HANGING_CARD: Readonly<CardPaceOptions> = hangingSignature(20_000);

export class CardPace {
  /** Resolves when the hang holds an answer (the bridge's command is with the card). */
  readonly hung: Promise<void>;
  private hangArmed: boolean;
  private markHung!: () => void;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly options: CardPaceOptions = {}) {
    this.hangArmed = options.hang !== undefined;
    this.hung = new Promise<void>((resolve) => (this.markHung = resolve));
  }

  /** How long the answer to `command` is held. */
  delayFor(command: Uint8Array): number {
    const ins = command[1];
    const hang = this.options.hang;
    if (this.hangArmed && hang && ins === hang.ins && (!hang.withData || command.length > 5)) {
      this.hangArmed = false;
      this.markHung();
      return hang.holdMs;
    }
    if (ins === Ins.computeDigitalSignature && this.options.signDelayMs !== undefined) {
      return this.options.signDelayMs;
    }
    return this.options.answerDelayMs ?? 0;
  }

  /** Waits as long as the answer to `command` is held. */
  async hold(command: Uint8Array): Promise<void> {
    const ms = this.delayFor(command);
    if (ms <= 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
    });
  }

  /** Lets every held answer go now (a test's hang ends when the test says). */
  release(): void {
    for (const done of [...this.waiting]) done();
  }
}

/** Parses `--hang INS:MS` (INS in hex, e.g. `2A:20000`). */
export function parseHang(text: string): { ins: number; holdMs: number } | undefined {
  const match = /^([0-9A-Fa-f]{2}):(\d{1,6})$/.exec(text);
  if (!match) return undefined;
  return { ins: parseInt(match[1]!, 16), holdMs: Number(match[2]) };
}
