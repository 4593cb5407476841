/**
 * --interactive: a lab technician inserts and removes real test cards when the kit asks. The kit
 * goes on as soon as the bridge reports the change (or the technician presses Enter and the bridge
 * then reports it); after the prompt timeout the case that needed the change is skipped.
 * Only what a person can do with ordinary cards is offered: a My Number test card, a card that is
 * not one, and no card. Locked cards, faulty cards and timed removals are the virtual card's job.
 */
import { createInterface, type Interface } from 'node:readline';
import type { CardSetup } from './case';
import type { CardControl, InsertOptions, InsertableSetup } from './card-control';

const PROMPTS: Partial<Record<CardSetup, string>> = {
  normal:
    'カードを挿入してください（テスト用マイナンバーカード） / Insert the My Number TEST card now, then press Enter',
  'not-my-number-card':
    'マイナンバーカードではないICカード（キャッシュカード等）を挿入してください / ' +
    'Insert a contact IC card that is NOT a My Number Card (e.g. a bank card), then press Enter',
  none: 'カードを抜いてください / Remove the card from the reader now, then press Enter',
};

export class InteractiveControl implements CardControl {
  readonly mode = 'interactive' as const;
  private lines: Interface | undefined;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly write: (line: string) => void,
    readonly changeTimeoutMs: number,
    private readonly input: NodeJS.ReadableStream = process.stdin,
  ) {}

  canProvide(setup: CardSetup, options: InsertOptions = {}): boolean {
    return PROMPTS[setup] !== undefined && !options.removeDuringNextOperation && !options.pace;
  }

  /** Resolves when the technician presses Enter (the stage also watches the bridge meanwhile). */
  insert(setup: InsertableSetup): Promise<void> {
    return this.ask(PROMPTS[setup]!);
  }

  remove(): Promise<void> {
    return this.ask(PROMPTS.none!);
  }

  async close(): Promise<void> {
    this.lines?.close();
    this.lines = undefined;
  }

  private ask(prompt: string): Promise<void> {
    this.write('');
    this.write(`▶ ${prompt}`);
    this.write(`  (待機 / waiting up to ${Math.round(this.changeTimeoutMs / 1000)} s)`);
    if (!this.lines) {
      this.lines = createInterface({ input: this.input });
      this.lines.on('line', () => {
        const waiting = this.waiting;
        this.waiting = [];
        for (const resolve of waiting) resolve();
      });
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
