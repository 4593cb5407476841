/**
 * The technician's card changes on the box's own screen: a large prompt in Japanese and English,
 * also spoken, confirmed with the remote's OK key (Enter). As with the Node kit's --interactive,
 * the kit goes on as soon as the bridge reports the change, or within 10 s of OK. Only what a
 * person can do with ordinary cards is asked for: a My Number test card, a card that is not one,
 * and no card.
 */
import type { CardSetup } from '../case';
import type { CardControl, InsertOptions, InsertableSetup } from '../card-control';

export interface Prompt {
  /** Counts up with every prompt, so a reader (or a test) can tell a new prompt from the last one. */
  seq: number;
  setup: CardSetup;
  ja: string;
  en: string;
}

export const PROMPTS: Partial<Record<CardSetup, { ja: string; en: string }>> = {
  normal: {
    ja: 'テスト用マイナンバーカードを挿入してください',
    en: 'Insert the My Number TEST card',
  },
  'not-my-number-card': {
    ja: 'マイナンバーカードではないICカード（キャッシュカード等）を挿入してください',
    en: 'Insert a contact IC card that is NOT a My Number Card (e.g. a bank card)',
  },
  none: { ja: 'カードを抜いてください', en: 'Remove the card from the reader' },
};

/** An OK pressed sooner than this after a prompt appeared was meant for the prompt before it. */
const READ_TIME_MS = 1_000;

export interface PromptDisplay {
  show(prompt: Prompt, timeoutMs: number): void;
  hide(): void;
}

export class ScreenControl implements CardControl {
  readonly mode = 'interactive' as const;
  private seq = 0;
  private shownAt = 0;
  private waiting: (() => void) | undefined;

  constructor(
    private readonly display: PromptDisplay,
    readonly changeTimeoutMs: number,
  ) {}

  /** A plain card only: any insert option (a timed removal, a slow card…) is the virtual card's job. */
  canProvide(setup: CardSetup, options: InsertOptions = {}): boolean {
    return PROMPTS[setup] !== undefined && !Object.values(options).some((value) => value);
  }

  insert(setup: InsertableSetup): Promise<void> {
    return this.ask(setup);
  }

  remove(): Promise<void> {
    return this.ask('none');
  }

  /** The bridge reports the inserted card: the prompt is done. */
  async settled(): Promise<void> {
    this.dismiss();
  }

  /** The OK key. */
  confirm(): void {
    if (!this.waiting || performance.now() - this.shownAt < READ_TIME_MS) return;
    const resolve = this.waiting;
    this.dismiss();
    resolve();
  }

  /** The prompt leaves the screen (the change was seen, or the kit moved on). */
  dismiss(): void {
    this.waiting = undefined;
    this.display.hide();
  }

  async close(): Promise<void> {
    this.dismiss();
  }

  private ask(setup: CardSetup): Promise<void> {
    const text = PROMPTS[setup]!;
    this.seq += 1;
    this.shownAt = performance.now();
    this.display.show({ seq: this.seq, setup, ...text }, this.changeTimeoutMs);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}
